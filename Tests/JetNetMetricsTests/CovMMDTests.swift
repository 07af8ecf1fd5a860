import Foundation
import JetNetCore
import JetNetIO
import JetNetSamples
import Testing
import JetNetTestSupport
@testable import JetNetMetrics

/// COV/MMD against jetnet 0.2.5's `cov_mmd` goldens (golden/emd.json), which were made with
/// `gen_metrics.rng = np.random.default_rng(seed)` right before each call.
@Suite struct CovMMDTests {
    /// The embedded sample's jets in `JetNet.getData` order (the file's rows permuted by
    /// `default_rng(42)`), `[2000, 30, 3]` in JetNet order.
    static func getDataJets(_ type: String) throws -> NDArray<Float> {
        let file = try HDF5File(url: EmbeddedSample.url("\(type).hdf5"))
        let particles: NDArray<Float> = try file.read("particle_features")
        var rng = NumPyGenerator(seed: 42)
        return particles.gatheringRows(rng.permutation(particles.shape[0])).selectingLast([0, 1, 2])
    }

    /// jetnet's smeared gluon jets (golden metrics' generated sample), in getData order.
    static func smeared() throws -> NDArray<Float> {
        SmearedGluons.jets
    }

    @Test(arguments: [UInt64(0), 7])
    func gluonVersusTopMatchesJetnet(seed: UInt64) throws {
        let fixture = EMDFixture.shared
        let expected = seed == 0 ? fixture.cov_mmd_g_vs_t_seed0_50x3 : fixture.cov_mmd_g_vs_t_seed7_50x3
        let result = try Metrics.covMMD(real: Self.getDataJets("g"), gen: Self.getDataJets("t"), samples: 50, batches: 3, seed: seed)
        #expect(result.cov == expected[0])
        #expect(isClose(result.mmd, expected[1], relative: 1e-12), "\(result.mmd) vs \(expected[1])")
    }

    /// jetnet's defaults (10 batches of 100 x 100 jets); one seed, since 100,000 EMDs take
    /// about a minute in a debug build.
    @Test func defaultsMatchJetnet() throws {
        let expected = EMDFixture.shared.cov_mmd_g_vs_smeared_seed0_defaults
        let result = try Metrics.covMMD(real: Self.getDataJets("g"), gen: Self.smeared(), seed: 0)
        #expect(result.cov == expected[0])
        #expect(isClose(result.mmd, expected[1], relative: 1e-12), "\(result.mmd) vs \(expected[1])")
    }

    @Test func recordedDrawsAndBounds() throws {
        // Replaying draws checks the batch logic alone: identical samples cover everything at distance 0.
        var rng = SplitMix64(state: 9)
        let jets = EMDPropertyTests.randomJets(&rng, count: 12, particles: 6)
        // JetNet order: [eta, phi, pt].
        let jetNetOrder = jets.selectingLast([1, 2, 0])
        let all = BatchDraw(real: Array(0..<12), gen: Array(0..<12))
        let same = try Metrics.covMMD(real: jetNetOrder, gen: jetNetOrder, draws: [all, all], threads: nil)
        #expect(same.cov == 1 && same.mmd == 0)
        // One generated jet: it matches one real jet, so COV is 1 / samples; MMD is the mean EMD.
        let one = try Metrics.covMMD(
            real: jetNetOrder, gen: jetNetOrder.rows(0..<1), draws: [BatchDraw(real: [3, 5, 7, 9], gen: [0, 0, 0, 0])], threads: nil)
        let distances = try Metrics.emds(jets.rows(0..<1), jets.gatheringRows([3, 5, 7, 9]))
        #expect(one.cov == 0.25)
        #expect(isClose(one.mmd, distances.storage.reduce(0, +) / 4, relative: 1e-15))
    }

    @Test func badInputThrows() throws {
        let good = NDArray<Float>(shape: [2, 3, 3], storage: [Float](repeating: 0.1, count: 18))
        var negative = good
        negative.withUnsafeMutableBufferPointer { $0[2 + 3 * 4] = -0.2 }  // jet 1, particle 1, ptrel
        #expect(throws: MetricError.invalidArgument(
            name: "gen[1, 1] pt", value: "\(Double(Float(-0.2)))",
            allowed: ">= 0, because EMD moves pt as a non-negative mass (check the feature order: energyflow's [pt, y, phi])")) {
            try Metrics.covMMD(real: good, gen: negative, seed: 0)
        }
        #expect(throws: MetricError.wrongRank(array: "real", expected: 3, shape: [6, 3])) {
            try Metrics.covMMD(real: good.reshaped([6, 3]), gen: good, seed: 0)
        }
        #expect(throws: MetricError.wrongFeatureCount(array: "gen", expected: "at least 3 (etarel, phirel, ptrel)", shape: [3, 3, 2])) {
            try Metrics.covMMD(real: good, gen: good.reshaped([3, 3, 2]), seed: 0)
        }
        #expect(throws: MetricError.invalidArgument(name: "samples", value: "0", allowed: "positive")) {
            try Metrics.covMMD(real: good, gen: good, samples: 0, seed: 0)
        }
        #expect(throws: MetricError.tooFewSamples(array: "gen", rows: 0, needed: 1)) {
            try Metrics.covMMD(real: good, gen: NDArray<Float>(shape: [0, 3, 3], storage: []), seed: 0)
        }
    }
}
