import Foundation

/// Builds a zip archive in memory: stored or deflated entries, zip64 when sizes need it.
///
/// ```swift
/// var writer = ZipWriter()
/// writer.add(name: "x.npy", contents: NPYFile.encode(x), compressed: true)
/// try writer.write(to: url)
/// ```
public struct ZipWriter: Sendable {
    private var bytes: [UInt8] = []
    private var centralDirectory: [UInt8] = []
    private var entryCount = 0

    /// Starts an empty archive.
    public init() {}

    /// Appends an entry.
    ///
    /// - Parameters:
    ///   - name: the path inside the archive (`/` separators).
    ///   - contents: the entry's bytes.
    ///   - compressed: deflate the bytes (method 8) instead of storing them (method 0).
    public mutating func add(name: String, contents: Data, compressed: Bool = false) {
        let (crc, payload) = contents.withUnsafeBytes { raw in
            (ZlibCodec.crc32(raw), compressed ? ZlibCodec.deflate(raw) : nil)
        }
        let stored = payload ?? contents
        let nameBytes = Array(name.utf8)
        let offset = bytes.count
        let needsZip64 = contents.count >= 0xFFFF_FFFF || stored.count >= 0xFFFF_FFFF || offset >= 0xFFFF_FFFF
        let version: UInt16 = needsZip64 ? 45 : 20
        let method: UInt16 = compressed ? 8 : 0
        let flags: UInt16 = 0x800  // UTF-8 names
        let dosTime: UInt16 = 0, dosDate: UInt16 = 0x21  // 1980-01-01 00:00, as numpy writes

        func clamp(_ value: Int) -> UInt32 { needsZip64 ? 0xFFFF_FFFF : UInt32(value) }

        // Local header.
        var local: [UInt8] = []
        local.appendLittleEndian(UInt32(0x0403_4B50))
        for value in [version, flags, method, dosTime, dosDate] { local.appendLittleEndian(value) }
        local.appendLittleEndian(crc)
        local.appendLittleEndian(clamp(stored.count))
        local.appendLittleEndian(clamp(contents.count))
        local.appendLittleEndian(UInt16(nameBytes.count))
        local.appendLittleEndian(UInt16(needsZip64 ? 20 : 0))
        local += nameBytes
        if needsZip64 {
            local.appendLittleEndian(UInt16(1)); local.appendLittleEndian(UInt16(16))
            local.appendLittleEndian(UInt64(contents.count)); local.appendLittleEndian(UInt64(stored.count))
        }
        bytes += local
        bytes += stored

        // Central directory record.
        var central: [UInt8] = []
        central.appendLittleEndian(UInt32(0x0201_4B50))
        for value in [version, version, flags, method, dosTime, dosDate] { central.appendLittleEndian(value) }
        central.appendLittleEndian(crc)
        central.appendLittleEndian(clamp(stored.count))
        central.appendLittleEndian(clamp(contents.count))
        central.appendLittleEndian(UInt16(nameBytes.count))
        central.appendLittleEndian(UInt16(needsZip64 ? 28 : 0))
        for _ in 0..<3 { central.appendLittleEndian(UInt16(0)) }  // comment length, disk, internal attributes
        central.appendLittleEndian(UInt32(0o100644) << 16)  // a regular file, rw-r--r--
        central.appendLittleEndian(clamp(offset))
        central += nameBytes
        if needsZip64 {
            central.appendLittleEndian(UInt16(1)); central.appendLittleEndian(UInt16(24))
            central.appendLittleEndian(UInt64(contents.count)); central.appendLittleEndian(UInt64(stored.count))
            central.appendLittleEndian(UInt64(offset))
        }
        centralDirectory += central
        entryCount += 1
    }

    /// The finished archive's bytes.
    public func finalized() -> Data {
        var tail: [UInt8] = []
        let directoryOffset = bytes.count
        let directorySize = centralDirectory.count
        let needsZip64 = entryCount >= 0xFFFF || directoryOffset >= 0xFFFF_FFFF || directorySize >= 0xFFFF_FFFF
        if needsZip64 {
            let recordOffset = directoryOffset + directorySize
            tail.appendLittleEndian(UInt32(0x0606_4B50))
            tail.appendLittleEndian(UInt64(44))
            tail.appendLittleEndian(UInt16(45)); tail.appendLittleEndian(UInt16(45))
            tail.appendLittleEndian(UInt32(0)); tail.appendLittleEndian(UInt32(0))
            tail.appendLittleEndian(UInt64(entryCount)); tail.appendLittleEndian(UInt64(entryCount))
            tail.appendLittleEndian(UInt64(directorySize)); tail.appendLittleEndian(UInt64(directoryOffset))
            tail.appendLittleEndian(UInt32(0x0706_4B50))
            tail.appendLittleEndian(UInt32(0)); tail.appendLittleEndian(UInt64(recordOffset)); tail.appendLittleEndian(UInt32(1))
        }
        tail.appendLittleEndian(UInt32(0x0605_4B50))
        tail.appendLittleEndian(UInt16(0)); tail.appendLittleEndian(UInt16(0))
        tail.appendLittleEndian(UInt16(min(entryCount, 0xFFFF))); tail.appendLittleEndian(UInt16(min(entryCount, 0xFFFF)))
        tail.appendLittleEndian(UInt32(min(directorySize, 0xFFFF_FFFF)))
        tail.appendLittleEndian(UInt32(min(directoryOffset, 0xFFFF_FFFF)))
        tail.appendLittleEndian(UInt16(0))
        var data = Data(capacity: bytes.count + centralDirectory.count + tail.count)
        data.append(contentsOf: bytes)
        data.append(contentsOf: centralDirectory)
        data.append(contentsOf: tail)
        return data
    }

    /// Writes the finished archive to `url`.
    ///
    /// - Parameter url: the file to create or replace.
    /// - Throws: ``ZipError/fileAccess(path:reason:)`` when it cannot be written.
    public func write(to url: URL) throws {
        do { try AtomicFile.write(finalized(), to: url) } catch let error as FileWriteError {
            throw ZipError.fileAccess(path: url.path, reason: error.reason)
        } catch {
            throw ZipError.fileAccess(path: url.path, reason: "\(error)")
        }
    }
}
