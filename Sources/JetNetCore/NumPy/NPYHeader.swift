/// The header of a NumPy `.npy` file: element type, shape and memory order.
///
/// Read one without the data with ``NPYFile/header(of:)``; the CLI's `info` command prints it.
public struct NPYHeader: Sendable, Equatable {
    /// The element type exactly as stored (`"<f4"`, `">f8"`, `"|b1"`, …).
    public var descr: String
    /// Whether the data is stored in Fortran (column-major) order; reading transposes it.
    public var fortranOrder: Bool
    /// The extent of each axis (`[]` for a 0-d array).
    public var shape: [Int]
    /// The format's major version: 1, 2 or 3.
    public var formatVersion: Int
    /// Bytes from the start of the file to the first data byte.
    public var dataOffset: Int

    /// The type the data is read into: the stored type, or a wider one for `i1`, `i2`,
    /// `u2` (read as `int32`) and `u4` (read as `int64`).
    public var dtype: DType { storedType.readType }

    /// The number of elements (the product of ``shape``).
    public var elementCount: Int { shape.reduce(1, *) }

    /// The number of data bytes that follow the header.
    public var dataByteCount: Int { elementCount * storedType.size }

    let storedType: NPYStoredType

    /// Parses the header at the start of `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: the start of the file; must hold the whole header.
    ///   - source: what is being read, for error messages.
    /// - Returns: the header, or `nil` if `bytes` is too short to hold all of it (read more).
    /// - Throws: ``NPYError`` when the bytes are not a valid `.npy` header.
    static func parse(_ bytes: UnsafeRawBufferPointer, source: String) throws(NPYError) -> NPYHeader? {
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
        guard bytes.count >= 6 else {
            if bytes.elementsEqual(magic.prefix(bytes.count)) && !bytes.isEmpty { return nil }
            throw .notNPY(source: source)
        }
        guard bytes.prefix(6).elementsEqual(magic) else { throw .notNPY(source: source) }
        guard bytes.count >= 8 else { return nil }
        let major = Int(bytes[6]), minor = Int(bytes[7])
        let lengthSize: Int
        switch (major, minor) {
        case (1, 0): lengthSize = 2
        case (2, 0), (3, 0): lengthSize = 4
        default: throw .unsupportedVersion(source: source, major: major, minor: minor)
        }
        guard bytes.count >= 8 + lengthSize else { return nil }
        var headerLength = 0
        for index in 0..<lengthSize { headerLength |= Int(bytes[8 + index]) << (8 * index) }
        let start = 8 + lengthSize
        guard bytes.count >= start + headerLength else { return nil }
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + headerLength)])
        // Versions 1 and 2 are latin-1, version 3 is UTF-8.
        let text = major == 3
            ? String(decoding: headerBytes, as: UTF8.self)
            : String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
        return try interpret(text, source: source, formatVersion: major, dataOffset: start + headerLength)
    }

    /// The number of leading bytes to read to be sure of holding the fixed-size prefix.
    static let prefixLength = 12

    private static func interpret(_ text: String, source: String, formatVersion: Int, dataOffset: Int) throws(NPYError) -> NPYHeader {
        let literal: PythonLiteral
        do { literal = try PythonLiteral.parse(text) } catch {
            throw .malformedHeader(source: source, reason: error.reason)
        }
        guard case .dictionary(let pairs) = literal else {
            throw .malformedHeader(source: source, reason: "it is not a dictionary")
        }
        var fields: [String: PythonLiteral] = [:]
        for pair in pairs {
            guard case .string(let key) = pair.key else {
                throw .malformedHeader(source: source, reason: "a key is not a string")
            }
            fields[key] = pair.value
        }
        guard fields.keys.sorted() == ["descr", "fortran_order", "shape"] else {
            throw .malformedHeader(source: source, reason: "keys are \(fields.keys.sorted()), expected descr, fortran_order and shape")
        }
        guard case .boolean(let fortranOrder)? = fields["fortran_order"] else {
            throw .malformedHeader(source: source, reason: "fortran_order is not True or False")
        }
        guard case .tuple(let extents)? = fields["shape"] else {
            throw .malformedHeader(source: source, reason: "shape is not a tuple")
        }
        var shape: [Int] = []
        var count = 1
        for extent in extents {
            guard case .integer(let value) = extent, value >= 0 else {
                throw .malformedHeader(source: source, reason: "shape \(extents) has an entry that is not a non-negative integer")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: value)
            guard !overflow, product <= Int.max / 16 else {
                throw .malformedHeader(source: source, reason: "shape \(extents.count)-d with \(value) overflows the address space")
            }
            count = product
            shape.append(value)
        }
        let descr: String
        switch fields["descr"] {
        case .string(let value)?: descr = value
        case let other?: throw .unsupportedDType(source: source, descr: "structured dtype \(other)")
        case nil: throw .malformedHeader(source: source, reason: "descr is missing")
        }
        guard let storedType = NPYStoredType(descr: descr) else {
            throw .unsupportedDType(source: source, descr: descr)
        }
        return NPYHeader(descr: descr, fortranOrder: fortranOrder, shape: shape, formatVersion: formatVersion,
                         dataOffset: dataOffset, storedType: storedType)
    }

    /// The header bytes numpy's `np.save` writes for a C-order array of this type and shape
    /// (format 1.0, or 2.0 when the header exceeds 65,535 bytes), padded to 64 bytes.
    static func encoded(dtype: DType, shape: [Int]) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dictionary = "{'descr': '\(dtype.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }"
        // numpy leaves room to grow the first axis in place (GROWTH_AXIS_MAX_DIGITS = 21).
        if let first = shape.first { dictionary += String(repeating: " ", count: max(0, 21 - String(first).count)) }
        let body = Array(dictionary.utf8)
        for (major, lengthSize) in [(1, 2), (2, 4)] {
            let unpadded = 8 + lengthSize + body.count + 1
            let padding = 64 - unpadded % 64
            let headerLength = body.count + padding + 1
            guard headerLength < 1 << (8 * lengthSize) else { continue }
            var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, UInt8(major), 0]
            for index in 0..<lengthSize { bytes.append(UInt8(truncatingIfNeeded: headerLength >> (8 * index))) }
            bytes += body
            bytes += [UInt8](repeating: 0x20, count: padding)
            bytes.append(0x0A)
            return bytes
        }
        preconditionFailure("NPYHeader: a header of \(body.count) bytes does not fit format 2.0")
    }
}

