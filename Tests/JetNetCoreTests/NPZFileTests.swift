import Foundation
import Testing
import JetNetTestSupport
@testable import JetNetCore

@Suite struct NPZFileTests {
    @Test(arguments: ["arrays.npz", "arrays_compressed.npz", "arrays_zip64.npz"])
    func readsWhatNumpyWrote(file: String) throws {
        let expected = NPYFixtures.manifest.npz.first { $0.file == file }!
        let npz = try NPZFile(url: NPYFixtures.url(file))
        #expect(npz.keys == ["features", "labels", "mask"])
        let arrays = try npz.arrays()
        #expect(Set(arrays.keys) == Set(expected.arrays.keys))
        for (key, array) in arrays {
            #expect(expected.arrays[key]!.matches(array), "\(file)[\(key)]")
            let header = try npz.header(key)
            #expect(header.shape == expected.arrays[key]!.shape)
            #expect(header.descr == expected.arrays[key]!.descr)
        }
        #expect(try NPZFile.read(NPYFixtures.url(file), key: "labels") == arrays["labels"])
        #expect(try npz.array("features", as: Double.self).shape == [2, 3, 4])
    }

    @Test(arguments: [false, true])
    func writeThenReadRoundTrips(compressed: Bool) throws {
        let arrays = try NPZFile.read(NPYFixtures.url("arrays.npz"))
        let url = temporaryURL(".npz")
        defer { try? FileManager.default.removeItem(at: url) }
        try NPZFile.write(arrays, to: url, compressed: compressed)
        let reread = try NPZFile(url: url)
        #expect(reread.keys == ["features", "labels", "mask"])
        #expect(try reread.arrays() == arrays)
        #expect(reread.archive.entries.allSatisfy { $0.method == (compressed ? .deflated : .stored) })
    }

    /// numpy reads what we write: same entry names, and each entry's bytes are exactly the
    /// `.npy` bytes numpy stored for the same array.
    @Test(arguments: [false, true])
    func entriesEqualNumpys(compressed: Bool) throws {
        let numpy = try ZipArchive(url: NPYFixtures.url(compressed ? "arrays_compressed.npz" : "arrays.npz"))
        let arrays = try NPZFile(url: NPYFixtures.url("arrays.npz"))
        let ordered = try arrays.keys.map { (name: $0, array: try arrays.array($0)) }
        let ours = try ZipArchive(data: NPZFile.encode(ordered, compressed: compressed))
        #expect(ours.entryNames == numpy.entryNames)
        for name in numpy.entryNames {
            #expect(try ours.contents(of: name) == numpy.contents(of: name))
            #expect(ours.entry(named: name)!.crc32 == numpy.entry(named: name)!.crc32)
        }
    }

    @Test func missingKeyIsReported() throws {
        let npz = try NPZFile(url: NPYFixtures.url("arrays_compressed.npz"))
        let expected = NPYError.missingKey(source: NPYFixtures.url("arrays_compressed.npz").path, key: "jets",
                                           available: ["features", "labels", "mask"])
        #expect(throws: expected) { try npz.array("jets") }
        #expect(expected.errorDescription!.contains("'features', 'labels', 'mask'"))
    }

    @Test func nonNPYEntryIsReported() throws {
        var writer = ZipWriter()
        writer.add(name: "notes.npy", contents: Data("hello".utf8))
        let npz = try NPZFile(data: writer.finalized())
        #expect(throws: NPYError.notNPY(source: "in-memory data[notes]")) { try npz.array("notes") }
    }
}
