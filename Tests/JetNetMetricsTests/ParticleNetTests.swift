import Foundation
import JetNetCore
import Testing

@testable import JetNetMetrics

/// golden/fpnd.json (jetnet 0.2.5 on PyTorch CPU), via Fixtures/fpnd_golden.json.
struct FPNDGolden: Decodable {
    let fpnd_g_sample_vs_g: Double
    let fpnd_t_sample_vs_t: Double
    let fpnd_smeared_g_vs_g: Double
    let activations_g_first8_fpnd_normed: [[Float]]
    let logits_g_first8: [[Float]]
    let input_g_first8: [[[Float]]]
    let input_g_first8_fpnd_normed: [[[Float]]]

    static func load() throws -> FPNDGolden {
        let url = try #require(Bundle.module.url(forResource: "fpnd_golden", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(FPNDGolden.self, from: Data(contentsOf: url))
    }

    static func jets(_ nested: [[[Float]]]) -> NDArray<Float> {
        NDArray(shape: [nested.count, nested[0].count, nested[0][0].count], storage: nested.flatMap { $0.flatMap { $0 } })
    }
}

@Suite("ParticleNet")
struct ParticleNetTests {
    @Test("fc1 activations of 8 g jets match PyTorch within 1e-4")
    func activationsMatchPyTorch() throws {
        let golden = try FPNDGolden.load()
        let net = try ParticleNet.jetNetPretrained()
        let activations = try net.activations(FPNDGolden.jets(golden.input_g_first8_fpnd_normed))
        #expect(activations.shape == [8, 256])
        let expected = golden.activations_g_first8_fpnd_normed.flatMap { $0 }
        let worst = zip(activations.storage, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-4, "largest |swift - torch| = \(worst)")
    }

    @Test("logits of 8 g jets match PyTorch within 1e-4")
    func logitsMatchPyTorch() throws {
        let golden = try FPNDGolden.load()
        let logits = try ParticleNet.jetNetPretrained().logits(FPNDGolden.jets(golden.input_g_first8_fpnd_normed))
        #expect(logits.shape == [8, 5])
        let expected = golden.logits_g_first8.flatMap { $0 }
        let worst = zip(logits.storage, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-4, "largest |swift - torch| = \(worst)")
    }
}
