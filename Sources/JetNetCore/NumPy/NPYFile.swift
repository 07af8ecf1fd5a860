import Foundation

/// Reads and writes NumPy `.npy` files (format versions 1.0, 2.0 and 3.0).
///
/// Reading accepts `f4 f8 i4 i8 b1 u1` in either byte order and C or Fortran order, and
/// widens `i1 i2 u2` to `int32` and `u4` to `int64`. Native little-endian C-order data is
/// read with one bulk copy straight into the array's storage. Writing produces exactly the
/// bytes `numpy.save` writes for the same array.
///
/// ```swift
/// let jets = try NPYFile.read(url, as: Float.self)   // NDArray<Float>
/// try NPYFile.write(jets, to: otherURL)
/// ```
public enum NPYFile {
    // MARK: Headers

    /// Reads only the header of a `.npy` file: element type, shape and order.
    ///
    /// - Parameter url: a `.npy` file.
    /// - Returns: the header.
    /// - Throws: ``NPYError`` when the file is unreadable or not a valid `.npy` file.
    public static func header(of url: URL) throws -> NPYHeader {
        let file = try open(url)
        return try readHeader(file, source: url.path)
    }

    /// Parses the header at the start of in-memory `.npy` bytes.
    ///
    /// - Parameter data: the bytes of a `.npy` file (at least its header).
    /// - Returns: the header.
    /// - Throws: ``NPYError`` when the bytes are not a valid `.npy` header.
    public static func header(in data: Data) throws -> NPYHeader {
        try header(in: data, source: "in-memory data")
    }

    static func header(in data: Data, source: String) throws -> NPYHeader {
        guard let header = try data.withUnsafeBytes({ try NPYHeader.parse($0, source: source) }) else {
            throw NPYError.truncated(source: source, expectedBytes: NPYHeader.prefixLength, availableBytes: data.count)
        }
        return header
    }

    // MARK: Reading

    /// Reads a `.npy` file into an array of the element type it stores.
    ///
    /// - Parameter url: a `.npy` file.
    /// - Returns: the array, in C order whatever the file's order.
    /// - Throws: ``NPYError`` when the file is unreadable, truncated, not a `.npy` file or
    ///   stores an unsupported element type.
    public static func read(_ url: URL) throws -> AnyNDArray {
        let source = url.path
        let file = try open(url)
        let header = try readHeader(file, source: source)
        let size: Int
        do { size = try file.size() } catch { throw NPYError.fileAccess(path: source, reason: "\(error)") }
        let available = max(0, size - header.dataOffset)
        guard available >= header.dataByteCount else {
            throw NPYError.truncated(source: source, expectedBytes: header.dataByteCount, availableBytes: available)
        }
        return try NPYDecoder.decode(header) { buffer in
            let got: Int
            do { got = try file.read(into: buffer, at: header.dataOffset) } catch {
                throw NPYError.fileAccess(path: source, reason: "\(error)")
            }
            guard got == buffer.count else {
                throw NPYError.truncated(source: source, expectedBytes: header.dataByteCount, availableBytes: got)
            }
        }
    }

    /// Reads a `.npy` file and converts its elements to `T` (NumPy's `astype` semantics).
    ///
    /// - Parameters:
    ///   - url: a `.npy` file.
    ///   - type: the element type wanted.
    /// - Returns: the array; no conversion cost when the file already stores `T`.
    /// - Throws: ``NPYError`` as ``read(_:)-(URL)``.
    public static func read<T: NDArrayElement>(_ url: URL, as type: T.Type) throws -> NDArray<T> {
        try read(url).converted(to: T.self)
    }

    /// Reads in-memory `.npy` bytes into an array of the element type they store.
    ///
    /// - Parameter data: the bytes of a `.npy` file.
    /// - Returns: the array, in C order.
    /// - Throws: ``NPYError`` when the bytes are truncated, not `.npy` or of an unsupported type.
    public static func read(_ data: Data) throws -> AnyNDArray {
        try read(data, source: "in-memory data")
    }

    /// Reads in-memory `.npy` bytes and converts the elements to `T`.
    ///
    /// - Parameters:
    ///   - data: the bytes of a `.npy` file.
    ///   - type: the element type wanted.
    /// - Returns: the array.
    /// - Throws: ``NPYError`` as ``read(_:)-(Data)``.
    public static func read<T: NDArrayElement>(_ data: Data, as type: T.Type) throws -> NDArray<T> {
        try read(data).converted(to: T.self)
    }

    static func read(_ data: Data, source: String) throws -> AnyNDArray {
        let header = try header(in: data, source: source)
        let available = max(0, data.count - header.dataOffset)
        guard available >= header.dataByteCount else {
            throw NPYError.truncated(source: source, expectedBytes: header.dataByteCount, availableBytes: available)
        }
        return data.withUnsafeBytes { bytes in
            NPYDecoder.decode(header) { buffer in
                buffer.copyMemory(from: UnsafeRawBufferPointer(
                    rebasing: bytes[header.dataOffset..<(header.dataOffset + header.dataByteCount)]))
            }
        }
    }

