import Foundation
import JetNet
import Testing
import JetNetTestSupport

@Suite("jetnet image")
struct ImageCommandTests {
    @Test("One jet: a PNG and the histogram values equal JetImage on the same jet")
    func oneJet() throws {
        let (png, npy) = (temporaryURL("-jet.png"), temporaryURL("-jet.npy"))
        defer { try? FileManager.default.removeItem(at: png); try? FileManager.default.removeItem(at: npy) }
        let file = EmbeddedSample.url("g.hdf5")
        let result = try CLIRunner.run(["image", file.path, "--jet", "3", "--size", "25", "--out", png.path, "--npy", npy.path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let bytes = try Data(contentsOf: png)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let jets = try ArrayFile.read(file, as: Float.self)
        let expected = try JetImage.image(jets.rows(3..<4).reshaped([30, 4]).selectingLast([0, 1, 2]), size: 25, maxR: 0.4)
        #expect(try NPYFile.read(npy, as: Double.self) == expected)
    }

    @Test("Average over the first 10 jets")
    func average() throws {
        let npy = temporaryURL("-avg.npy"), png = temporaryURL("-avg.png")
        defer { try? FileManager.default.removeItem(at: png); try? FileManager.default.removeItem(at: npy) }
        let file = EmbeddedSample.url("t.hdf5")
        let result = try CLIRunner.run(["image", file.path, "--average", "--jets", "10", "--size", "9", "--max-r", "1",
                                        "--log", "--colormap", "greyscale", "--out", png.path, "--npy", npy.path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let jets = try ArrayFile.read(file, as: Float.self).rows(0..<10).selectingLast([0, 1, 2])
        let images = try JetImage.images(jets, size: 9, maxR: 1)
        let mean = (0..<81).map { p in (0..<10).reduce(0.0) { $0 + images.storage[$1 * 81 + p] } / 10 }
        #expect(try NPYFile.read(npy, as: Double.self).storage == mean)
    }

    @Test("Bad flags exit with 64", arguments: [["--size", "0"], ["--max-r", "-1"], ["--jet", "5000"], ["--colormap", "jet"]])
    func badFlags(flags: [String]) throws {
        let result = try CLIRunner.run(["image", EmbeddedSample.url("g.hdf5").path, "--out", temporaryURL("-x.png").path] + flags)
        #expect(result.exitCode == 64)
    }
}
