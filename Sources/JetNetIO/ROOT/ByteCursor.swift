/// A bounds-checked reader of big-endian values in a byte buffer (ROOT writes big-endian).
///
/// Every read checks the remaining length and throws ``ROOTError/truncated(what:offset:needed:available:)``
/// instead of trapping, so damaged files fail cleanly.
struct ByteCursor: Sendable {
    /// The buffer being read.
    let bytes: [UInt8]
    /// The next byte to read.
    var position: Int
    /// Added to `position` to get ROOT's "displacement" (the offset from the start of the
    /// key), which class and object references in streamed objects are measured from.
    let origin: Int

    init(_ bytes: [UInt8], position: Int = 0, origin: Int = 0) {
        self.bytes = bytes
        self.position = position
        self.origin = origin
    }

    /// The position as ROOT's reference maps count it.
    var displacement: Int { position + origin }
    /// Bytes left after `position`.
    var remaining: Int { bytes.count - position }

    /// Throws unless `count` bytes are available at `position`.
    @inline(__always)
    func require(_ count: Int, _ what: @autoclosure () -> String = "a field") throws {
        guard count >= 0, position >= 0, position <= bytes.count, count <= bytes.count - position else {
            throw ROOTError.truncated(what: what(), offset: position, needed: count, available: max(0, bytes.count - max(position, 0)))
        }
    }

    /// Moves to an absolute position inside the buffer (the end is allowed).
    mutating func seek(to newPosition: Int) throws {
        guard newPosition >= 0, newPosition <= bytes.count else {
            throw ROOTError.truncated(what: "a seek", offset: newPosition, needed: 0, available: bytes.count)
        }
        position = newPosition
    }

    mutating func skip(_ count: Int) throws {
        try require(count, "skipped bytes")
        position += count
    }

    @inline(__always)
    private mutating func load<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        try require(MemoryLayout<T>.size, "a \(MemoryLayout<T>.size)-byte number")
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: T.self) }
        position += MemoryLayout<T>.size
        return T(bigEndian: value)
    }

    mutating func uint8() throws -> UInt8 { try load(UInt8.self) }
    mutating func int16() throws -> Int16 { try load(Int16.self) }
    mutating func uint16() throws -> UInt16 { try load(UInt16.self) }
    mutating func int32() throws -> Int32 { try load(Int32.self) }
    mutating func uint32() throws -> UInt32 { try load(UInt32.self) }
    mutating func int64() throws -> Int64 { try load(Int64.self) }
    mutating func float64() throws -> Double { Double(bitPattern: UInt64(bitPattern: try int64())) }

    /// A 32-bit seek or size stored as a signed integer, as `Int`.
    mutating func int32AsInt() throws -> Int { Int(try int32()) }
    mutating func int64AsInt() throws -> Int { Int(try int64()) }

    /// Reads `count` raw bytes.
    mutating func take(_ count: Int, _ what: String = "a byte run") throws -> [UInt8] {
        try require(count, what)
        defer { position += count }
        return Array(bytes[position ..< position + count])
    }

    /// Reads a ROOT `TString`: one length byte, or 255 followed by a 4-byte length.
    mutating func tString() throws -> String {
        var length = Int(try uint8())
        if length == 255 { length = Int(try int32()) }
        guard length >= 0 else { throw ROOTError.malformed("negative string length \(length)") }
        let raw = try take(length, "a string")
        return String(decoding: raw, as: UTF8.self)
    }

    /// Reads a zero-terminated C string (class names in streamed objects).
    mutating func cString(maxLength: Int = 4096) throws -> String {
        var end = position
        while true {
            guard end < bytes.count else {
                throw ROOTError.truncated(what: "a class name", offset: position, needed: end - position + 1, available: bytes.count - position)
            }
            if bytes[end] == 0 { break }
            end += 1
            guard end - position <= maxLength else { throw ROOTError.malformed("class name longer than \(maxLength) bytes") }
        }
        let name = String(decoding: bytes[position ..< end], as: UTF8.self)
        position = end + 1
        return name
    }
}
