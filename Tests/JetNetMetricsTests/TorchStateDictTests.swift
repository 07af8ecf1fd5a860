import Foundation
import JetNetCore
import Testing

@testable import JetNetMetrics

/// A few tensors of jetnet's pnet_state_dict.pt as `torch.load` reads them.
struct StateDictCheck: Decodable {
    let name: String
    let shape: [Int]
    let sum: Double
    let first: [Double]
}

private struct StateDictGolden: Decodable {
    let state_dict_count: Int
    let state_dict_checks: [StateDictCheck]
}

@Suite("TorchStateDict")
struct TorchStateDictTests {
    static let bundled = try! ParticleNet.resourceURL("pnet_state_dict", extension: "pt")

    @Test("jetnet's legacy-format state dict reads as torch.load reads it")
    func legacyStateDict() throws {
        let url = try #require(Bundle.module.url(forResource: "fpnd_golden", withExtension: "json", subdirectory: "Fixtures"))
        let golden = try JSONDecoder().decode(StateDictGolden.self, from: Data(contentsOf: url))
        let stateDict = try TorchStateDict(contentsOf: Self.bundled)
        #expect(stateDict.tensors.count == golden.state_dict_count)
        #expect(stateDict.names.count == golden.state_dict_count)
        #expect(stateDict.names.first == "edge_nets.0.model.0.weight")
        for check in golden.state_dict_checks {
            let tensor = try #require(stateDict.tensors[check.name], "\(check.name)")
            #expect(tensor.shape == check.shape, "\(check.name)")
            let values = tensor.converted(to: Double.self).storage
            #expect(abs(values.reduce(0, +) - check.sum) <= 1e-9 * max(1, abs(check.sum)), "\(check.name)")
            #expect(Array(values.prefix(3)) == check.first, "\(check.name)")
        }
        #expect(stateDict.tensors["edge_nets.0.model.1.num_batches_tracked"]?.dtype == .int64)
    }
}
