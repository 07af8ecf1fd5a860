import Foundation
import Testing
import JetNetTestSupport
import JetNetIO

@Suite("Tar archives")
struct TarArchiveTests {
    static let archive = try! fixtures.url("archive/sample.tar")

    @Test("lists and extracts files, long pax names and folders; skips links")
    func extract() throws {
        let long = "val_5M/" + String(repeating: "P", count: 130) + ".txt"
        let entries = try TarArchive.list(Self.archive)
        #expect(entries.map(\.path) == ["val_5M/", "val_5M/HToBB_000.root", long, "val_5M/" + String(repeating: "L", count: 120) + ".txt"])
        #expect(entries.map(\.size) == [0, 775, 9, 10])
        let target = temporaryURL("-tar")
        defer { try? FileManager.default.removeItem(at: target) }
        let files = try TarArchive.extract(Self.archive, to: target)
        #expect(files.count == 3)
        let root = try Data(contentsOf: target.appendingPathComponent("val_5M/HToBB_000.root"))
        #expect(root == Data("root".utf8) + Data(Array(repeating: (0 ..< 256).map(UInt8.init), count: 3).flatMap { $0 }) + Data("end".utf8))
        #expect(try String(contentsOf: target.appendingPathComponent(long), encoding: .utf8) == "pax name\n")
    }

    @Test("truncated and damaged archives throw")
    func damaged() throws {
        let data = try Data(contentsOf: Self.archive)
        let scratch = temporaryURL("-tar-bad.tar")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try data.prefix(1500).write(to: scratch)
        #expect(throws: TarError.truncated(path: scratch.path)) { try TarArchive.list(scratch) }
        var bytes = [UInt8](data)
        bytes[3] ^= 1  // inside the first header's name: the checksum no longer matches
        try Data(bytes).write(to: scratch)
        #expect(throws: TarError.self) { try TarArchive.list(scratch) }
    }
}
