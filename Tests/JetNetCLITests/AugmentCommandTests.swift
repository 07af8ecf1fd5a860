import Foundation
import JetNet
import JetNetTestSupport
import Testing

@Suite struct AugmentCommandTests {
    @Test func writesWhatTheLibraryComputes() throws {
        let out = temporaryURL("-augmented.npy")
        defer { try? FileManager.default.removeItem(at: out) }
        let input = EmbeddedSample.url("g.hdf5")
        let result = try CLIRunner.run(["augment", input.path, "--with", "rotate,collinear-split,smear", "--seed", "1", "--out", out.path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let written = try NPYFile.read(out, as: Float.self)
        let jets = try HDF5File(url: input).read("particle_features", as: Float.self)
        let expected = try AugmentationPipeline([.rotation(), .collinearSplit(), .smear()]).apply(to: jets, layout: .jetnet, seed: 1)
        #expect(written == expected)
        #expect(written.shape == [2000, 30, 4])
        #expect(written != jets)
        // Nothing is left beside the output.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
            .filter { $0.contains(out.lastPathComponent) && $0 != out.lastPathComponent }
        #expect(leftovers.isEmpty)
    }

    @Test func unknownAugmentationIsAUsageError() throws {
        let result = try CLIRunner.run(["augment", "in.npy", "--with", "rotate,spin", "--out", "out.npy"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("unknown augmentation 'spin'"))
    }
}
