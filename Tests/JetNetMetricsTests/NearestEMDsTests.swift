import Foundation
import JetNetCore
import Testing
import JetNetTestSupport
@testable import JetNetMetrics

/// The lower bounds that let COV/MMD skip EMDs, and the pruned nearest-neighbour search against
/// the full EMD matrix.
@Suite struct NearestEMDsTests {
    /// Random jets in JetNet order `[etarel, phirel, ptrel]`, `[count, particles, 3]`, with
    /// zero-pt padding and unnormalised totals (so the extra particle appears).
    static func jetNetJets(_ rng: inout SplitMix64, count: Int, particles: Int) -> NDArray<Double> {
        let energyflow = EMDPropertyTests.randomJets(&rng, count: count, particles: particles)
        // energyflow order (pt, y, phi) -> JetNet order (y, phi, pt).
        return NDArray(shape: energyflow.shape, storage: (0..<energyflow.count).map { k in
            let base = k - k % 3
            return energyflow.storage[base + [1, 2, 0][k % 3]]
        })
    }

    /// Two sets of random jets (energyflow order) and a calculator for R = 1, beta = 1.
    static func randomPair(
        seed: UInt64, count: Int, particles: (Int, Int), norm: Bool
    ) throws -> (EMDJets, EMDJets, EMDCalculator) {
        var rng = SplitMix64(state: seed)
        let a = try EMDJets(EMDPropertyTests.randomJets(&rng, count: count, particles: particles.0), name: "a", normalise: norm)
        let b = try EMDJets(EMDPropertyTests.randomJets(&rng, count: count, particles: particles.1), name: "b", normalise: norm)
        return (a, b, EMDCalculator(ground: EMDGroundDistance(R: 1, beta: 1, periodicPhi: false), norm: norm))
    }

    @Test(arguments: [false, true])
    func boundsNeverExceedTheDistance(norm: Bool) throws {
        let (a, b, calculator) = try Self.randomPair(seed: 11, count: 12, particles: (14, 9), norm: norm)
        var tighter = 0
        for i in 0..<a.count {
            for j in 0..<b.count {
                let distance = try calculator.distance(a, i, b, j)
                let cheap = try calculator.lowerBound(a, i, b, j)
                let refined = try calculator.refinedLowerBound(a, i, b, j)
                #expect(cheap >= 0 && cheap <= distance * (1 + 1e-12), "cheap bound \(cheap) > EMD \(distance)")
                #expect(refined <= distance * (1 + 1e-12), "refined bound \(refined) > EMD \(distance)")
                if refined > cheap * (1 + 1e-9) { tighter += 1 }
            }
        }
        // The refined bound must actually help on most pairs, or the search does extra work.
        #expect(tighter > a.count * b.count / 2, "refined bound tighter on only \(tighter) pairs")
    }

    @Test func boundIsExactForOneParticleEach() throws {
        // One particle each, equal pt: the only plan moves everything over the distance 0.5.
        let jets0 = try EMDJets(jetArray([[1.0, 0.0, 0.0]]).reshaped([1, 1, 3]), name: "a", normalise: false)
        let jets1 = try EMDJets(jetArray([[1.0, 0.3, 0.4]]).reshaped([1, 1, 3]), name: "b", normalise: false)
        let calculator = EMDCalculator(ground: EMDGroundDistance(R: 1, beta: 1, periodicPhi: false), norm: false)
        // The cheap bound's distances are rounded down: single precision, then 1 - 2^-20.
        let cheap = try calculator.lowerBound(jets0, 0, jets1, 0)
        #expect(cheap <= 0.5 && cheap >= 0.5 * (1 - 0x1p-19), "cheap bound \(cheap)")
        #expect(isClose(try calculator.refinedLowerBound(jets0, 0, jets1, 0), 0.5, relative: 1e-15))
    }

    /// A solve with a limit either gives up, only when the EMD is above the limit, or finishes
    /// with the bits of the solve without one; below the EMD it gives up on most pairs.
    @Test(arguments: [0.5, 0.99, 1.01, 2.0])
    func abandonedSolvesAreAboveTheLimit(factor: Double) throws {
        let (a, b, calculator) = try Self.randomPair(seed: 31, count: 8, particles: (30, 30), norm: false)
        var abandoned = 0
        for i in 0..<a.count {
            for j in 0..<b.count {
                let distance = try calculator.distance(a, i, b, j)
                let limit = distance * factor
                #expect(try calculator.load(a, i, b, j))
                if let value = try calculator.solveLoaded(jet0: i, jet1: j, abandonAbove: limit) {
                    #expect(value.bitPattern == distance.bitPattern, "limited solve \(value) != \(distance)")
                } else {
                    abandoned += 1
                    #expect(factor < 1, "gave up at limit \(limit) on EMD \(distance)")
                }
            }
        }
        if factor == 0.5 { #expect(abandoned > a.count * b.count / 2, "gave up on only \(abandoned) pairs") }
    }

    @Test(arguments: [(UInt64(21), 30), (22, 12), (23, 1)])
    func matchesTheFullMatrix(seed: UInt64, n: Int) throws {
        var rng = SplitMix64(state: seed)
        let realJets = Self.jetNetJets(&rng, count: 50, particles: 16)
        // Half the generated jets are real jets moved by up to 0.01 in (eta, phi): their nearest
        // pairs have small EMDs and tight bounds, where a too eager skip would show.
        var genValues = Self.jetNetJets(&rng, count: 60, particles: 16).storage
        for k in 0..<(30 * 16 * 3) {
            genValues[k] = realJets.storage[k] + (k % 3 == 2 ? 0 : rng.uniform(-0.01, 0.01))
        }
        let gen = try EMDJets(NDArray(shape: [60, 16, 3], storage: genValues), name: "gen", normalise: false, layout: .jetNet)
        let real = try EMDJets(realJets, name: "real", normalise: false, layout: .jetNet)
        // Draws with repeats, so some rows and columns tie exactly (argmin must take the first).
        let batches = (0..<3).map { _ in
            NearestEMDs.Batch(gen: (0..<n).map { _ in Int(rng.next() % 60) }, real: (0..<n).map { _ in Int(rng.next() % 50) })
        }
        let ground = EMDGroundDistance(R: 1, beta: 1, periodicPhi: false)
        let nearest = try NearestEMDs(gen: gen, real: real, ground: ground)(batches)
        for (batch, result) in zip(batches, nearest) {
            let full = try Metrics.pairwiseEMDs(gen, real, rows0: batch.gen, rows1: batch.real, ground: ground, norm: false)
            for g in 0..<n {
                var best = 0
                for r in 0..<n where full[g, r] < full[g, best] { best = r }
                #expect(result.realIndexOfGen[g] == best)
            }
            for r in 0..<n {
                let minimum = (0..<n).map { full[$0, r] }.min()!
                #expect(result.distanceOfReal[r] == minimum)
            }
        }
    }
}
