import Foundation

/// A NumPy `.npz` archive: a zip of `.npy` files, one per named array.
///
/// Reads archives from `numpy.savez` (stored) and `numpy.savez_compressed` (deflated);
/// arrays are extracted only when asked for. Writes archives `numpy.load` reads.
///
/// ```swift
/// let npz = try NPZFile(url: url)
/// let jets = try npz.array("X", as: Float.self)       // NDArray<Float>
/// try NPZFile.write(["X": .float32(jets)], to: out, compressed: true)
/// ```
public struct NPZFile: Sendable {
    /// The underlying zip archive.
    public let archive: ZipArchive

    /// Opens the `.npz` file at `url` (the arrays are read on demand).
    ///
    /// - Parameter url: an `.npz` file.
    /// - Throws: ``ZipError`` when the file is unreadable or not a zip archive.
    public init(url: URL) throws {
        archive = try ZipArchive(url: url)
    }

    /// Reads an `.npz` archive held in memory.
    ///
    /// - Parameter data: the archive's bytes.
    /// - Throws: ``ZipError`` when the bytes are not a zip archive.
    public init(data: Data) throws {
        archive = try ZipArchive(data: data)
    }

    /// The array names, in archive order (entry names without `.npy`, as `np.load(...).files`).
    public var keys: [String] {
        archive.entryNames.map { $0.hasSuffix(".npy") ? String($0.dropLast(4)) : $0 }
    }

    /// The array called `key`, in the element type it is stored as.
    ///
    /// - Parameter key: one of ``keys``.
    /// - Returns: the array.
    /// - Throws: ``NPYError/missingKey(source:key:available:)`` when there is no such array;
    ///   ``ZipError`` or ``NPYError`` when it cannot be extracted or decoded.
    public func array(_ key: String) throws -> AnyNDArray {
        let entry = try entry(for: key)
        return try NPYFile.read(archive.contents(of: entry), source: "\(archive.source)[\(key)]")
    }

    /// The array called `key`, converted to `T` (NumPy's `astype` semantics).
    ///
    /// - Parameters:
    ///   - key: one of ``keys``.
    ///   - type: the element type wanted.
    /// - Returns: the array.
    /// - Throws: as ``array(_:)``.
    public func array<T: NDArrayElement>(_ key: String, as type: T.Type) throws -> NDArray<T> {
        try array(key).converted(to: T.self)
    }

    /// The header (type, shape, order) of the array called `key`, without extracting its data.
    ///
    /// - Parameter key: one of ``keys``.
    /// - Returns: the `.npy` header.
    /// - Throws: as ``array(_:)``.
    public func header(_ key: String) throws -> NPYHeader {
        let entry = try entry(for: key)
        let source = "\(archive.source)[\(key)]"
        var length = 4096
        while true {
            let prefix = try archive.contents(of: entry, prefixLength: length)
            if let header = try prefix.withUnsafeBytes({ try NPYHeader.parse($0, source: source) }) { return header }
            guard prefix.count == length, length < NPYFile.maximumHeaderLength else {
                throw NPYError.truncated(source: source, expectedBytes: length, availableBytes: prefix.count)
            }
            length *= 16
        }
    }

    /// Every array, by name.
    ///
    /// - Returns: a dictionary from ``keys`` to arrays.
    /// - Throws: as ``array(_:)``.
    public func arrays() throws -> [String: AnyNDArray] {
        var result: [String: AnyNDArray] = [:]
        for key in keys { result[key] = try array(key) }
        return result
    }

    private func entry(for key: String) throws -> ZipEntry {
        guard let entry = archive.entry(named: key + ".npy") ?? archive.entry(named: key) else {
            throw NPYError.missingKey(source: archive.source, key: key, available: keys)
        }
        return entry
    }

    // MARK: Convenience

    /// Reads every array of the `.npz` file at `url` (`dict(np.load(url))`).
    ///
    /// - Parameter url: an `.npz` file.
    /// - Returns: a dictionary from array names to arrays.
    /// - Throws: ``ZipError`` or ``NPYError`` when the file cannot be read.
    public static func read(_ url: URL) throws -> [String: AnyNDArray] {
        try NPZFile(url: url).arrays()
    }

    /// Reads one array of the `.npz` file at `url` (`np.load(url)[key]`).
    ///
    /// - Parameters:
    ///   - url: an `.npz` file.
    ///   - key: the array's name.
    /// - Returns: the array.
    /// - Throws: ``NPYError/missingKey(source:key:available:)`` when there is no such array;
    ///   ``ZipError`` or ``NPYError`` when the file cannot be read.
    public static func read(_ url: URL, key: String) throws -> AnyNDArray {
        try NPZFile(url: url).array(key)
    }

    /// The bytes of an `.npz` archive holding `arrays` in the given order.
    ///
    /// - Parameters:
    ///   - arrays: names and arrays of any shape; names become `name.npy` entries.
    ///   - compressed: deflate the entries, like `numpy.savez_compressed`.
    /// - Returns: the archive's bytes.
    public static func encode(_ arrays: [(name: String, array: AnyNDArray)], compressed: Bool = false) -> Data {
        var writer = ZipWriter()
        for (name, array) in arrays {
            writer.add(name: name + ".npy", contents: NPYFile.encode(array), compressed: compressed)
        }
        return writer.finalized()
    }

    /// Writes `arrays` to an `.npz` file, in the given order (`numpy.savez(url, **arrays)`).
    ///
    /// - Parameters:
    ///   - arrays: names and arrays of any shape.
    ///   - url: the file to create or replace.
    ///   - compressed: deflate the entries, like `numpy.savez_compressed`.
    /// - Throws: ``NPYError/fileAccess(path:reason:)`` when the file cannot be written.
    public static func write(_ arrays: [(name: String, array: AnyNDArray)], to url: URL, compressed: Bool = false) throws {
        do { try AtomicFile.write(encode(arrays, compressed: compressed), to: url) } catch let error as FileWriteError {
            throw NPYError.fileAccess(path: url.path, reason: error.reason)
        } catch {
            throw NPYError.fileAccess(path: url.path, reason: "\(error)")
        }
    }

    /// Writes `arrays` to an `.npz` file, in order of name.
    ///
    /// - Parameters:
    ///   - arrays: arrays of any shape, by name.
    ///   - url: the file to create or replace.
    ///   - compressed: deflate the entries, like `numpy.savez_compressed`.
    /// - Throws: ``NPYError/fileAccess(path:reason:)`` when the file cannot be written.
    public static func write(_ arrays: [String: AnyNDArray], to url: URL, compressed: Bool = false) throws {
        try write(arrays.sorted { $0.key < $1.key }.map { (name: $0.key, array: $0.value) }, to: url, compressed: compressed)
    }
}
