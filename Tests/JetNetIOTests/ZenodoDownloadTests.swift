import Foundation
import Testing
import JetNetTestSupport
@testable import JetNetIO

/// The whole download path against a local server: record lookup in both JSON shapes,
/// success, HTTP errors, wrong checksum and an interrupted transfer.
@Suite("Zenodo download", .serialized)
struct ZenodoDownloadTests {
    static let body = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) })
    static var bodyMD5: String { MD5.hex(of: body) }

    enum Shape: String, CaseIterable, Sendable { case filenameDownload, keySelf }

    /// A record JSON in one of Zenodo's two shapes, pointing at `fileURL`.
    static func record(shape: Shape, fileURL: String, md5: String) -> Data {
        let file: [String: Any] = switch shape {
        case .filenameDownload: ["filename": "g.hdf5", "checksum": md5, "links": ["download": fileURL]]
        case .keySelf: ["key": "g.hdf5", "checksum": "md5:" + md5, "links": ["self": fileURL]]
        }
        let other: [String: Any] = ["key": "q.hdf5", "checksum": "md5:" + String(repeating: "0", count: 32), "links": ["self": fileURL + "x"]]
        return try! JSONSerialization.data(withJSONObject: ["id": 6975118, "files": [other, file]])
    }

    /// A server whose record lists g.hdf5 with `md5` (default: the body's), serving `route` for the file.
    static func server(shape: Shape = .keySelf, md5: String? = nil, file route: LocalHTTPServer.Route) throws -> LocalHTTPServer {
        let md5 = md5 ?? bodyMD5
        // The record names the server's own port, known only after binding: routes are a function of it.
        return try LocalHTTPServer { path, port in
            switch path {
            case "/api/records/6975118":
                LocalHTTPServer.Route(body: record(shape: shape, fileURL: "http://127.0.0.1:\(port)/files/g.hdf5", md5: md5))
            case "/files/g.hdf5": route
            default: nil
            }
        }
    }

    /// Runs `body` with a client of `server` and a fresh directory, then stops the server and
    /// removes the directory.
    static func withClient(of server: LocalHTTPServer, _ body: (ZenodoClient, URL) throws -> Void) throws {
        defer { server.stop() }
        let directory = try makeTemporaryDirectory("-download")
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(ZenodoClient(baseURL: server.baseURL, quiet: true, timeout: 10), directory)
    }

    /// Names in the directory other than the sidecar and the target (leftover temporary files).
    static func leftovers(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".part") }
    }

    @Test("A record lists the file in either JSON shape", arguments: Shape.allCases)
    func recordShapes(shape: Shape) throws {
        let json = Self.record(shape: shape, fileURL: "https://zenodo.org/files/g.hdf5", md5: Self.bodyMD5)
        let file = try ZenodoFile.find("g.hdf5", inRecordJSON: json, record: 6975118, source: "test")
        #expect(file == ZenodoFile(name: "g.hdf5", url: URL(string: "https://zenodo.org/files/g.hdf5")!, md5: Self.bodyMD5))
        #expect(throws: DownloadError.fileNotInRecord(record: 6975118, file: "t.hdf5", available: ["q.hdf5", "g.hdf5"])) {
            try ZenodoFile.find("t.hdf5", inRecordJSON: json, record: 6975118, source: "test")
        }
    }

    @Test("Download succeeds, verifies the MD5 and records it beside the file", arguments: Shape.allCases)
    func success(shape: Shape) throws {
        let server = try Self.server(shape: shape, file: .init(body: Self.body))
        try Self.withClient(of: server) { client, directory in
            let url = try client.ensureFile("g.hdf5", record: 6975118, in: directory, download: true)
            #expect(url == directory.appendingPathComponent("g.hdf5"))
            #expect(try Data(contentsOf: url) == Self.body)
            #expect(ZenodoClient.recordedChecksum(for: url) == Self.bodyMD5)
            #expect(Self.leftovers(in: directory).isEmpty)
            // Loading again is offline: the sidecar is enough, the server is not asked again.
            let requestsBefore = server.requests.count
            _ = try client.ensureFile("g.hdf5", record: 6975118, in: directory, download: false)
            #expect(server.requests.count == requestsBefore)
        }
    }

    @Test("Offline load of a verified file that was later corrupted fails with a checksum error")
    func corruptedAfterVerification() throws {
        let directory = try makeTemporaryDirectory("-download")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("g.hdf5")
        try Self.body.write(to: path)
        try ZenodoClient.recordChecksum(Self.bodyMD5, for: path)
        var corrupted = Self.body
        corrupted[1000] ^= 0xff
        try corrupted.write(to: path)
        let client = ZenodoClient(baseURL: URL(string: "http://127.0.0.1:9")!, quiet: true, timeout: 2)
        #expect(throws: DownloadError.checksumMismatch(
            path: path.path, expected: Self.bodyMD5, actual: MD5.hex(of: corrupted),
            hint: "Delete it, or re-download it: Pass `download: true` (or `--download` on the command line) to download it.")) {
            try client.ensureFile("g.hdf5", record: 6975118, in: directory, download: false)
        }
    }

    @Test("A missing file without download permission names the path and the flag")
    func missingWithoutDownload() throws {
        let directory = try makeTemporaryDirectory("-download")
        defer { try? FileManager.default.removeItem(at: directory) }
        let client = ZenodoClient(baseURL: URL(string: "http://127.0.0.1:9")!, quiet: true, timeout: 2)
        let path = directory.appendingPathComponent("g.hdf5").path
        let error = #expect(throws: DownloadError.self) {
            try client.ensureFile("g.hdf5", record: 6975118, in: directory, download: false)
        }
        #expect(error == .fileNotFound(path: path, hint: "Pass `download: true` (or `--download` on the command line) to download it."))
        #expect(error?.errorDescription?.contains(path) == true)
        #expect(error?.errorDescription?.contains("download: true") == true)
    }

    @Test("A never-verified present file loads offline (with a warning) and is verified once download is allowed")
    func unverifiedFile() throws {
        let directory = try makeTemporaryDirectory("-download")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("g.hdf5")
        try Self.body.write(to: path)
        let offline = ZenodoClient(baseURL: URL(string: "http://127.0.0.1:9")!, quiet: true, timeout: 2)
        #expect(try offline.ensureFile("g.hdf5", record: 6975118, in: directory, download: false) == path)
        #expect(ZenodoClient.recordedChecksum(for: path) == nil)
        let server = try Self.server(file: .init(body: Self.body))
        defer { server.stop() }
        let online = ZenodoClient(baseURL: server.baseURL, quiet: true, timeout: 10)
        _ = try online.ensureFile("g.hdf5", record: 6975118, in: directory, download: true)
        #expect(ZenodoClient.recordedChecksum(for: path) == Self.bodyMD5)
        #expect(server.requests == ["/api/records/6975118"])  // verified, not downloaded again
    }

    @Test("HTTP errors from the file URL are reported and leave no file", arguments: [404, 500])
    func httpErrorOnFile(status: Int) throws {
        let server = try Self.server(file: .init(status: status, body: Data("oops".utf8)))
        try Self.withClient(of: server) { client, directory in
            #expect(throws: DownloadError.httpStatus(url: "http://127.0.0.1:\(server.port)/files/g.hdf5", status: status)) {
                try client.ensureFile("g.hdf5", record: 6975118, in: directory, download: true)
            }
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("g.hdf5").path))
            #expect(Self.leftovers(in: directory).isEmpty)
        }
    }

    @Test("An unknown record (404 from the API) is reported")
    func httpErrorOnRecord() throws {
        let server = try LocalHTTPServer { _, _ in nil }
        try Self.withClient(of: server) { client, directory in
            #expect(throws: DownloadError.httpStatus(url: "http://127.0.0.1:\(server.port)/api/records/6975118", status: 404)) {
                try client.ensureFile("g.hdf5", record: 6975118, in: directory, download: true)
            }
        }
    }

    @Test("A body whose MD5 differs from the record is discarded")
    func wrongChecksum() throws {
        let wrong = String(repeating: "ab", count: 16)
        let server = try Self.server(md5: wrong, file: .init(body: Self.body))
        try Self.withClient(of: server) { client, directory in
            let target = directory.appendingPathComponent("g.hdf5")
            let error = #expect(throws: DownloadError.self) {
                try client.ensureFile("g.hdf5", record: 6975118, in: directory, download: true)
            }
            guard case let .checksumMismatch(path, expected, actual, _) = error else {
                Issue.record("expected a checksum mismatch, got \(String(describing: error))")
                return
            }
            #expect(path == target.path && expected == wrong && actual == Self.bodyMD5)
            #expect(!FileManager.default.fileExists(atPath: target.path))
            #expect(Self.leftovers(in: directory).isEmpty)
        }
    }

    @Test("A transfer cut off mid-body leaves the target path untouched")
    func interruptedTransfer() throws {
        let server = try Self.server(file: .init(body: Self.body, truncateAfter: 70_000))
        try Self.withClient(of: server) { client, directory in
            let target = directory.appendingPathComponent("g.hdf5")
            let error = #expect(throws: DownloadError.self) {
                try client.ensureFile("g.hdf5", record: 6975118, in: directory, download: true)
            }
            guard case .transferFailed = error else {
                Issue.record("expected a failed transfer, got \(String(describing: error))")
                return
            }
            #expect(!FileManager.default.fileExists(atPath: target.path))
            #expect(Self.leftovers(in: directory).isEmpty)
        }
    }

    @Test("A corrupted present file is replaced when download is allowed")
    func redownloadCorrupted() throws {
        let server = try Self.server(file: .init(body: Self.body))
        try Self.withClient(of: server) { client, directory in
            let target = directory.appendingPathComponent("g.hdf5")
            try Data("random bytes".utf8).write(to: target)
            _ = try client.ensureFile("g.hdf5", record: 6975118, in: directory, download: true)
            #expect(try Data(contentsOf: target) == Self.body)
            #expect(ZenodoClient.recordedChecksum(for: target) == Self.bodyMD5)
        }
    }
}
