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
        var rng = NumPyGenerator(seed: seed)
        return try covMMD(real: real, gen: gen, samples: samples, batches: batches) { population, count in
            rng.choice(population, count: count)
        }
    }

    /// COV and MMD over batches drawn by `draw`, as jetnet 0.2.5's `cov_mmd` computes them.
    ///
    /// - Parameters:
    ///   - real: `[jets, particles, >= 3]` in JetNet order `[etarel, phirel, ptrel, ...]`.
    ///   - gen: same layout (particle counts may differ).
    ///   - draw: `draw(population, count)` returns `count` indices in `0..<population`; called
    ///     for the real then the generated sample of each batch, as jetnet's `rng.choice`.
    static func covMMD<T: NDArrayElement & BinaryFloatingPoint>(
        real: NDArray<T>, gen: NDArray<T>, samples: Int, batches: Int,
        draw: (_ population: Int, _ count: Int) -> [Int]
    ) throws -> CovMMD {
        guard samples > 0 else {
            throw MetricError.invalidArgument(name: "samples", value: "\(samples)", allowed: "positive")
        }
        guard batches > 0 else {
            throw MetricError.invalidArgument(name: "batches", value: "\(batches)", allowed: "positive")
        }
        try InputPolicy.checkJets(real, name: "real jets", minimumJets: 2)
        try InputPolicy.checkJets(gen, name: "generated jets", minimumJets: 2)
        try MemoryBudget.require(MetricMemory.covMMD(samples: samples, batches: batches),
                                 for: "COV/MMD with samples \(samples) and batches \(batches)")
        // jetnet checks every jet's pt, not only the sampled ones; so do we (while converting).
        let realJets = try EMDJets(real, name: "real", normalise: false, layout: .jetNet)
        let genJets = try EMDJets(gen, name: "gen", normalise: false, layout: .jetNet)
        guard realJets.count > 0 else { throw MetricError.tooFewSamples(array: "real", rows: 0, needed: 1) }
        guard genJets.count > 0 else { throw MetricError.tooFewSamples(array: "gen", rows: 0, needed: 1) }
        let ground = EMDGroundDistance(R: 1, beta: 1, periodicPhi: false)

        // Shape (gen, real), as jetnet's `emds(gen_rand_sample, real_rand_sample)`: MMD is the
        // mean over real jets of the EMD to the nearest generated jet (min over axis 0), COV the
        // share of real jets that are some generated jet's nearest (argmin over axis 1).
        let draws = (0..<batches).map { _ in
            let realRows = draw(realJets.count, samples)
            return NearestEMDs.Batch(gen: draw(genJets.count, samples), real: realRows)
        }
        let nearest = try NearestEMDs(gen: genJets, real: realJets, ground: ground)(draws)
        let mmds = nearest.map { NumPySum.mean($0.distanceOfReal) }
        let covs = nearest.map { Double(Set($0.realIndexOfGen).count) / Double(samples) }
        return CovMMD(cov: NumPySum.mean(covs), mmd: NumPySum.mean(mmds))
    }
}
