import Foundation
import JetNetCore

/// A streaming reader of POSIX/GNU tar archives (the JetClass tarballs), in pure Swift.
///
/// Reads ustar headers, GNU long names (`L`) and pax `path=` records; regular files and
/// directories are extracted, other entries (links, devices) skipped. Files are copied in
/// 4 MiB chunks, so archives far larger than memory extract.
public enum TarArchive {
    /// One member of an archive.
    public struct Entry: Sendable, Equatable {
        /// The member's path inside the archive.
        public let path: String
        /// Its size in bytes.
        public let size: Int
        /// Whether it is a directory.
        public let isDirectory: Bool
    }

    /// Lists the members of a tar archive.
    ///
    /// - Throws: ``TarError``.
    public static func list(_ archive: URL) throws -> [Entry] {
        var entries: [Entry] = []
        try walk(archive) { entry, _ in entries.append(entry) }
        return entries
    }

    /// Extracts the regular files and directories of a tar archive under `directory`.
    ///
    /// - Parameters:
    ///   - archive: the `.tar` file.
    ///   - directory: where to extract (created if needed).
    ///   - progress: called after each file with the bytes extracted so far.
    /// - Returns: the extracted files' URLs.
    /// - Throws: ``TarError`` for damaged archives and members that would land outside
    ///   `directory` (absolute paths or `..`).
    @discardableResult
    public static func extract(_ archive: URL, to directory: URL, progress: ((Int) -> Void)? = nil) throws -> [URL] {
        var extracted: [URL] = []
        var total = 0
        let manager = FileManager.default
        try walk(archive) { entry, body in
            let components = entry.path.split(separator: "/").filter { $0 != "." && !$0.isEmpty }
            guard !entry.path.hasPrefix("/"), !components.contains("..") else { throw TarError.unsafePath(entry.path) }
            guard !components.isEmpty else { return }
            let target = components.reduce(directory) { $0.appendingPathComponent(String($1)) }
            do {
                if entry.isDirectory {
                    try manager.createDirectory(at: target, withIntermediateDirectories: true)
                    return
                }
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicFile.write(to: target) { temporary in
                    guard manager.createFile(atPath: temporary.path, contents: nil) else {
                        throw TarError.cannotWrite(path: target.path, reason: "cannot create the file")
                    }
                    let output = try FileHandle(forWritingTo: temporary)
                    defer { try? output.close() }
                    try body { chunk in try output.write(contentsOf: chunk) }
                }
            } catch let error as TarError {
                throw error
            } catch {
                throw TarError.cannotWrite(path: target.path, reason: error.localizedDescription)
            }
            total += entry.size
            extracted.append(target)
            progress?(total)
        }
        return extracted
    }

