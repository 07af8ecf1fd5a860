import Foundation
import JetNetCore

/// Finds, downloads and verifies files of Zenodo records, the way jetnet gets its datasets.
///
/// Unlike jetnet, a file that is already on disk is checked **offline**: when a download
/// finishes and its MD5 matches the record, the MD5 is written beside the file
/// (`g.hdf5.md5`, in `md5sum` format) and later loads compare against that. A present file
/// that was never verified (copied in by hand) loads with a one-line warning on
/// `jetnetLogger`.
///
/// ```swift
/// let client = ZenodoClient()
/// let url = try client.ensureFile("g.hdf5", record: 6975118, in: directory, download: true)
/// ```
public struct ZenodoClient: Sendable {
    /// The server root; the record API is `<baseURL>/api/records/<id>`. Tests point it at a
    /// local server.
    public var baseURL: URL
    /// No progress bar when true (the bar is drawn only on a terminal anyway).
    public var quiet: Bool
    /// Seconds without data before a request fails.
    public var timeout: TimeInterval

    /// Makes a client.
    /// - Parameters:
    ///   - baseURL: the Zenodo server (default `https://zenodo.org`).
    ///   - quiet: suppress the progress bar.
    ///   - timeout: seconds without data before a request fails.
    public init(baseURL: URL = URL(string: "https://zenodo.org")!, quiet: Bool = false, timeout: TimeInterval = 60) {
        self.baseURL = baseURL
        self.quiet = quiet
        self.timeout = timeout
    }