/// How the elements of an `.npy` file are laid out on disk.
struct NPYStoredType: Sendable, Equatable {
    enum Kind: Sendable { case float, signed, unsigned, bool }
    let kind: Kind
    let size: Int
    let bigEndian: Bool

    init?(descr: String) {
        let scalars = Array(descr.utf8)
        guard scalars.count >= 3, let size = Int(String(decoding: scalars[2...], as: UTF8.self)) else { return nil }
        switch scalars[0] {
        case UInt8(ascii: "<"), UInt8(ascii: "|"): bigEndian = false
        case UInt8(ascii: "="): bigEndian = !isLittleEndianHost
        case UInt8(ascii: ">"): bigEndian = true
        default: return nil
        }
        switch (scalars[1], size) {
        case (UInt8(ascii: "f"), 4), (UInt8(ascii: "f"), 8): kind = .float
        case (UInt8(ascii: "i"), 1), (UInt8(ascii: "i"), 2), (UInt8(ascii: "i"), 4), (UInt8(ascii: "i"), 8): kind = .signed
        case (UInt8(ascii: "u"), 1), (UInt8(ascii: "u"), 2), (UInt8(ascii: "u"), 4): kind = .unsigned
        case (UInt8(ascii: "b"), 1): kind = .bool
        default: return nil
        }
        self.size = size
    }

    /// The element type the data is read into.
    var readType: DType {
        switch (kind, size) {
        case (.float, 4): .float32
        case (.float, _): .float64
        case (.bool, _): .bool
        case (.unsigned, 1): .uint8
        case (.signed, 8), (.unsigned, 4): .int64
        default: .int32
        }
    }

    /// Whether the bytes are exactly those of ``readType`` on this machine (one bulk copy).
    var isNative: Bool {
        size == readType.size && (size == 1 || bigEndian != isLittleEndianHost)
    }
}

let isLittleEndianHost = 1.littleEndian == 1