    // MARK: Writing

    /// The bytes of a `.npy` file holding `array` (exactly what `numpy.save` writes).
    ///
    /// - Parameter array: any shape.
    /// - Returns: header and data.
    public static func encode<T: NDArrayElement>(_ array: NDArray<T>) -> Data {
        var data = Data(NPYHeader.encoded(dtype: T.dtype, shape: array.shape))
        array.withUnsafeBufferPointer { data.append(UnsafeBufferPointer(start: $0.baseAddress, count: $0.count)) }
        return data
    }

    /// The bytes of a `.npy` file holding `array`.
    ///
    /// - Parameter array: any shape and element type.
    /// - Returns: header and data.
    public static func encode(_ array: AnyNDArray) -> Data {
        switch array {
        case .float32(let a): encode(a)
        case .float64(let a): encode(a)
        case .int32(let a): encode(a)
        case .int64(let a): encode(a)
        case .bool(let a): encode(a)
        case .uint8(let a): encode(a)
        }
    }

    /// Writes `array` to a `.npy` file that `numpy.load` reads back unchanged, through a
    /// temporary beside it (``AtomicFile``): an existing file is replaced only when the new one
    /// is complete.
    ///
    /// - Parameters:
    ///   - array: any shape.
    ///   - url: the file to create or replace.
    /// - Throws: ``NPYError/fileAccess(path:reason:)`` when the file cannot be written.
    public static func write<T: NDArrayElement>(_ array: NDArray<T>, to url: URL) throws {
        let header = NPYHeader.encoded(dtype: T.dtype, shape: array.shape)
        do {
            try AtomicFile.write(to: url) { temporary in
                let file = try PosixFile.createForWriting(temporary.path)
                try header.withUnsafeBytes { (bytes) in try file.writeAll(bytes) }
                try array.withUnsafeBufferPointer { (elements) in
                    try file.writeAll(UnsafeRawBufferPointer(elements))
                }
            }
        } catch let error as FileWriteError {
            throw NPYError.fileAccess(path: url.path, reason: error.reason)
        } catch {
            throw NPYError.fileAccess(path: url.path, reason: "\(error)")
        }
    }

    /// Writes `array` to a `.npy` file; see ``write(_:to:)-(NDArray<T>,_)``.
    ///
    /// - Parameters:
    ///   - array: any shape and element type.
    ///   - url: the file to create or replace.
    /// - Throws: ``NPYError/fileAccess(path:reason:)`` when the file cannot be written.
    public static func write(_ array: AnyNDArray, to url: URL) throws {
        switch array {
        case .float32(let a): try write(a, to: url)
        case .float64(let a): try write(a, to: url)
        case .int32(let a): try write(a, to: url)
        case .int64(let a): try write(a, to: url)
        case .bool(let a): try write(a, to: url)
        case .uint8(let a): try write(a, to: url)
        }
    }

    // MARK: Helpers

    /// Headers longer than this are rejected rather than allocated (numpy's own limit is 10,000).
    static let maximumHeaderLength = 1 << 24

    private static func open(_ url: URL) throws -> PosixFile {
        do { return try PosixFile.openForReading(url.path) } catch {
            throw NPYError.fileAccess(path: url.path, reason: "\(error)")
        }
    }

    /// Reads the fixed prefix, then exactly the header it announces.
    private static func readHeader(_ file: PosixFile, source: String) throws -> NPYHeader {
        var length = NPYHeader.prefixLength
        while true {
            var bytes = [UInt8](repeating: 0, count: length)
            let got: Int
            do { got = try bytes.withUnsafeMutableBytes { (buffer) in try file.read(into: buffer, at: 0) } } catch {
                throw NPYError.fileAccess(path: source, reason: "\(error)")
            }
            let parsed = try bytes.withUnsafeBytes { buffer in
                try NPYHeader.parse(UnsafeRawBufferPointer(rebasing: buffer.prefix(got)), source: source)
            }
            if let header = parsed { return header }
            guard got == length else {
                throw NPYError.truncated(source: source, expectedBytes: length, availableBytes: got)
            }
            // The prefix is complete, so the announced header length is known now.
            let announced = bytes.withUnsafeBytes { buffer -> Int in
                buffer[6] == 1 ? 10 + (Int(buffer[8]) | Int(buffer[9]) << 8)
                    : 12 + (Int(buffer[8]) | Int(buffer[9]) << 8 | Int(buffer[10]) << 16 | Int(buffer[11]) << 24)
            }
            guard announced > length, announced <= maximumHeaderLength else {
                throw NPYError.malformedHeader(source: source, reason: "announced header length \(announced) is implausible")
            }
            length = announced
        }
    }
}
