import Foundation
import JetNet
import Testing
import JetNetTestSupport

/// `jetnet datasets`, `jetnet export` and `jetnet download` run as the built binary.
@Suite("Dataset commands")
struct DatasetCommandsTests {
    @Test("jetnet datasets lists every dataset with its names and files")
    func listing() throws {
        let result = try CLIRunner.run(["datasets"])
        #expect(result.exitCode == 0)
        for text in ["jetnet", "toptagging", "quarkgluon", "etarel phirel ptrel mask", "type pt eta mass num_particles",
                     "g150.hdf5", "train.h5 val.h5 test.h5", "QG_jets_withbc_0.npz", "6975118", "2603256", "3164691"] {
            #expect(result.stdout.contains(text), "missing \(text)")
        }
    }

    @Test("jetnet export writes what JetNetDataset.load returns for the same arguments")
    func exportJetNet() throws {
        let out = temporaryURL("-valid.npz")
        defer { try? FileManager.default.removeItem(at: out) }
        let directory = EmbeddedSample.jetNetDirectory
        let result = try CLIRunner.run([
            "export", "jetnet", "--dir", directory.path, "--out", out.path, "--jet-types", "g,t", "--particles", "30",
            "--particle-features", "ptrel,etarel", "--jet-features", "mass,type", "--split", "valid",
            "--split-fractions", "0.7,0.15,0.15", "--seed", "42",
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("particles [600, 30, 2], jets [600, 2]"))
        let expected = try JetNetDataset.load(
            jetTypes: [.gluon, .top], location: DatasetLocation(directory: directory),
            particleFeatures: [.ptRel, .etaRel], jetFeatures: [.mass, .type], particles: 30, split: .valid, seed: 42)
        let file = try NPZFile(url: out)
        #expect(try file.array("particles", as: Float.self) == expected.particles)
        #expect(try file.array("jets", as: Float.self) == expected.jets)
    }

    @Test("Bad flags exit with 64 and say what is wrong", arguments: [
        (["export", "jetnet", "--dir", "/tmp", "--out", "/tmp/x.npz", "--jet-types", "h"], "\"h\" is not a JetNet jet type"),
        (["export", "jetnet", "--dir", "/tmp", "--out", "/tmp/x.npz", "--split-fractions", "0.9,0.2,0.1"], "above 1"),
        (["export", "jetnet", "--dir", "/tmp", "--out", "/tmp/x.npz", "--split", "validation"], "\"validation\" is not a jetnet split"),
        (["export", "jetnet", "--dir", "/tmp", "--out", "/tmp/x.npz", "--particle-features", "pt"], "\"pt\" is not a JetNet particle feature"),
        (["download", "jetnet", "--particles", "151"], "--particles must be between 1 and 150"),
    ])
    func badFlags(arguments: [String], message: String) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("A missing file fails with the path and how to download it")
    func missingFile() throws {
        let directory = try makeTemporaryDirectory("-empty")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIRunner.run(["export", "jetnet", "--dir", directory.path, "--out", "/tmp/x.npz", "--jet-types", "w"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains(directory.appendingPathComponent("w.hdf5").path))
        #expect(result.stderr.contains("--download") && result.stderr.contains("jetnet download jetnet --jet-types w --particles 30"))
    }
}
