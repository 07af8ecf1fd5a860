import Foundation
import JetNetCore

/// Coverage and minimum matching distance of generated jets, with EMD as the distance.
public struct CoverageMMD: Sendable, Equatable, Codable {
    /// Coverage: the fraction of sampled real jets that are the nearest real jet of some
    /// generated jet, averaged over batches. Higher is better (1 at most).
    public var cov: Double
    /// Minimum matching distance: the mean over real jets of the EMD to the nearest generated
    /// jet, averaged over batches. Lower is better.
    public var mmd: Double

    /// Makes a result.
    public init(cov: Double, mmd: Double) {
        self.cov = cov
        self.mmd = mmd
    }
}

extension Metrics {
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
    ) throws -> CoverageMMD {
        guard samples > 0 else {
            throw MetricError.invalidArgument(name: "samples", value: "\(samples)", allowed: "positive")
        }
        guard batches > 0 else {
            throw MetricError.invalidArgument(name: "batches", value: "\(batches)", allowed: "positive")
        }
        // jetnet checks every jet's pt, not only the sampled ones; so do we (while converting).
        let realJets = try EMDJets(real, name: "real", normalise: false, layout: .jetNet)
        let genJets = try EMDJets(gen, name: "gen", normalise: false, layout: .jetNet)
        guard realJets.count > 0 else { throw MetricError.tooFewSamples(array: "real", rows: 0, needed: 1) }
        guard genJets.count > 0 else { throw MetricError.tooFewSamples(array: "gen", rows: 0, needed: 1) }
        let ground = EMDGroundDistance(R: 1, beta: 1, periodicPhi: false)

        var covs: [Double] = []
        var mmds: [Double] = []
        for _ in 0..<batches {
            let realRows = draw(realJets.count, samples)
            let genRows = draw(genJets.count, samples)
            // Shape (gen, real), as jetnet's `emds(gen_rand_sample, real_rand_sample)`.
            let distances = try pairwiseEMDs(genJets, realJets, rows0: genRows, rows1: realRows, ground: ground, norm: false)
            let n = samples
            // MMD: for each real jet the nearest generated jet (min over axis 0).
            var nearest = [Double](repeating: .infinity, count: n)
            // COV: for each generated jet its nearest real jet (first index of the minimum, as argmin).
            var matched = Set<Int>()
            distances.withUnsafeBufferPointer { d in
                for g in 0..<n {
                    var best = 0
                    for r in 0..<n {
                        let value = d[g * n + r]
                        if value < nearest[r] { nearest[r] = value }
                        if value < d[g * n + best] { best = r }
                    }
                    matched.insert(best)
                }
            }
            mmds.append(NumPySum.mean(nearest))
            covs.append(Double(matched.count) / Double(n))
        }
        return CoverageMMD(cov: NumPySum.mean(covs), mmd: NumPySum.mean(mmds))
    }
}
