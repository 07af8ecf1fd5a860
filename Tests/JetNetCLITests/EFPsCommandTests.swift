import Foundation
import JetNet
import Testing
import JetNetTestSupport

@Suite struct EFPsCommandTests {
    @Test func listsJetnetsDefaultGraphsInEnergyflowOrder() throws {
        let result = try CLIRunner.run(["efps", "--list"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        // energyflow 1.4.0's EFPSet(("n==", 4), ("d==", 4), ("p==", 1)).graphs()
        #expect(Array(result.lines.dropFirst()) == [
            "0 4 4 (0,1) (0,2) (0,2) (0,3)",
            "1 4 4 (0,1) (0,2) (0,2) (1,3)",
            "2 4 4 (0,1) (0,1) (0,2) (1,3)",
            "3 4 4 (0,1) (0,2) (1,2) (0,3)",
            "4 4 4 (0,1) (0,2) (1,3) (2,3)",
        ])
    }

    @Test func computesTheSameValuesAsTheLibrary() throws {
        let out = temporaryURL("-efps.npy")
        defer { try? FileManager.default.removeItem(at: out) }
        let input = EmbeddedSample.url("g.hdf5")
        let result = try CLIRunner.run(["efps", input.path, "--selection", "d<=3", "--out", out.path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let written = try NPYFile.read(out, as: Double.self)
        let jets = try HDF5File(url: input).read("particle_features", as: Float.self)
        #expect(written == (try efps(jets, selection: ["d<=3"])))
        #expect(written.shape == [2000, 13])
    }

    @Test func badSelectionIsAUsageError() throws {
        let result = try CLIRunner.run(["efps", "--list", "--selection", "d=>4"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("e.g. \"d<=4\""))
    }
}