    /// The sidecar file that records a verified MD5 beside `file` (`g.hdf5` -> `g.hdf5.md5`).
    public static func checksumURL(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".md5")
    }

    /// Looks a file up in a record's API JSON.
    /// - Parameters:
    ///   - fileName: the file's name in the record.
    ///   - record: the Zenodo record id.
    /// - Returns: the download URL and MD5.
    /// - Throws: ``DownloadError`` on HTTP, network or JSON problems.
    public func lookUp(_ fileName: String, record: Int) throws -> ZenodoFile {
        let url = baseURL.appendingPathComponent("api/records/\(record)")
        let json = try HTTPTransfer.fetch(url, timeout: timeout)
        return try ZenodoFile.find(fileName, inRecordJSON: json, record: record, source: url.absoluteString)
    }

    /// Downloads `file` to `destination`: streams into a temporary file in the same
    /// directory, checks the MD5, then renames into place and writes the `.md5` sidecar.
    ///
    /// The destination never holds a partial file: on any failure the temporary file is
    /// removed and the destination is left as it was.
    /// - Parameters:
    ///   - file: what to download (from ``lookUp(_:record:)``).
    ///   - destination: the final path.
    /// - Throws: ``DownloadError``.
    public func download(_ file: ZenodoFile, to destination: URL) throws {
        let directory = destination.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw DownloadError.fileSystem(path: directory.path, reason: error.localizedDescription)
        }
        // Temporaries of earlier runs killed before they could clean up (SIGKILL, power loss).
        AtomicFile.removeStaleTemporaries(of: destination, suffix: "part")
        do {
            try AtomicFile.write(to: destination, suffix: "part") { temporary in
                let digest = try stream(file, into: temporary)
                guard digest == file.md5 else {
                    throw DownloadError.checksumMismatch(
                        path: destination.path, expected: file.md5, actual: digest,
                        hint: "The download was discarded; run it again, and report it if it keeps failing.")
                }
            }
        } catch let error as FileWriteError {
            throw DownloadError.fileSystem(path: destination.path, reason: error.reason)
        }
        try Self.recordChecksum(file.md5, for: destination)
    }

    /// Streams `file` into a new file at `temporary`; returns the MD5 of what was received.
    private func stream(_ file: ZenodoFile, into temporary: URL) throws -> String {
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw DownloadError.fileSystem(path: temporary.path, reason: "cannot create a file there")
        }
        let handle: FileHandle
        do { handle = try FileHandle(forWritingTo: temporary) } catch {
            throw DownloadError.fileSystem(path: temporary.path, reason: error.localizedDescription)
        }
        let bar = ProgressBar(label: "Downloading \(file.name)", quiet: quiet)
        let lastPercent = ManagedCounter()
        defer { bar.finish() }
        do {
            let digest = try HTTPTransfer.stream(file.url, into: handle, timeout: timeout) { received, expected in
                let percent = expected.map { Int(received * 100 / max($0, 1)) } ?? Int(received >> 20)
                if lastPercent.exchange(percent) != percent { bar.update(received: received, expected: expected) }
            }
            try handle.close()
            return digest
        } catch {
            try? handle.close()
            throw error
        }
    }

    /// Returns the path of `fileName` in `directory`, downloading or verifying it as needed
    /// (jetnet's `checkDownloadZenodoDataset`, but offline for files verified before).
    ///
    /// - A present file with a `.md5` sidecar is checked against it without network; on a
    ///   mismatch it is re-downloaded when `download` is true, and an error otherwise.
    /// - A present file without a sidecar is verified against the record when `download` is
    ///   true (and re-downloaded if it differs); otherwise it loads with a warning.
    /// - A missing file is downloaded when `download` is true, and an error otherwise.
    /// - Parameters:
    ///   - fileName: the file's name in the record and on disk.
    ///   - record: the Zenodo record id.
    ///   - directory: the data directory.
    ///   - download: whether the network may be used.
    ///   - hint: how to allow downloading, for error messages (for example "pass
    ///     `download: true`").
    /// - Returns: the file's URL.
    /// - Throws: ``DownloadError``.
    public func ensureFile(
        _ fileName: String, record: Int, in directory: URL, download: Bool,
        hint: String = "Pass `download: true` (or `--download` on the command line) to download it."
    ) throws -> URL {
        let path = directory.appendingPathComponent(fileName)
        let manager = FileManager.default
        if manager.fileExists(atPath: path.path) {
            if let recorded = Self.recordedChecksum(for: path) {
                let actual = try Self.md5(of: path)
                if actual == recorded { return path }
                guard download else {
                    throw DownloadError.checksumMismatch(
                        path: path.path, expected: recorded, actual: actual,
                        hint: "Delete it, or re-download it: \(hint)")
                }
                jetnetLogger.warning("\(path.path) does not match its recorded MD5; downloading it again.")
            } else if download {
                let file = try lookUp(fileName, record: record)
                let actual = try Self.md5(of: path)
                if actual == file.md5 {
                    try Self.recordChecksum(actual, for: path)
                    return path
                }
                jetnetLogger.warning("\(path.path) does not match Zenodo's MD5 (\(file.md5)); downloading it again.")
                try self.download(file, to: path)
                return path
            } else {
                jetnetLogger.warning("\(path.path) was never verified against Zenodo's MD5; loading it as is (download once with `download: true` to verify it).")
                return path
            }
        } else if !download {
            throw DownloadError.fileNotFound(path: path.path, hint: hint)
        }
        try self.download(lookUp(fileName, record: record), to: path)
        return path
    }

    /// The MD5 recorded beside `file`, if any.
    public static func recordedChecksum(for file: URL) -> String? {
        guard let text = try? String(contentsOf: checksumURL(for: file), encoding: .utf8) else { return nil }
        let digest = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).first.map(String.init) ?? ""
        return digest.count == 32 && digest.allSatisfy(\.isHexDigit) ? digest.lowercased() : nil
    }

    /// Writes `digest` beside `file` in `md5sum` format.
    /// - Throws: ``DownloadError/fileSystem(path:reason:)``.
    public static func recordChecksum(_ digest: String, for file: URL) throws {
        let sidecar = checksumURL(for: file)
        do {
            try AtomicFile.write(Data("\(digest)  \(file.lastPathComponent)\n".utf8), to: sidecar)
        } catch {
            throw DownloadError.fileSystem(path: sidecar.path, reason: (error as? FileWriteError)?.reason ?? "\(error)")
        }
    }

    private static func md5(of file: URL) throws -> String {
        do { return try MD5.hex(ofFileAt: file) } catch {
            throw DownloadError.fileSystem(path: file.path, reason: "cannot read it: \(error.localizedDescription)")
        }
    }
}

/// An integer shared with a `@Sendable` progress callback.
private final class ManagedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = -1

    func exchange(_ newValue: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let old = value
        value = newValue
        return old
    }
}
