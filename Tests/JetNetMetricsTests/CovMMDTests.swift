import Foundation
import JetNetCore
import JetNetIO
import JetNetSamples
import Testing
@testable import JetNetMetrics

/// COV/MMD against jetnet 0.2.5's `cov_mmd` goldens (golden/emd.json).
@Suite struct CovMMDTests {
    struct Draws: Decodable {
        struct Batch: Decodable {
            let g_rows: [Int]
            let t_rows: [Int]?
            let smeared_rows: [Int]?
        }
        let g_vs_t_seed0_50x3: [Batch]
        let g_vs_t_seed7_50x3: [Batch]
        let g_vs_smeared_seed0_defaults: [Batch]
        let g_vs_smeared_seed7_defaults: [Batch]

        static let shared: Draws = {
            let url = Bundle.module.url(forResource: "covmmd_draws", withExtension: "json", subdirectory: "Fixtures")!
            return try! JSONDecoder().decode(Draws.self, from: Data(contentsOf: url))
        }()
    }

    /// The embedded sample's jets, `[2000, 30, 3]` in JetNet order (file order, not shuffled).
    static func sampleJets(_ type: String) throws -> NDArray<Float> {
        let file = try HDF5File(url: EmbeddedSample.url("\(type).hdf5"))
        let particles: NDArray<Float> = try file.read("particle_features")
        return particles.selectingLast([0, 1, 2])
    }

    static func smeared() throws -> NDArray<Float> {
        let url = Bundle.module.url(forResource: "metrics_gen_g_smeared", withExtension: "npy", subdirectory: "Fixtures")!
        return try NPYFile.read(url, as: Float.self)
    }

    /// Replays recorded draws: real rows, then generated rows, batch by batch.
    static func replay(_ batches: [Draws.Batch]) -> (Int, Int) -> [Int] {
        var queue = batches.flatMap { [$0.g_rows, $0.t_rows ?? $0.smeared_rows ?? []] }
        return { _, count in
            let rows = queue.removeFirst()
            precondition(rows.count == count)
            return rows
        }
    }

    @Test(arguments: [0, 7])
    func recordedDrawsGiveJetnetsValuesGluonVsTop(seed: Int) throws {
        let draws = Draws.shared
        let batches = seed == 0 ? draws.g_vs_t_seed0_50x3 : draws.g_vs_t_seed7_50x3
        let expected = seed == 0 ? EMDFixture.shared.cov_mmd_g_vs_t_seed0_50x3 : EMDFixture.shared.cov_mmd_g_vs_t_seed7_50x3
        let result = try Metrics.covMMD(real: Self.sampleJets("g"), gen: Self.sampleJets("t"), samples: 50, batches: 3,
                                        draw: Self.replay(batches))
        #expect(result.cov == expected[0])
        #expect(isClose(result.mmd, expected[1], relative: 1e-12))
    }

    @Test(arguments: [0, 7])
    func recordedDrawsGiveJetnetsValuesSmeared(seed: Int) throws {
        let draws = Draws.shared
        // The smeared sample is in getData's (shuffled) order; address the gluon file by rows.
        let batches = seed == 0 ? draws.g_vs_smeared_seed0_defaults : draws.g_vs_smeared_seed7_defaults
        let expected = seed == 0 ? EMDFixture.shared.cov_mmd_g_vs_smeared_seed0_defaults : EMDFixture.shared.cov_mmd_g_vs_smeared_seed7_defaults
        let result = try Metrics.covMMD(real: Self.sampleJets("g"), gen: Self.smeared(), samples: 100, batches: 10,
                                        draw: Self.replay(batches))
        #expect(result.cov == expected[0])
        #expect(isClose(result.mmd, expected[1], relative: 1e-12))
    }
}
