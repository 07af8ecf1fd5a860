import Foundation
import JetNetCore
import JetNetIO
import JetNetTestSupport
import Testing
@testable import JetNetCalorimeter

@Suite("Calorimeter streaming and files")
struct StreamingTests {
    /// Writes rows of a shower file to a new file in the same layout.
    static func split(_ url: URL, rows: Range<Int>, into target: URL, asDouble: Bool = false) throws {
        let source = try HDF5File(url: url)
        let file = try HDF5File.create(target)
        let energies: NDArray<Float> = try source.read("incident_energies", rows: rows)
        try file.write(dataset: "incident_energies", array: energies)
        let showers: NDArray<Float> = try source.read("showers", rows: rows)
        if asDouble {
            try file.write(dataset: "showers", array: showers.converted(to: Double.self), chunkRows: 7, compressionLevel: 4)
        } else {
            try file.write(dataset: "showers", array: showers, chunkRows: 7, compressionLevel: 4)
        }
        file.flush()
    }

    @Test("a reference in two files (one float64) equals it in one, for any block size")
    func multiFileReference() throws {
        let url = try CaloFixtures.url(.pions1, generated: false)
        let folder = try makeTemporaryDirectory("calo-split")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("a.hdf5"), second = folder.appendingPathComponent("b.hdf5")
        try Self.split(url, rows: 0..<19, into: first)
        try Self.split(url, rows: 19..<48, into: second, asDouble: true)
        let whole = try ShowerSample(urls: [url], dataset: .pions1)
        let parts = try ShowerSample(urls: [first, second], dataset: .pions1)
        #expect(parts.count == 48)
        #expect(parts.files[1].storedType == .float(bits: 64))
        let generated = try ShowerSample(urls: [CaloFixtures.url(.pions1, generated: true)])
        let options = CaloEvaluationOptions(fpdKPD: false, blockBytes: 533 * 8 * 5)
        let a = try CaloEvaluation.run(dataset: .pions1, reference: whole, generated: generated)
        let b = try CaloEvaluation.run(dataset: .pions1, reference: parts, generated: generated, options: options)
        #expect(a.histograms == b.histograms)
        #expect(a.referenceAverage == b.referenceAverage)
        #expect(a.histograms.contains { $0.name == "Voxel distribution" && $0.separationPower != nil })
    }

    @Test("bad files: a typed error that says what is wrong")
    func errors() throws {
        let pions = try CaloFixtures.url(.pions1, generated: true)
        #expect(throws: CaloError.wrongVoxelCount(path: pions.path, found: 533, dataset: "2", expected: 6480)) {
            try ShowerSample(urls: [pions], dataset: .electrons2)
        }
        let folder = try makeTemporaryDirectory("calo-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let noShowers = folder.appendingPathComponent("x.hdf5")
        let file = try HDF5File.create(noShowers)
        try file.write(dataset: "energies", array: NDArray<Float>([1, 2]))
        file.flush()
        #expect(throws: CaloError.self) { try ShowerFile(url: noShowers) }
        #expect(throws: CaloError.self) { try ShowerFile(url: folder.appendingPathComponent("missing.hdf5")) }
        #expect(throws: CaloError.unknownDataset("4")) { try CaloDataset(name: "4") }
        #expect(CaloError.emptySample("generated").errorDescription?.contains("at least one shower") == true)
    }
}
