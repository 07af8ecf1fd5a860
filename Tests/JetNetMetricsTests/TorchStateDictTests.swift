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
        let golden = try fixtures.decode(StateDictGolden.self, from: "fpnd_golden.json")
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

/// What torch.load reads back from Fixtures/small_state_dict_zip.pt.
private struct ZipTensor: Decodable {
    let shape: [Int]
    let values: [Double]
}

@Suite("TorchStateDict zip format and bad files")
struct TorchStateDictZipTests {
    static func fixture(_ name: String, _ ext: String) throws -> URL {
        try fixtures.url("\(name).\(ext)")
    }

    /// The entries of the zip-format fixture, to rebuild altered archives from.
    static func fixtureEntries() throws -> [(String, Data)] {
        let archive = try ZipArchive(url: fixture("small_state_dict_zip", "pt"))
        return try archive.entryNames.map { ($0, try archive.contents(of: $0)) }
    }

    static func zip(_ entries: [(String, Data)]) -> [UInt8] {
        var writer = ZipWriter()
        for (name, contents) in entries { writer.add(name: name, contents: contents) }
        return [UInt8](writer.finalized())
    }

    /// The reason of the `badResource` error `body` throws, or nil if it throws something else.
    static func badResourceReason(_ body: () throws -> Void) -> String? {
        do {
            try body()
        } catch let MetricError.badResource(_, reason) {
            return reason
        } catch {
            return nil
        }
        return nil
    }

    /// The zip format (torch >= 1.6) and the legacy stream, holding the same tensors.
    @Test("a small state dict reads as torch.load reads it, strides and offsets included",
          arguments: ["small_state_dict_zip", "small_state_dict_legacy"])
    func zipFormat(fixture: String) throws {
        let expected = try JSONDecoder().decode(
            [String: ZipTensor].self, from: Data(contentsOf: Self.fixture("small_state_dict_zip", "json")))
        let stateDict = try TorchStateDict(contentsOf: Self.fixture(fixture, "pt"))
        #expect(Set(stateDict.tensors.keys) == Set(expected.keys))
        #expect(stateDict.names == ["layer.weight", "layer.weight_t", "layer.bias", "half", "bn.num_batches_tracked", "row_view"])
        for (name, tensor) in expected {
            let array = try #require(stateDict.tensors[name])
            #expect(array.shape == tensor.shape, "\(name)")
            #expect(array.converted(to: Double.self).storage == tensor.values, "\(name)")
        }
        #expect(stateDict.tensors["layer.bias"]?.dtype == .float64)
        #expect(stateDict.tensors["half"]?.dtype == .float32)
        #expect(stateDict.tensors["bn.num_batches_tracked"]?.dtype == .int64)
    }

    @Test("files that are not state dicts are refused with badResource errors")
    func foreignFiles() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/weights.pt")
        #expect(Self.badResourceReason { _ = try TorchStateDict(contentsOf: missing) }?.contains("cannot be read") == true)
        #expect(Self.badResourceReason { _ = try TorchStateDict(bytes: []) }?.contains("neither a zip") == true)
        #expect(Self.badResourceReason { _ = try TorchStateDict(bytes: Array("hello, world".utf8)) }?.contains("neither a zip") == true)
        let noPickle = Self.zip([("archive/readme.txt", Data("not a model".utf8))])
        #expect(Self.badResourceReason { _ = try TorchStateDict(bytes: noPickle) }?.contains("no data.pkl") == true)
        // A pickle that is not a torch pickle at all.
        let evil: [UInt8] = [0x80, 0x02, 0x63] + Array("os\nsystem\n".utf8) + [0x58, 2, 0, 0, 0] + Array("ls".utf8) + [0x85, 0x52, 0x2E]
        let evilZip = Self.zip([("archive/data.pkl", Data(evil))])
        #expect(Self.badResourceReason { _ = try TorchStateDict(bytes: evilZip) }?.contains("os.system") == true)
        let oddOpcode = Self.zip([("archive/data.pkl", Data([0x80, 0x02, 0x25, 0x2E]))])
        #expect(Self.badResourceReason { _ = try TorchStateDict(bytes: oddOpcode) }?.contains("unsupported pickle opcode 0x25") == true)
        let truncatedPickle = Self.zip([("archive/data.pkl", Data([0x80, 0x02, 0x7D, 0x28]))])
        #expect(Self.badResourceReason { _ = try TorchStateDict(bytes: truncatedPickle) }?.contains("ends early") == true)
    }

    /// Fuzz mutant 90932 of the small state dicts (seed 20261206) put a newline into a storage key,
    /// which the error echoed onto a second line.
    @Test("names read from a damaged file are escaped: every error is one line")
    func escapedNames() {
        let error = MetricError.badResource(path: "state dict", reason: "storage '942225630\n3968' is listed but no tensor uses it")
        #expect(error.errorDescription == "cannot use state dict: storage '942225630\\n3968' is listed but no tensor uses it.")
    }

    @Test("a zip or legacy file missing a storage is refused")
    func missingStorage() throws {
        let entries = try Self.fixtureEntries().filter { !$0.0.hasSuffix("/data/0") }
        #expect(Self.badResourceReason { _ = try TorchStateDict(bytes: Self.zip(entries)) }?.contains("lacks the storage") == true)
        let legacy = try [UInt8](Data(contentsOf: TorchStateDictTests.bundled))
        for length in [10, 5_000, 22_200, legacy.count - 1] {
            #expect(Self.badResourceReason { _ = try TorchStateDict(bytes: Array(legacy.prefix(length))) } != nil, "\(length) bytes")
        }
        // A legacy stream with a wrong magic number.
        var wrongMagic = legacy
        wrongMagic[5] ^= 0xFF
        #expect(Self.badResourceReason { _ = try TorchStateDict(bytes: wrongMagic) }?.contains("magic number") == true)
    }

    @Test("a state dict that is not a ParticleNet is refused by ParticleNet(stateDict:)")
    func notAParticleNet() throws {
        let stateDict = try TorchStateDict(contentsOf: Self.fixture("small_state_dict_zip", "pt"))
        #expect(throws: MetricError.badResource(path: "state dict", reason: "it has no tensor 'edge_nets.0.model.0.weight'")) {
            try ParticleNet(stateDict: stateDict)
        }
        var pretrained = try TorchStateDict(contentsOf: TorchStateDictTests.bundled)
        pretrained.tensors["fc1.0.weight"] = .float32(NDArray(zeros: [256, 450]))
        #expect(throws: MetricError.badResource(path: "state dict", reason: "tensor 'fc1.0.weight' has shape [256, 450] but the network needs [256, 451]")) {
            try ParticleNet(stateDict: pretrained)
        }
    }
}
