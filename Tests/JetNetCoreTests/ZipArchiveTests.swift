import Foundation
import Testing
import JetNetTestSupport
@testable import JetNetCore

@Suite struct ZipArchiveTests {
    @Test(arguments: [
        ("arrays.npz", ZipEntry.Method.stored), ("arrays_compressed.npz", .deflated), ("arrays_zip64.npz", .stored),
    ])
    func listsNumpyArchives(file: String, method: ZipEntry.Method) throws {
        let archive = try ZipArchive(url: NPYFixtures.url(file))
        #expect(archive.entryNames == ["features.npy", "labels.npy", "mask.npy"])
        #expect(archive.entries.allSatisfy { $0.method == method })
        // Each entry is exactly the .npy numpy writes for the array: 128-byte header + data.
        #expect(archive.entries.map(\.uncompressedSize) == [128 + 24 * 4, 128 + 3 * 8, 128 + 4])
        let labels = try archive.contents(of: "labels.npy")
        #expect(try NPYFile.read(labels) == .int64(NDArray([1, 0, 1])))
    }

    @Test func writerRoundTripsStoredAndDeflatedEntries() throws {
        let text = Data(String(repeating: "jet substructure ", count: 500).utf8)
        let binary = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        var writer = ZipWriter()
        writer.add(name: "archive/data.pkl", contents: text, compressed: true)
        writer.add(name: "archive/data/0", contents: binary)
        writer.add(name: "empty", contents: Data(), compressed: true)
        let archive = try ZipArchive(data: writer.finalized())
        #expect(archive.entryNames == ["archive/data.pkl", "archive/data/0", "empty"])
        #expect(archive.entry(named: "archive/data.pkl")!.compressedSize < text.count / 10)
        #expect(try archive.contents(of: "archive/data.pkl") == text)
        #expect(try archive.contents(of: "archive/data/0") == binary)
        #expect(try archive.contents(of: "empty") == Data())
        #expect(try archive.contents(of: archive.entries[0], prefixLength: 8) == text.prefix(8))
    }

    @Test func readsEntriesBehindPaddedLocalHeaders() throws {
        // PyTorch pads local headers with extra fields so data is 64-byte aligned; the central
        // directory's extra length then differs from the local one.
        var writer = ZipWriter()
        writer.add(name: "a", contents: Data([1, 2, 3]))
        var bytes = [UInt8](writer.finalized())
        // Grow the local extra field by 4 bytes (an unknown 0-length field) and shift the rest.
        bytes[28] = 4
        bytes.insert(contentsOf: [0xFE, 0xCA, 0, 0], at: 30 + 1)
        let centralOffset = 30 + 1 + 4 + 3
        bytes.withUnsafeMutableBytes { raw in
            let end = raw.count - 22
            raw.storeBytes(of: UInt32(centralOffset).littleEndian, toByteOffset: end + 16, as: UInt32.self)
        }
        #expect(try ZipArchive(data: Data(bytes)).contents(of: "a") == Data([1, 2, 3]))
    }

    // MARK: Bad input

    @Test func missingEntryIsReported() throws {
        let archive = try ZipArchive(url: NPYFixtures.url("arrays.npz"))
        #expect(throws: ZipError.missingEntry(source: NPYFixtures.url("arrays.npz").path, name: "jets.npy",
                                              available: ["features.npy", "labels.npy", "mask.npy"])) {
            try archive.contents(of: "jets.npy")
        }
    }

    @Test func damagedEntryIsReported() throws {
        var bytes = try NPYFixtures.data("arrays.npz")
        // Flip a data byte of the first (stored) entry: its CRC no longer matches.
        bytes[bytes.startIndex + 100] ^= 0xFF
        let archive = try ZipArchive(data: bytes)
        do {
            _ = try archive.contents(of: "features.npy")
            Issue.record("a damaged entry was extracted")
        } catch let error as ZipError {
            guard case .corruptEntry(_, "features.npy", let reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(reason.contains("CRC-32"))
        }
        #expect(try archive.contents(of: "labels.npy").count == 152)
    }

    @Test func damagedDeflateStreamIsReported() throws {
        var bytes = try NPYFixtures.data("arrays_compressed.npz")
        // The first entry's deflate data starts after its 30 + 12 + 20 byte local header.
        for offset in 62..<90 { bytes[offset] = 0xFF }
        let archive = try ZipArchive(data: bytes)
        #expect(throws: ZipError.self) { try archive.contents(of: "features.npy") }
    }

    @Test func unsupportedMethodIsReported() throws {
        var writer = ZipWriter()
        writer.add(name: "x", contents: Data([1]))
        var bytes = [UInt8](writer.finalized())
        // Central directory record starts after the 30 + 1 + 1 byte local entry; method at +10.
        bytes[32 + 10] = 12  // bzip2
        #expect(throws: ZipError.unsupportedCompression(source: "in-memory data", entry: "x", method: 12)) {
            try ZipArchive(data: Data(bytes))
        }
    }

    @Test func notAZipIsReported() throws {
        let full = try NPYFixtures.data("arrays.npz")
        #expect(throws: ZipError.notAZipArchive(source: "in-memory data")) { try ZipArchive(data: full.prefix(full.count - 10)) }
        #expect(throws: ZipError.notAZipArchive(source: "in-memory data")) { try ZipArchive(data: Data(count: 100)) }
        #expect(throws: ZipError.notAZipArchive(source: "in-memory data")) { try ZipArchive(data: Data()) }
    }

    @Test func directoryOutsideTheFileIsReported() throws {
        var bytes = [UInt8](try NPYFixtures.data("arrays.npz"))
        // Point the end record's directory offset past the end of the file.
        let end = bytes.count - 22
        bytes[end + 19] = 0x7F
        do {
            _ = try ZipArchive(data: Data(bytes))
            Issue.record("an archive with a bad directory offset opened")
        } catch let error as ZipError {
            guard case .corrupt = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.errorDescription!.contains("damaged zip archive"))
        }
    }

    @Test func missingArchiveIsReported() {
        let url = temporaryURL(".zip")
        #expect(throws: ZipError.fileAccess(path: url.path, reason: "no such file")) { try ZipArchive(url: url) }
    }
}
