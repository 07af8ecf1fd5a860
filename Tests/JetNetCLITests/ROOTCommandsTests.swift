import Foundation
import JetNet
import Testing
import JetNetTestSupport

/// `jetnet info FILE.root` and `jetnet export jetclass`, run as the built binary.
@Suite("ROOT and JetClass commands")
struct ROOTCommandsTests {
    /// The JetClass fixture of the datasets tests (built beside this bundle; not copied twice).
    static var jetClassDirectory: URL {
        Bundle.module.bundleURL.deletingLastPathComponent()
            .appendingPathComponent("JetNet_JetNetDatasetsTests.resources/Fixtures/jetclass")
    }

    @Test("jetnet info lists a ROOT file's trees and branches")
    func infoROOT() throws {
        let file = try FixtureDirectory(bundle: .module).url("root/uproot-small-flat-tree.root")
        let result = try CLIRunner.run(["info", file.path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.lines.count == 21)
        #expect(result.lines.first == "tree  TTree  100 entries  20 branches")
        let rows = result.lines.dropFirst().map { $0.split(separator: " ").map(String.init) }
        #expect(rows.first == ["Int32", "int32_t", "100", "entries", "default(1)"])
        #expect(rows.contains(["ArrayFloat64", "double[10]", "100", "entries", "default(1)"]))
        #expect(rows.contains(["SliceFloat32", "float[]", "100", "entries", "default(1)"]))
        #expect(rows.contains(["Str", "char*", "100", "entries", "default(1)"]))
    }

    @Test("jetnet convert root writes padded arrays and masks; refuses jagged branches without --pad-to")
    func convertROOT() throws {
        let file = try FixtureDirectory(bundle: .module).url("root/uproot-small-flat-tree.root")
        let url = temporaryURL(".npz")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try CLIRunner.run(["convert", "root", file.path, "--tree", "tree", "--branches", "Int32,SliceFloat32,ArrayFloat64",
                                        "--pad-to", "3", "--entries", "10:60", "--chunk", "16", "--out", url.path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let npz = try NPZFile(url: url)
        let tree = try ROOTFile(url: file).tree(named: "tree")
        #expect(try npz.array("Int32", as: Int32.self) == tree.read(branch: "Int32", as: Int32.self, entries: 10 ..< 60))
        #expect(try npz.array("ArrayFloat64", as: Double.self) == tree.read(branch: "ArrayFloat64", as: Double.self, entries: 10 ..< 60))
        let padded = try tree.readJagged(branch: "SliceFloat32", as: Float.self, entries: 10 ..< 60).padded(to: 3)
        #expect(try npz.array("SliceFloat32", as: Float.self) == padded.values)
        #expect(try npz.array("SliceFloat32_mask", as: Bool.self) == padded.mask)

        let refused = try CLIRunner.run(["convert", "root", file.path, "--tree", "tree", "--branches", "SliceFloat32", "--out", url.path])
        #expect(refused.exitCode != 0)
        #expect(refused.stderr.contains("Cannot convert branch 'SliceFloat32': it is jagged (float[]); give its padded length with --pad-to K."))
    }

    @Test("jetnet info on a damaged ROOT file fails with the reader's message")
    func infoDamaged() throws {
        let url = temporaryURL(".root")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("<html>not found</html>".utf8).write(to: url)
        let result = try CLIRunner.run(["info", url.path])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("Not a ROOT file"))
    }

    @Test("jetnet export jetclass writes what JetClassDataset.load returns")
    func exportJetClass() throws {
        let out = temporaryURL("-jetclass.npz")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLIRunner.run([
            "export", "jetclass", "--dir", Self.jetClassDirectory.path, "--classes", "QCD,Hbb", "--particles", "20",
            "--particle-features", "part_pt,part_deltaR,part_mask", "--jet-features", "jet_pt,jet_sdmass", "--out", out.path,
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let expected = try JetClassDataset(
            directory: Self.jetClassDirectory, jetTypes: [.qcd, .hbb], particles: 20,
            particleFeatures: [.pt, .deltaR, .mask], jetFeatures: [.pt, .sdmass]).load()
        let arrays = try NPZFile(url: out)
        #expect(try arrays.array("particles", as: Float.self) == expected.particles)
        #expect(try arrays.array("mask", as: Bool.self) == expected.mask)
        #expect(try arrays.array("jets", as: Float.self) == expected.jets)
        let labels = try arrays.array("labels", as: Float.self)
        #expect(labels.shape == [8, 10])
        #expect(labels == expected.oneHotLabels)
        #expect((0 ..< 8).map { labels[$0, 0] } == [1, 1, 1, 0, 0, 0, 0, 0])
    }

    @Test("jetnet export jetclass rejects unknown classes and features")
    func exportJetClassBadFlags() throws {
        let result = try CLIRunner.run(["export", "jetclass", "--dir", Self.jetClassDirectory.path, "--classes", "Hxx", "--out", "/tmp/x.npz"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("Hxx"))
    }
}
