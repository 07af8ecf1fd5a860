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

    /// Reads `width` (1 to 8) bytes as a big-endian unsigned number.
    ///
    /// Written without generics: this is the innermost call of all metadata parsing, and
    /// unspecialised generic loads dominate debug builds (the fuzz test runs there).
    @inline(__always)
    private mutating func bigEndian(_ width: Int) throws -> UInt64 {
        guard position >= 0, width <= bytes.count - position else {
            throw ROOTError.truncated(what: "a \(width)-byte number", offset: position, needed: width, available: max(0, bytes.count - max(position, 0)))
        }
        let start = position
        position += width
        return bytes.withUnsafeBufferPointer { buffer in
            var value: UInt64 = 0
            for index in start ..< start + width { value = value << 8 | UInt64(buffer[index]) }
            return value
        }
    }

    mutating func uint8() throws -> UInt8 { UInt8(truncatingIfNeeded: try bigEndian(1)) }
    mutating func int16() throws -> Int16 { Int16(truncatingIfNeeded: try bigEndian(2)) }
    mutating func uint16() throws -> UInt16 { UInt16(truncatingIfNeeded: try bigEndian(2)) }
    mutating func int32() throws -> Int32 { Int32(truncatingIfNeeded: try bigEndian(4)) }
    mutating func uint32() throws -> UInt32 { UInt32(truncatingIfNeeded: try bigEndian(4)) }
    mutating func int64() throws -> Int64 { Int64(bitPattern: try bigEndian(8)) }
    mutating func float64() throws -> Double { Double(bitPattern: try bigEndian(8)) }

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
