import Foundation

/// A streaming MD5 digest (RFC 1321), used to verify downloaded dataset files.
///
/// MD5 is not used for security here: Zenodo publishes an MD5 for every file, and the digest
/// tells a complete download from a truncated or corrupted one. Feed bytes in any number of
/// ``update(_:)`` calls; memory use is constant, so multi-gigabyte files are fine.
///
/// ```swift
/// var md5 = MD5()
/// md5.update(Array("abc".utf8))
/// md5.finalize()  // "900150983cd24fb0d6963f7d28e17f72"
/// ```
public struct MD5: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)
    private var pending = [UInt8]()
    private var totalBytes: UInt64 = 0

    /// Makes a digest with no input yet.
    public init() {
        pending.reserveCapacity(64)
    }

    /// Appends bytes to the message.
    /// - Parameter bytes: the next bytes of the message.
    public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update(buffer: $0) } }
    }

    /// Appends the bytes of `data` to the message.
    /// - Parameter data: the next bytes of the message.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { update(buffer: $0) }
    }

    /// Appends raw bytes to the message.
    /// - Parameter buffer: the next bytes of the message.
    public mutating func update(buffer: UnsafeRawBufferPointer) {
        guard buffer.count > 0 else { return }
        totalBytes &+= UInt64(buffer.count)
        var offset = 0
        // Top up a partial block first, then hash whole blocks straight from the input.
        if !pending.isEmpty {
            let take = min(64 - pending.count, buffer.count)
            pending.append(contentsOf: buffer[0..<take])
            offset = take
            if pending.count == 64 {
                pending.withUnsafeBytes { processBlock($0.baseAddress!) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        while buffer.count - offset >= 64 {
            processBlock(buffer.baseAddress! + offset)
            offset += 64
        }
        if offset < buffer.count {
            pending.append(contentsOf: buffer[offset..<buffer.count])
        }
    }

    /// The digest of everything appended so far, as 32 lowercase hexadecimal digits.
    /// - Returns: the hex digest (as Python's `hashlib.md5().hexdigest()`).
    public func finalize() -> String {
        var copy = self
        let bitLength = totalBytes &* 8
        var padding: [UInt8] = [0x80]
        let afterMarker = (Int(totalBytes % 64) + 1) % 64
        padding += [UInt8](repeating: 0, count: (56 - afterMarker + 64) % 64)
        for shift in stride(from: 0, to: 64, by: 8) { padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        let savedTotal = copy.totalBytes
        copy.update(padding)
        copy.totalBytes = savedTotal
        let words = [copy.state.0, copy.state.1, copy.state.2, copy.state.3]
        return words.map { word in
            (0..<4).map { String(format: "%02x", (word >> UInt32($0 * 8)) & 0xff) }.joined()
        }.joined()
    }

    /// The hex MD5 of a byte collection.
    /// - Parameter bytes: the whole message.
    /// - Returns: 32 lowercase hexadecimal digits.
    public static func hex<Bytes: Collection>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var md5 = MD5()
        md5.update(bytes)
        return md5.finalize()
    }

    /// The hex MD5 of a file, read in 1 MiB chunks.
    /// - Parameter url: the file to hash.
    /// - Returns: 32 lowercase hexadecimal digits.
    /// - Throws: the file-system error if the file cannot be opened or read.
    public static func hex(ofFileAt url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var md5 = MD5()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            md5.update(chunk)
        }
        return md5.finalize()
    }

    private static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ]

    // floor(abs(sin(i + 1)) * 2^32), RFC 1321 section 3.4.
    private static let constants: [UInt32] = (0..<64).map { UInt32(truncatingIfNeeded: Int64(abs(sin(Double($0 + 1))) * 4_294_967_296.0)) }

    private mutating func processBlock(_ block: UnsafeRawPointer) {
        // Read message words straight from the block: no per-block allocation.
        @inline(__always) func word(_ g: Int) -> UInt32 {
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: g * 4, as: UInt32.self))
        }
        var (a, b, c, d) = state
        for i in 0..<64 {
            var f: UInt32
            let g: Int
            switch i {
            case 0..<16: f = (b & c) | (~b & d); g = i
            case 16..<32: f = (d & b) | (~d & c); g = (5 * i + 1) % 16
            case 32..<48: f = b ^ c ^ d; g = (3 * i + 5) % 16
            default: f = c ^ (b | ~d); g = (7 * i) % 16
            }
            f = f &+ a &+ MD5.constants[i] &+ word(g)
            a = d
            d = c
            c = b
            b = b &+ ((f << MD5.shifts[i]) | (f >> (32 - MD5.shifts[i])))
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
    }
}
