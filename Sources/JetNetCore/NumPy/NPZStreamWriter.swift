import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an `.npz` (stored, uncompressed entries, as `numpy.savez`) one array at a time and
/// each array in pieces, so arrays larger than memory can be written.
///
/// The file is written to a temporary beside `url` (``AtomicFile/Temporary``) and renamed when
/// ``finish()`` completes, so an interrupted run never leaves a half-written `.npz` under the
/// target name; the temporary is removed when the writer is released unfinished and when
/// SIGINT, SIGTERM or SIGHUP ends the process (``AtomicFile/removeTemporariesOnTermination()``).
///
/// ```swift
/// let writer = try NPZStreamWriter(url: out)
/// try writer.beginArray("x", dtype: .float32, shape: [n, 128])
/// for chunk in chunks { try writer.append(chunk) }   // [rows, 128] each, in order
/// try writer.finish()
/// ```
public final class NPZStreamWriter {
    private let target: URL
    private let temporary: AtomicFile.Temporary
    private let file: PosixFile
    private var offset = 0
    private var central: [UInt8] = []
    private var entries = 0
    private var current: (name: [UInt8], headerOffset: Int, expected: Int, written: Int, crc: UInt32)?

    /// Creates the temporary file beside `url`.
    ///
    /// - Throws: ``NPYError/fileAccess(path:reason:)`` when it cannot be created.
    public init(url: URL) throws {
        target = url
        temporary = AtomicFile.Temporary(replacing: url)
        do { file = try PosixFile.createForWriting(temporary.url.path) } catch {
            throw NPYError.fileAccess(path: url.path, reason: error.description)
        }
    }

    /// Starts the array `name` (`name.npy` in the archive); its bytes follow with ``append(_:)``.
    ///
    /// - Parameters:
    ///   - name: the array's name.
    ///   - dtype: the element type.
    ///   - shape: the array's shape; exactly `shape.product * dtype.size` bytes must follow.
    public func beginArray(_ name: String, dtype: DType, shape: [Int]) throws {
        precondition(current == nil, "NPZStreamWriter: endArray() the previous array first")
        let header = NPYHeader.encoded(dtype: dtype, shape: shape)
        let size = header.count + shape.reduce(1, *) * dtype.size
        let nameBytes = Array((name + ".npy").utf8)
        // Local header with zip64 sizes always (known up front); the CRC is patched at the end.
        var local: [UInt8] = []
        local.appendLittleEndian(UInt32(0x0403_4B50))
        for value: UInt16 in [45, 0x800, 0, 0, 0x21] { local.appendLittleEndian(value) }
        local.appendLittleEndian(UInt32(0))  // CRC, patched
        local.appendLittleEndian(UInt32(0xFFFF_FFFF))
        local.appendLittleEndian(UInt32(0xFFFF_FFFF))
        local.appendLittleEndian(UInt16(nameBytes.count))
        local.appendLittleEndian(UInt16(20))
        local += nameBytes
        local.appendLittleEndian(UInt16(1)); local.appendLittleEndian(UInt16(16))
        local.appendLittleEndian(UInt64(size)); local.appendLittleEndian(UInt64(size))
        current = (nameBytes, offset, size, 0, 0)
        try write(local)
        try append(header)
    }

    /// Appends the next bytes of the current array (little-endian elements, C order).
    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard var entry = current else { preconditionFailure("NPZStreamWriter: beginArray first") }
        precondition(entry.written + bytes.count <= entry.expected, "NPZStreamWriter: more bytes than the shape holds")
        entry.crc = ZlibCodec.crc32(bytes, continuing: entry.crc)
        entry.written += bytes.count
        current = entry
        try write(bytes)
    }

    /// Appends `values` (their in-memory bytes) to the current array.
    public func append<T>(_ values: [T]) throws {
        try values.withUnsafeBytes { try append($0) }
    }

    /// Ends the current array; its byte count must match its shape.
    public func endArray() throws {
        guard let entry = current else { preconditionFailure("NPZStreamWriter: no array to end") }
        precondition(entry.written == entry.expected, "NPZStreamWriter: \(entry.written) bytes written of \(entry.expected)")
        var crc: [UInt8] = []
        crc.appendLittleEndian(entry.crc)
        let patched = crc.withUnsafeBytes { pwrite(file.descriptor, $0.baseAddress, 4, off_t(entry.headerOffset + 14)) }
        guard patched == 4 else { throw NPYError.fileAccess(path: target.path, reason: String(cString: strerror(errno))) }
        var record: [UInt8] = []
        record.appendLittleEndian(UInt32(0x0201_4B50))
        for value: UInt16 in [45, 45, 0x800, 0, 0, 0x21] { record.appendLittleEndian(value) }
        record.appendLittleEndian(entry.crc)
        record.appendLittleEndian(UInt32(0xFFFF_FFFF)); record.appendLittleEndian(UInt32(0xFFFF_FFFF))
        record.appendLittleEndian(UInt16(entry.name.count))
        record.appendLittleEndian(UInt16(28))
        for _ in 0 ..< 3 { record.appendLittleEndian(UInt16(0)) }
        record.appendLittleEndian(UInt32(0o100644) << 16)
        record.appendLittleEndian(UInt32(0xFFFF_FFFF))
        record += entry.name
        record.appendLittleEndian(UInt16(1)); record.appendLittleEndian(UInt16(24))
        record.appendLittleEndian(UInt64(entry.expected)); record.appendLittleEndian(UInt64(entry.expected))
        record.appendLittleEndian(UInt64(entry.headerOffset))
        central += record
        entries += 1
        current = nil
    }

    /// Writes the central directory and renames the file to its target.
    public func finish() throws {
        precondition(current == nil, "NPZStreamWriter: endArray() the last array first")
        let directoryOffset = offset
        var tail: [UInt8] = []
        tail.appendLittleEndian(UInt32(0x0606_4B50))
        tail.appendLittleEndian(UInt64(44))
        tail.appendLittleEndian(UInt16(45)); tail.appendLittleEndian(UInt16(45))
        tail.appendLittleEndian(UInt32(0)); tail.appendLittleEndian(UInt32(0))
        tail.appendLittleEndian(UInt64(entries)); tail.appendLittleEndian(UInt64(entries))
        tail.appendLittleEndian(UInt64(central.count)); tail.appendLittleEndian(UInt64(directoryOffset))
        tail.appendLittleEndian(UInt32(0x0706_4B50))
        tail.appendLittleEndian(UInt32(0)); tail.appendLittleEndian(UInt64(directoryOffset + central.count)); tail.appendLittleEndian(UInt32(1))
        tail.appendLittleEndian(UInt32(0x0605_4B50))
        tail.appendLittleEndian(UInt16(0)); tail.appendLittleEndian(UInt16(0))
        tail.appendLittleEndian(UInt16(min(entries, 0xFFFF))); tail.appendLittleEndian(UInt16(min(entries, 0xFFFF)))
        tail.appendLittleEndian(UInt32(min(central.count, 0xFFFF_FFFF)))
        tail.appendLittleEndian(UInt32(min(directoryOffset, 0xFFFF_FFFF)))
        tail.appendLittleEndian(UInt16(0))
        try write(central)
        try write(tail)
        do { try temporary.commit() } catch let error as FileWriteError {
            throw NPYError.fileAccess(path: target.path, reason: error.reason)
        }
    }

    private func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws {
        do { try file.writeAll(bytes) } catch {
            throw NPYError.fileAccess(path: target.path, reason: error.description)
        }
        offset += bytes.count
    }
}
