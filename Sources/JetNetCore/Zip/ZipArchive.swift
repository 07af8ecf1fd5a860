import Foundation

/// A read-only zip archive: lists its entries and extracts stored and deflated ones.
///
/// Reads what `numpy.savez`/`savez_compressed` and PyTorch's `torch.save` write, including
/// zip64 archives (more than 65,535 entries or 4 GiB). Files are memory-mapped, so opening
/// a large archive and extracting one entry reads only that entry.
///
/// ```swift
/// let archive = try ZipArchive(url: modelURL)
/// let pickle = try archive.contents(of: "archive/data.pkl")
/// ```
public struct ZipArchive: Sendable {
    /// The entries in central-directory order.
    public let entries: [ZipEntry]
    /// What the archive was read from (a path or `"in-memory data"`), for error messages.
    public let source: String
    private let data: Data
    private let index: [String: Int]

    /// Opens the zip archive at `url`.
    ///
    /// - Parameter url: a zip file (`.zip`, `.npz`, `.pt`, …).
    /// - Throws: ``ZipError`` when the file is unreadable or not a valid zip archive.
    public init(url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "it cannot be read" : "no such file"
            throw ZipError.fileAccess(path: url.path, reason: reason)
        }
        try self.init(data: data, source: url.path)
    }

    /// Reads a zip archive held in memory.
    ///
    /// - Parameters:
    ///   - data: the archive's bytes.
    ///   - source: a name for the data in error messages.
    /// - Throws: ``ZipError`` when the bytes are not a valid zip archive.
    public init(data: Data, source: String = "in-memory data") throws {
        // Index from zero whatever slice of a larger Data this is.
        let data = data.startIndex == 0 ? data : Data(data)
        self.data = data
        self.source = source
        self.entries = try data.withUnsafeBytes { try Self.readCentralDirectory(ByteReader(bytes: $0), source: source) }
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() where index[entry.name] == nil { index[entry.name] = position }
        self.index = index
    }

    /// The names of all entries, in archive order.
    public var entryNames: [String] { entries.map(\.name) }

    /// The entry called `name`, or `nil`.
    ///
    /// - Parameter name: a path inside the archive.
    public func entry(named name: String) -> ZipEntry? {
        index[name].map { entries[$0] }
    }

    /// The extracted bytes of the entry called `name`.
    ///
    /// - Parameter name: a path inside the archive.
    /// - Returns: the entry's bytes, checked against its CRC-32.
    /// - Throws: ``ZipError/missingEntry(source:name:available:)`` when there is no such entry;
    ///   other ``ZipError`` cases when it cannot be extracted.
    public func contents(of name: String) throws -> Data {
        guard let entry = entry(named: name) else {
            throw ZipError.missingEntry(source: source, name: name, available: entryNames)
        }
        return try contents(of: entry)
    }

    /// The extracted bytes of `entry`.
    ///
    /// - Parameters:
    ///   - entry: one of ``entries``.
    ///   - prefixLength: extract only the first this-many bytes (no CRC check), or `nil`
    ///     for the whole entry.
    /// - Returns: the entry's bytes (or their prefix).
    /// - Throws: ``ZipError`` when the entry is encrypted, uses an unsupported method, or its
    ///   bytes are damaged.
    public func contents(of entry: ZipEntry, prefixLength: Int? = nil) throws -> Data {
        try data.withUnsafeBytes { bytes in
            let reader = ByteReader(bytes: bytes)
            let start = try dataStart(of: entry, reader)
            let stored = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + entry.compressedSize)])
            switch entry.method {
            case .stored:
                guard entry.compressedSize == entry.uncompressedSize else {
                    throw corruptEntry(entry, "stored entry has compressed size \(entry.compressedSize) but size \(entry.uncompressedSize)")
                }
            case .deflated:
                // Deflate cannot expand data more than 1032-fold; larger claims are corrupt
                // and must not be allocated.
                guard entry.uncompressedSize / 1032 <= entry.compressedSize + 1 else {
                    throw corruptEntry(entry, "its recorded size \(entry.uncompressedSize) cannot come from \(entry.compressedSize) deflated bytes")
                }
            }
            let wanted = min(max(0, prefixLength ?? entry.uncompressedSize), entry.uncompressedSize)
            var output = Data(count: wanted)
            switch entry.method {
            case .stored:
                output.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: stored.prefix(wanted))) }
            case .deflated:
                if wanted > 0 {
                    let result: (written: Int, finished: Bool)
                    do {
                        result = try output.withUnsafeMutableBytes { try ZlibCodec.inflate(stored, into: $0) }
                    } catch {
                        throw corruptEntry(entry, "\(error)")
                    }
                    guard result.written == wanted else {
                        throw corruptEntry(entry, "it inflates to \(result.written) bytes, not the recorded \(entry.uncompressedSize)")
                    }
                }
            }
            if prefixLength == nil || wanted == entry.uncompressedSize {
                let crc = output.withUnsafeBytes { ZlibCodec.crc32($0) }
                guard crc == entry.crc32 else {
                    throw corruptEntry(entry, String(format: "CRC-32 is %08x, the archive records %08x", crc, entry.crc32))
                }
            }
            return output
        }
    }

    // MARK: Parsing

    private func corruptEntry(_ entry: ZipEntry, _ reason: String) -> ZipError {
        .corruptEntry(source: source, entry: entry.name, reason: reason)
    }

    /// The offset of an entry's data: after its local header, whose name and extra field
    /// lengths can differ from the central directory's (PyTorch pads with extra fields).
    private func dataStart(of entry: ZipEntry, _ reader: ByteReader) throws -> Int {
        let offset = entry.localHeaderOffset
        guard reader.contains(offset, 30), reader.u32(offset) == 0x0403_4B50 else {
            throw corruptEntry(entry, "no local header at offset \(offset)")
        }
        let start = offset + 30 + reader.u16(offset + 26) + reader.u16(offset + 28)
        guard reader.contains(start, entry.compressedSize) else {
            throw corruptEntry(entry, "its \(entry.compressedSize) bytes extend past the end of the archive")
        }
        return start
    }

    private static func readCentralDirectory(_ reader: ByteReader, source: String) throws -> [ZipEntry] {
        let corrupt = { (reason: String) in ZipError.corrupt(source: source, reason: reason) }
        // The end-of-central-directory record is 22 bytes plus a comment of up to 65,535.
        let size = reader.bytes.count
        var end = -1
        var candidate = size - 22
        while candidate >= max(0, size - 22 - 0xFFFF) {
            if reader.u32(candidate) == 0x0605_4B50 { end = candidate; break }
            candidate -= 1
        }
        guard end >= 0 else { throw ZipError.notAZipArchive(source: source) }
        var entryCount = reader.u16(end + 10)
        var directorySize = reader.u32(end + 12)
        var directoryOffset = reader.u32(end + 16)
        // A zip64 locator just before the record points to the zip64 end record.
        let locator = end - 20
        if reader.contains(locator, 20), reader.u32(locator) == 0x0706_4B50 {
            let record = reader.u64(locator + 8)
            guard reader.contains(record, 56), reader.u32(record) == 0x0606_4B50 else {
                throw corrupt("the zip64 end-of-central-directory record is missing")
            }
            entryCount = reader.u64(record + 32)
            directorySize = reader.u64(record + 40)
            directoryOffset = reader.u64(record + 48)
        }
        guard reader.contains(directoryOffset, directorySize) else {
            throw corrupt("the central directory (\(directorySize) bytes at \(directoryOffset)) lies outside the \(size)-byte file")
        }
        var entries: [ZipEntry] = []
        entries.reserveCapacity(min(entryCount, directorySize / 46))
        var offset = directoryOffset
        for number in 0..<entryCount {
            guard reader.contains(offset, 46), reader.u32(offset) == 0x0201_4B50 else {
                throw corrupt("central directory entry \(number) has no valid signature")
            }
            let flags = reader.u16(offset + 8)
            let methodCode = reader.u16(offset + 10)
            let crc = UInt32(reader.u32(offset + 16))
            var compressed = reader.u32(offset + 20)
            var uncompressed = reader.u32(offset + 24)
            let nameLength = reader.u16(offset + 28), extraLength = reader.u16(offset + 30), commentLength = reader.u16(offset + 32)
            var localOffset = reader.u32(offset + 42)
            guard reader.contains(offset + 46, nameLength + extraLength + commentLength) else {
                throw corrupt("central directory entry \(number) extends past the directory")
            }
            let nameBytes = UnsafeRawBufferPointer(rebasing: reader.bytes[(offset + 46)..<(offset + 46 + nameLength)])
            // Bit 11 marks UTF-8 names; others are code page 437, whose ASCII part is all that occurs here.
            let name = flags & 0x800 != 0 || nameBytes.allSatisfy({ $0 < 0x80 })
                ? String(decoding: nameBytes, as: UTF8.self)
                : String(String.UnicodeScalarView(nameBytes.map { Unicode.Scalar($0) }))
            // Zip64 extra field: the 64-bit values of whichever fields hold 0xFFFFFFFF, in order.
            var extra = offset + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = reader.u16(extra), length = reader.u16(extra + 2)
                if id == 0x0001 {
                    var field = extra + 4
                    let fieldEnd = min(extra + 4 + length, extraEnd)
                    if uncompressed == 0xFFFF_FFFF, field + 8 <= fieldEnd { uncompressed = reader.u64(field); field += 8 }
                    if compressed == 0xFFFF_FFFF, field + 8 <= fieldEnd { compressed = reader.u64(field); field += 8 }
                    if localOffset == 0xFFFF_FFFF, field + 8 <= fieldEnd { localOffset = reader.u64(field); field += 8 }
                }
                extra += 4 + length
            }
            offset = extraEnd + commentLength
            guard let method = ZipEntry.Method(rawValue: methodCode) else {
                throw ZipError.unsupportedCompression(source: source, entry: name, method: methodCode)
            }
            guard flags & 1 == 0 else { throw ZipError.encrypted(source: source, entry: name) }
            guard reader.contains(localOffset, 30) else {
                throw corrupt("entry '\(name)' starts at \(localOffset), past the end of the file")
            }
            entries.append(ZipEntry(name: name, method: method, uncompressedSize: uncompressed,
                                    compressedSize: compressed, crc32: crc, localHeaderOffset: localOffset))
        }
        return entries
    }
}
