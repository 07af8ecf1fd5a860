import Foundation
import JetNetCore
import JetNetIO
import JetNetSamples
import Testing
import JetNetTestSupport
@testable import JetNetDatasets

/// Every user mistake gives an error that says what was wrong and how to fix it.
@Suite("Bad input")
struct BadInputTests {
    static let location = DatasetLocation(directory: EmbeddedSample.jetNetDirectory)

    @Test("Unknown jet type")
    func unknownJetType() {
        #expect(throws: DatasetError.unknownJetType("h", dataset: "JetNet", valid: ["g", "q", "t", "w", "z"])) {
            try JetNetJetType.parse(["g", "h"])
        }
        #expect(throws: DatasetError.unknownJetType("g", dataset: "TopTagging", valid: ["qcd", "top"])) {
            try TopTaggingJetType.parse(["g"])
        }
    }

    @Test("Unknown feature")
    func unknownFeature() {
        #expect(throws: DatasetError.unknownFeature("energy", kind: "jet", dataset: "JetNet", valid: ["type", "pt", "eta", "mass", "num_particles"])) {
            try JetNetJetFeature.parse(commaSeparated: "mass,energy")
        }
    }

    @Test("Particles above the maximum", arguments: [("JetNet", 151, 150), ("TopTagging", 201, 200), ("QuarkGluon", 154, 153)])
    func tooManyParticles(dataset: String, requested: Int, maximum: Int) {
        let error = DatasetError.tooManyParticles(requested: requested, maximum: maximum, dataset: dataset)
        #expect(throws: error) {
            switch dataset {
            case "JetNet": _ = try JetNetDataset.load(location: Self.location, particles: requested)
            case "TopTagging": _ = try TopTaggingDataset.load(location: Self.location, particles: requested)
            default: _ = try QuarkGluonDataset.load(location: Self.location, particles: requested)
            }
        }
        #expect(error.errorDescription!.contains("\(maximum) or fewer"))
    }

    @Test("Split fractions summing above 1")
    func fractionsAboveOne() {
        #expect(throws: DatasetError.invalidSplitFractions([0.8, 0.15, 0.15], reason: "they sum to \(0.8 + 0.15 + 0.15), above 1")) {
            _ = try JetNetDataset.load(jetTypes: [.gluon], location: Self.location, split: .train, splitFractions: [0.8, 0.15, 0.15])
        }
    }

    @Test("Unknown split")
    func unknownSplit() {
        #expect(throws: DatasetError.unknownSplit("validation", dataset: "JetNet", valid: ["train", "valid", "test", "all"])) {
            try DatasetSplit(name: "validation", dataset: "JetNet")
        }
    }

    @Test("Missing file: the message names the path and says how to download")
    func missingFile() throws {
        let directory = try makeTemporaryDirectory("-bad")
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: DatasetError.self) {
            _ = try JetNetDataset.load(jetTypes: [.top], location: DatasetLocation(directory: directory), particles: 50)
        }
        guard case let .missingFile(path, dataset, howTo) = error else {
            Issue.record("expected missingFile, got \(String(describing: error))")
            return
        }
        #expect(path == directory.appendingPathComponent("t150.hdf5").path)
        #expect(dataset == "JetNet")
        #expect(howTo.contains("download: true") && howTo.contains("jetnet download jetnet --jet-types t --particles 50"))
        #expect(error!.errorDescription!.contains(path))
    }

    @Test("Corrupted file (random bytes) is reported as corrupt", arguments: ["g.hdf5", "QG_jets_withbc_0.npz", "train.h5"])
    func corruptFile(name: String) throws {
        let directory = try makeTemporaryDirectory("-bad")
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let path = directory.appendingPathComponent(name)
        try Data(bytes).write(to: path)
        let location = DatasetLocation(directory: directory)
        let error = #expect(throws: DatasetError.self) {
            switch name {
            case "g.hdf5": _ = try JetNetDataset.load(jetTypes: [.gluon], location: location)
            case "train.h5": _ = try TopTaggingDataset.load(location: location, splits: [.train])
            default: _ = try QuarkGluonDataset.load(location: location, fileList: [name])
            }
        }
        guard case let .corruptFile(corruptPath, _) = error else {
            Issue.record("expected corruptFile, got \(String(describing: error))")
            return
        }
        #expect(corruptPath == path.path)
        #expect(error!.errorDescription!.contains("download it again"))
    }

    @Test("Checksum mismatch against the MD5 recorded at download")
    func checksumMismatch() throws {
        let directory = try makeTemporaryDirectory("-bad")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("g.hdf5")
        try FileManager.default.copyItem(at: EmbeddedSample.url("g.hdf5"), to: path)
        let recorded = String(repeating: "0123456789abcdef", count: 2)
        try ZenodoClient.recordChecksum(recorded, for: path)
        #expect(throws: DatasetError.checksumMismatch(path: path.path, expected: recorded, actual: try MD5.hex(ofFileAt: path))) {
            _ = try JetNetDataset.load(jetTypes: [.gluon], location: DatasetLocation(directory: directory))
        }
        // With the right MD5 recorded, the same file loads offline.
        try ZenodoClient.recordChecksum(try MD5.hex(ofFileAt: path), for: path)
        #expect(try JetNetDataset.load(jetTypes: [.gluon], location: DatasetLocation(directory: directory)).particles.shape == [2000, 30, 4])
    }

    @Test("Selecting no features at all is an error")
    func nothingSelected() {
        #expect(throws: DatasetError.self) {
            _ = try JetNetDataset.load(location: Self.location, particleFeatures: [], jetFeatures: [])
        }
    }
}