    /// Calls `visit` for each member; `visit` may call its second argument to receive the
    /// member's bytes in chunks (otherwise they are skipped).
    static func walk(_ archive: URL, _ visit: (Entry, ((Data) throws -> Void) throws -> Void) throws -> Void) throws {
        let input: FileHandle
        do { input = try FileHandle(forReadingFrom: archive) } catch {
            throw TarError.cannotRead(path: archive.path, reason: error.localizedDescription)
        }
        defer { try? input.close() }
        func readExactly(_ count: Int) throws -> Data {
            let data = (try? input.read(upToCount: count)) ?? Data()
            guard data.count == count else { throw TarError.truncated(path: archive.path) }
            return data
        }
        var pendingName: String?
        while true {
            let header = [UInt8](try readExactly(512))
            if header.allSatisfy({ $0 == 0 }) { return }
            try verifyChecksum(header, archive: archive)
            let size = try number(header[124 ..< 136], archive: archive)
            let type = header[156]
            let padded = (size + 511) / 512 * 512
            // Metadata entries whose body names the next member.
            if type == UInt8(ascii: "L") || type == UInt8(ascii: "x") {
                guard size < 1 << 20 else { throw TarError.malformed(path: archive.path, reason: "a \(size)-byte name record") }
                let body = try readExactly(padded).prefix(size)
                pendingName = type == UInt8(ascii: "L")
                    ? String(decoding: body.prefix { $0 != 0 }, as: UTF8.self)
                    : paxPath(body) ?? pendingName
                continue
            }
            var name = string(header[0 ..< 100])
            if header[257 ..< 262].elementsEqual("ustar".utf8) {
                let prefix = string(header[345 ..< 500])
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            if let pending = pendingName { name = pending }
            pendingName = nil
            let isFile = type == 0 || type == UInt8(ascii: "0") || type == UInt8(ascii: "7")
            let isDirectory = type == UInt8(ascii: "5")
            var consumed = false
            if isFile || isDirectory {
                let entry = Entry(path: name, size: isDirectory ? 0 : size, isDirectory: isDirectory)
                try visit(entry) { sink in
                    var left = size
                    while left > 0 {
                        let chunk = try readExactly(min(left, 4 << 20))
                        try sink(chunk)
                        left -= chunk.count
                    }
                    consumed = true
                }
            }
            // Skip the (rest of the) body and its padding.
            let skip = consumed ? padded - size : padded
            if skip > 0 {
                do { try input.seek(toOffset: try input.offset() + UInt64(skip)) } catch {
                    throw TarError.truncated(path: archive.path)
                }
            }
        }
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An octal field, or GNU base-256 for sizes of 8 GiB and more.
    private static func number(_ field: ArraySlice<UInt8>, archive: URL) throws -> Int {
        if let first = field.first, first & 0x80 != 0 {
            var value = 0
            for byte in field.dropFirst() {
                guard value < 1 << 55 else { throw TarError.malformed(path: archive.path, reason: "a size too large") }
                value = value << 8 | Int(byte)
            }
            return value
        }
        let text = String(decoding: field.prefix { $0 != 0 && $0 != 32 }.drop { $0 == 32 }, as: UTF8.self)
        if text.isEmpty { return 0 }
        guard let value = Int(text, radix: 8), value >= 0 else { throw TarError.malformed(path: archive.path, reason: "size field '\(text)' is not octal") }
        return value
    }

    private static func verifyChecksum(_ header: [UInt8], archive: URL) throws {
        let stored = try number(header[148 ..< 156], archive: archive)
        var sum = 0
        for (index, byte) in header.enumerated() { sum += (148 ..< 156).contains(index) ? 32 : Int(byte) }
        guard sum == stored else { throw TarError.malformed(path: archive.path, reason: "header checksum \(stored) differs from the header's sum \(sum)") }
    }

    /// The `path` record of a pax extended header (`"<len> path=<value>\n"` records).
    private static func paxPath(_ body: Data) -> String? {
        for record in String(decoding: body, as: UTF8.self).split(separator: "\n") {
            guard let space = record.firstIndex(of: " ") else { continue }
            let pair = record[record.index(after: space)...]
            if pair.hasPrefix("path=") { return String(pair.dropFirst(5)) }
        }
        return nil
    }
}

/// Why a tar archive could not be read or extracted.
public enum TarError: Error, LocalizedError, Equatable, Sendable {
    /// The archive could not be opened.
    case cannotRead(path: String, reason: String)
    /// The archive ends in the middle of a member.
    case truncated(path: String)
    /// A header is damaged.
    case malformed(path: String, reason: String)
    /// A member would be written outside the target folder.
    case unsafePath(String)
    /// A member could not be written.
    case cannotWrite(path: String, reason: String)

    /// What was wrong and how to fix it, on one line (names read from files are escaped).
    public var errorDescription: String? { unescapedDescription?.escapingNonPrintable }

    private var unescapedDescription: String? {
        switch self {
        case let .cannotRead(path, reason): "Cannot read tar archive \(path): \(reason)."
        case let .truncated(path): "Tar archive \(path) is truncated (the download was interrupted?); download it again."
        case let .malformed(path, reason): "Tar archive \(path) is damaged: \(reason). Download it again."
        case let .unsafePath(path): "The archive member '\(path)' would be written outside the target folder; refusing to extract it."
        case let .cannotWrite(path, reason): "Cannot write \(path): \(reason). Check the free space and permissions."
        }
    }
}
