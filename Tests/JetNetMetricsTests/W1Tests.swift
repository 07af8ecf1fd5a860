import Foundation
import JetNetCore
import JetNetDatasets
import JetNetSamples
import Testing

@testable import JetNetMetrics

/// jetnet's W1 values (Fixtures/w1_golden.json, from golden/metrics.json) and the jets they
/// were computed on.
enum W1Golden {
    struct Seed: Decodable {
        let w1m_g_vs_smeared_2000x5: [Double]
        let w1p_g_vs_smeared_1000x3: [[Double]]
        let w1p_g_vs_t_masks_noexclude_500x4_2feat: [[Double]]
        let w1efp_g_vs_t_1500x5: [[Double]]
        let w1m_g_vs_t_defaults: [Double]
    }
    struct MassSeed: Decodable {
        let g_vs_smeared_2000x5: [Double]
        let g_vs_t_defaults: [Double]
    }
    struct File: Decodable {
        let seed0: Seed
        let seed7: Seed
        let masses: [String: MassSeedOrNote]
    }
    enum MassSeedOrNote: Decodable {
        case seed(MassSeed), note(String)
        init(from decoder: any Decoder) throws {
            if let seed = try? MassSeed(from: decoder) { self = .seed(seed) } else { self = .note(try String(from: decoder)) }
        }
    }

    static func fixture(_ name: String, _ ext: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures")!
    }

    static let file: File = try! JSONDecoder().decode(File.self, from: Data(contentsOf: fixture("w1_golden", "json")))

    static func seed(_ seed: UInt64) -> Seed { seed == 0 ? file.seed0 : file.seed7 }

    static func massSeed(_ seed: UInt64) -> MassSeed {
        guard case let .seed(value) = file.masses["seed\(seed)"]! else { fatalError("no masses for seed \(seed)") }
        return value
    }

    /// `JetNet.getData(jet_type=type, num_particles=30, particle_features=[etarel, phirel, ptrel, mask])`
    /// on the embedded sample, in jetnet's order.
    static func jets(_ type: JetNetJetType) throws -> NDArray<Float> {
        let location = DatasetLocation(directory: EmbeddedSample.jetNetDirectory)
        return try JetNetDataset.load(
            jetTypes: [type], location: location, particleFeatures: [.etaRel, .phiRel, .ptRel, .mask], jetFeatures: []
        ).particles!
    }

    static let g30 = try! jets(.gluon)
    static let t30 = try! jets(.top)
    static let g3 = g30.selectingLast([0, 1, 2])
    static let t3 = t30.selectingLast([0, 1, 2])
    static let smeared = try! NPYFile.read(fixture("metrics_gen_g_smeared", "npy"), as: Float.self)
    /// jetnet's float32 jet masses of g, smeared g and t, shape [3, 2000].
    static let masses = try! NPYFile.read(fixture("w1_masses", "npy"), as: Double.self)
}

/// `actual` within `relative` of `expected`, element by element.
func expectClose(_ actual: [Double], _ expected: [Double], relative: Double, _ what: String) {
    #expect(actual.count == expected.count, "\(what): count")
    for (a, e) in zip(actual, expected) {
        #expect(abs(a - e) <= relative * abs(e), "\(what): \(a) vs jetnet \(e)")
    }
}

@Suite("W1 metrics against jetnet")
struct W1GoldenTests {
    @Test("w1p of g vs smeared g (1000 jets x 3 batches) matches jetnet to 1e-9", arguments: [UInt64(0), 7])
    func w1pExcludingZeros(seed: UInt64) throws {
        let result = try Metrics.w1p(real: W1Golden.g3, gen: W1Golden.smeared, samples: 1000, batches: 3, seed: seed)
        let golden = W1Golden.seed(seed).w1p_g_vs_smeared_1000x3
        expectClose(result.means, golden[0], relative: 1e-9, "means")
        expectClose(try #require(result.stds), golden[1], relative: 1e-9, "stds")
    }

    @Test("w1p of g vs t with masks, zeros kept, 2 features (500 x 4) matches jetnet to 1e-9", arguments: [UInt64(0), 7])
    func w1pWithMasks(seed: UInt64) throws {
        let result = try Metrics.w1p(
            real: W1Golden.g3, gen: W1Golden.t3,
            realMask: W1Golden.g30.selectingLast([3]), genMask: W1Golden.t30.selectingLast([3]),
            excludeZeros: false, particleFeatures: 2, samples: 500, batches: 4, seed: seed)
        let golden = W1Golden.seed(seed).w1p_g_vs_t_masks_noexclude_500x4_2feat
        expectClose(result.means, golden[0], relative: 1e-9, "means")
        expectClose(try #require(result.stds), golden[1], relative: 1e-9, "stds")
    }

    /// The bootstrap on jetnet's own float32 masses reproduces jetnet's w1m loop to 1e-9.
    @Test("w1 of jetnet's jet masses matches jetnet's w1m loop to 1e-9", arguments: [UInt64(0), 7])
    func w1OfMasses(seed: UInt64) throws {
        let masses = W1Golden.masses
        let g = NDArray<Double>(Array(masses.storage[0..<2000]))
        let smeared = NDArray<Double>(Array(masses.storage[2000..<4000]))
        let t = NDArray<Double>(Array(masses.storage[4000..<6000]))
        let golden = W1Golden.massSeed(seed)
        let a = try Metrics.w1(real: g, gen: smeared, samples: 2000, batches: 5, seed: seed)
        expectClose([a.mean, try #require(a.std)], golden.g_vs_smeared_2000x5, relative: 1e-9, "g vs smeared")
        let b = try Metrics.w1(real: g, gen: t, seed: seed)
        expectClose([b.mean, try #require(b.std)], golden.g_vs_t_defaults, relative: 1e-9, "g vs t")
    }

    /// End to end, with masses summed in Double rather than jetnet's float32.
    @Test("w1m matches jetnet to the precision of float32 jet masses", arguments: [UInt64(0), 7])
    func w1m(seed: UInt64) throws {
        let golden = W1Golden.seed(seed)
        let a = try Metrics.w1m(real: W1Golden.g3, gen: W1Golden.smeared, samples: 2000, batches: 5, seed: seed)
        expectClose([a.mean, try #require(a.std)], golden.w1m_g_vs_smeared_2000x5, relative: 2e-4, "g vs smeared")
        let b = try Metrics.w1m(real: W1Golden.g3, gen: W1Golden.t3, seed: seed)
        expectClose([b.mean, try #require(b.std)], golden.w1m_g_vs_t_defaults, relative: 2e-4, "g vs t")
    }
}
