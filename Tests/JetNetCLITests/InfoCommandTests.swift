import Foundation
import JetNet
import Testing
import JetNetTestSupport

@Suite struct InfoCommandTests {
    @Test func listsTheEmbeddedSampleDatasets() throws {
        let result = try CLIRunner.run(["info", EmbeddedSample.url("g.hdf5").path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.lines == [
            "/jet_features  Dataset {2000, 4}  float32",
            "/particle_features  Dataset {2000, 30, 4}  float32",
        ])
    }

    @Test func listsChunkedHDF5DatasetsInGroups() throws {
        let url = temporaryURL(".h5")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            let file = try HDF5File.create(url)
            try file.write(dataset: "table/axis0", strings: ["E_0", "PX_0"])
            try file.write(dataset: "table/block0_values", array: NDArray<Float>(shape: [3, 2], repeating: 1), chunkRows: 2, compressionLevel: 4)
            try file.write(dataset: "labels", array: NDArray<Int64>([0, 1, 1]))
        }
        let result = try CLIRunner.run(["info", url.path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.lines == [
            "/labels  Dataset {3}  int64",
            "/table/axis0  Dataset {2}  |S4",
            "/table/block0_values  Dataset {3, 2}  float32",
        ])
    }

    @Test func describesNPYAndNPZ() throws {
        let npy = temporaryURL(".npy"), npz = temporaryURL(".npz")
        defer { for url in [npy, npz] { try? FileManager.default.removeItem(at: url) } }
        try NPYFile.write(NDArray<Double>(shape: [2, 3, 4], repeating: 0.5), to: npy)
        try NPZFile.write([(name: "X", array: .float32(NDArray(shape: [5, 4], repeating: 1))),
                           (name: "y", array: .bool(NDArray([true, false])))], to: npz, compressed: true)
        let single = try CLIRunner.run(["info", npy.path])
        #expect(single.exitCode == 0, "\(single.stderr)")
        #expect(single.lines == ["\(npy.lastPathComponent)  Array {2, 3, 4}  float64"])
        let archive = try CLIRunner.run(["info", npz.path])
        #expect(archive.exitCode == 0, "\(archive.stderr)")
        #expect(archive.lines == ["X  Array {5, 4}  float32", "y  Array {2}  bool"])
    }

    @Test func unknownExtensionIsAUsageError() throws {
        let result = try CLIRunner.run(["info", "jets.csv"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("supported: .hdf5, .h5, .npy, .npz"))
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [".hdf5", ".npy", ".npz"])
    func missingFileFails(suffix: String) throws {
        let url = temporaryURL(suffix)
        let result = try CLIRunner.run(["info", url.path])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains(url.path))
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [".h5", ".npy", ".npz"])
    func unreadableFileFails(suffix: String) throws {
        let url = temporaryURL(suffix)
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("this is not a data file, just some text long enough to look like one".utf8).write(to: url)
        let result = try CLIRunner.run(["info", url.path])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("not a"))
    }

    @Test func versionIsPrinted() throws {
        let result = try CLIRunner.run(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix(JetNetVersion.current))
    }
}
