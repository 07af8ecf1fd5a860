import Foundation
import JetNetCore

extension Metrics {
    /// Coverage (COV) and minimum matching distance (MMD) between real and generated jets with
    /// the Energy Mover's Distance, as jetnet 0.2.5's `cov_mmd`.
    ///
    /// Each batch draws `samples` real and `samples` generated jets with replacement
    /// (`rng.choice`, real first), computes the EMDs between them (energyflow's `emds`, R = 1,
    /// beta = 1), and records MMD = the mean over the real jets of the EMD to the nearest
    /// generated jet, and COV = the number of distinct real jets that are some generated jet's
    /// nearest, divided by `samples`. Both are averaged over the batches.
    ///
    /// With seed `s` the result equals jetnet's when `jetnet.evaluation.gen_metrics.rng` is
    /// `np.random.default_rng(s)` right before the call (jetnet's own generator is unseeded).
    /// jetnet's code comments describe COV and MMD the other way round; the code, which we
    /// follow, is right. Its docstring says `num_batches` defaults to 100; the code uses 10, as here.
    ///
    /// - Parameters:
    ///   - real: real jets, shape `[jets, particles, >= 3]`, JetNet order `[etarel, phirel,
    ///     ptrel, ...]` (features after the third, e.g. the mask, are ignored; zero-pt padding
    ///     carries no weight).
    ///   - gen: generated jets, same layout (the particle count may differ).
    ///   - samples: jets drawn from each sample per batch (jetnet's `num_eval_samples`,
    ///     ``Defaults/covMMDSamples``).
    ///   - batches: number of batches (jetnet's `num_batches`, ``Defaults/covMMDBatches``).
    ///   - seed: seeds NumPy's `default_rng` for the draws (``Defaults/seed``).
    /// - Returns: COV and MMD averaged over the batches.
    /// - Throws: `InputError` for jets the ``InputPolicy`` refuses (a wrong shape, fewer than 2
    ///   jets, NaN/infinity, a negative pt anywhere, as jetnet asserts); ``MetricError`` for
    ///   non-positive `samples`/`batches`.
    /// - Complexity: `batches * samples^2` cheap lower bounds on the EMD, and exact EMDs (network
    ///   simplex) only for the pairs whose bounds say they might be nearest neighbours; batches
    ///   run in parallel over all cores. The result is the one all `samples^2` EMDs give.
    public static func covMMD<T: NDArrayElement & BinaryFloatingPoint>(
        real: NDArray<T>, gen: NDArray<T>, samples: Int = Defaults.covMMDSamples, batches: Int = Defaults.covMMDBatches,
        seed: UInt64 = Defaults.seed
    ) throws -> CovMMD {
        guard samples > 0 else {
            throw MetricError.invalidArgument(name: "samples", value: "\(samples)", allowed: "positive")
        }
        guard batches > 0 else {
            throw MetricError.invalidArgument(name: "batches", value: "\(batches)", allowed: "positive")
        }
        try MemoryBudget.require(MetricMemory.covMMD(samples: samples, batches: batches),
                                 for: "COV/MMD with samples \(samples) and batches \(batches)")
        let (realJets, genJets) = try covMMDJets(real, gen)
        var rng = NumPyGenerator(seed: seed)
        let draws = BatchDraw.choices(&rng, realRows: realJets.count, genRows: genJets.count, samples: samples, batches: batches)
        return try covMMD(realJets, genJets, draws: draws, threads: nil)
    }

    /// COV and MMD over the given batches, as jetnet 0.2.5's `cov_mmd` computes them, on at most
    /// `threads` threads (nil: all processors; the result does not depend on it).
    ///
    /// - Parameters:
    ///   - real: `[jets, particles, >= 3]` in JetNet order `[etarel, phirel, ptrel, ...]`.
    ///   - gen: same layout (particle counts may differ).
    ///   - draws: each batch's rows of `real` and `gen` (the same count in every batch and side).
    ///   - threads: worker threads (nil: all processors).
    static func covMMD<T: NDArrayElement & BinaryFloatingPoint>(
        real: NDArray<T>, gen: NDArray<T>, draws: [BatchDraw], threads: Int?
    ) throws -> CovMMD {
        let (realJets, genJets) = try covMMDJets(real, gen)
        return try covMMD(realJets, genJets, draws: draws, threads: threads)
    }

    /// Both samples checked and converted, as jetnet checks them (every jet's pt, not only the
    /// sampled ones).
    // Callers are generic over the element type; without these the checks of every value go
    // through unspecialised generic code.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    private static func covMMDJets<T: NDArrayElement & BinaryFloatingPoint>(
        _ real: NDArray<T>, _ gen: NDArray<T>
    ) throws -> (real: EMDJets, gen: EMDJets) {
        try InputPolicy.checkJetShape(real.shape, name: "real jets", minimumJets: 2)
        try InputPolicy.checkJetShape(gen.shape, name: "generated jets", minimumJets: 2)
        // The two samples are checked and converted at the same time, one per core; the real
        // jets' error comes first, as when checked in turn.
        var converted = [Result<EMDJets, any Error>?](repeating: nil, count: 2)
        converted.withUnsafeMutableBufferPointer { buffer in
            // Each side's slot is written by exactly one worker.
            nonisolated(unsafe) let slots = buffer
            ParallelTasks.run(2, threads: nil) { side in
                slots[side] = Result {
                    let (jets, name, shortName) = side == 0 ? (real, "real jets", "real") : (gen, "generated jets", "gen")
                    try InputPolicy.checkJets(jets, name: name, minimumJets: 2)
                    return try EMDJets(jets, name: shortName, normalise: false, layout: .jetNet)
                }
            }
        }
        let realJets = try converted[0]!.get()
        let genJets = try converted[1]!.get()
        guard realJets.count > 0 else { throw MetricError.tooFewSamples(array: "real", rows: 0, needed: 1) }
        guard genJets.count > 0 else { throw MetricError.tooFewSamples(array: "gen", rows: 0, needed: 1) }
        return (realJets, genJets)
    }

    private static func covMMD(_ realJets: EMDJets, _ genJets: EMDJets, draws: [BatchDraw], threads: Int?) throws -> CovMMD {
        let ground = EMDGroundDistance(R: 1, beta: 1, periodicPhi: false)

        // Shape (gen, real), as jetnet's `emds(gen_rand_sample, real_rand_sample)`: MMD is the
        // mean over real jets of the EMD to the nearest generated jet (min over axis 0), COV the
        // share of real jets that are some generated jet's nearest (argmin over axis 1).
        let batches = draws.map { NearestEMDs.Batch(gen: $0.gen, real: $0.real) }
        let nearest = try NearestEMDs(gen: genJets, real: realJets, ground: ground)(batches, threads: threads)
        let mmds = nearest.map { NumPySum.mean($0.distanceOfReal) }
        let covs = zip(nearest, draws).map { Double(Set($0.realIndexOfGen).count) / Double($1.real.count) }
        return CovMMD(cov: NumPySum.mean(covs), mmd: NumPySum.mean(mmds))
    }
}
