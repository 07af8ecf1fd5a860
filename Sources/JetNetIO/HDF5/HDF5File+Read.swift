import CHDF5
import JetNetCore

extension HDF5File {
    /// Reads a numeric dataset, or a range of its rows, converting to `T`.
    ///
    /// HDF5 converts the stored type (float16/32/64, int8…64, uint8…64) to `T` during the
    /// read, so there is no extra pass. Its conversion truncates floats toward zero and
    /// clamps out-of-range values (NumPy's `astype` wraps them instead). Reading as `Bool`
    /// gives `true` for every non-zero value, like NumPy.
    ///
    /// - Parameters:
    ///   - name: the dataset's path, with or without the leading `/`.
    ///   - type: the element type wanted.
    ///   - rows: the rows of the first axis to read (a hyperslab), or `nil` for all.
    /// - Returns: an array of shape `[rows.count] + shape.dropFirst()` (the dataset's shape
    ///   when `rows` is `nil`).
    /// - Throws: ``HDF5Error/missingDataset(path:dataset:available:)``,
    ///   ``HDF5Error/notADataset(path:dataset:)``, ``HDF5Error/unsupportedType(path:dataset:stored:requested:)``
    ///   for string or compound datasets, ``HDF5Error/rowsOutOfBounds(path:dataset:rows:rowCount:)``,
    ///   or ``HDF5Error/readFailed(path:dataset:reason:)``.
    public func read<T: NDArrayElement>(_ name: String, as type: T.Type = T.self, rows: Range<Int>? = nil) throws -> NDArray<T> {
        try read(name, as: type, rows: rows, parallelChunks: true)
    }

    /// ``read(_:as:rows:)``, optionally without ``HDF5ParallelChunks`` (tests compare the two).
    func read<T: NDArrayElement>(_ name: String, as type: T.Type, rows: Range<Int>?, parallelChunks: Bool) throws -> NDArray<T> {
        try HDF5Library.call {
            let dataset = try openDataset(name)
            defer { H5Dclose(dataset) }
            let info = try describe(dataset: dataset, path: absolute(name))
            guard info.type.isNumeric else {
                throw HDF5Error.unsupportedType(path: path, dataset: name, stored: "\(info.type)", requested: "\(T.dtype)")
            }
            // Booleans: read the stored values and compare with zero (HDF5 would truncate 0.5 to 0).
            if T.self == Bool.self || info.type == .bool {
                return try readNatural(dataset, info: info, name: name, rows: rows).converted(to: T.self)
            }
            return try readRaw(dataset, info: info, name: name, rows: rows, memoryType: T.dtype.nativeHDF5Type,
                               parallelChunks: parallelChunks)
        }
    }

    /// Reads a numeric dataset, or a range of its rows, in the element type it stores.
    ///
    /// - Parameters:
    ///   - name: the dataset's path.
    ///   - rows: the rows of the first axis to read, or `nil` for all.
    /// - Returns: the array, in ``HDF5DataType/naturalDType`` (for example `float32` for
    ///   float32 data, `int32` for int16 data).
    /// - Throws: as ``read(_:as:rows:)``.
    public func read(_ name: String, rows: Range<Int>? = nil) throws -> AnyNDArray {
        try HDF5Library.call {
            let dataset = try openDataset(name)
            defer { H5Dclose(dataset) }
            return try readNatural(dataset, info: describe(dataset: dataset, path: absolute(name)), name: name, rows: rows)
        }
    }

    /// Reads a string dataset (any shape, flattened in row-major order).
    ///
    /// Handles fixed-length strings (NumPy `|S13`, as pandas writes column names) and
    /// variable-length strings; trailing NUL padding is removed and bytes decode as UTF-8.
    ///
    /// - Parameter name: the dataset's path.
    /// - Returns: the strings.
    /// - Throws: ``HDF5Error/unsupportedType(path:dataset:stored:requested:)`` for a numeric
    ///   dataset; otherwise as ``read(_:as:rows:)``.
    public func readStrings(_ name: String) throws -> [String] {
        try HDF5Library.call {
            let dataset = try openDataset(name)
            defer { H5Dclose(dataset) }
            let info = try describe(dataset: dataset, path: absolute(name))
            try requireMemory(info.shape + [MemoryLayout<UnsafeMutablePointer<CChar>?>.stride], name: name, shape: info.shape)
            if case .fixedString(let length) = info.type { try requireMemory(info.shape + [length], name: name, shape: info.shape) }
            let count = info.shape.reduce(1, *)
            switch info.type {
            case .fixedString(let length):
                let memoryType = H5Tcopy(jn_H5T_C_S1())
                defer { H5Tclose(memoryType) }
                H5Tset_size(memoryType, length)
                H5Tset_strpad(memoryType, H5T_STR_NULLPAD)
                var bytes = [UInt8](repeating: 0, count: count * length)
                if count > 0 {
                    guard H5Dread(dataset, memoryType, jn_H5S_ALL(), jn_H5S_ALL(), jn_H5P_DEFAULT(), &bytes) >= 0 else {
                        throw HDF5Error.readFailed(path: path, dataset: name, reason: HDF5Library.lastError())
                    }
                }
                return (0..<count).map { index in
                    let field = bytes[(index * length)..<((index + 1) * length)]
                    let end = field.firstIndex(of: 0) ?? field.endIndex
                    return String(decoding: field[..<end], as: UTF8.self)
                }
            case .variableString:
                let memoryType = H5Tcopy(jn_H5T_C_S1())
                defer { H5Tclose(memoryType) }
                H5Tset_size(memoryType, jn_H5T_VARIABLE())
                // HDF5 does not convert between character sets: read in the stored one.
                let fileType = H5Dget_type(dataset)
                H5Tset_cset(memoryType, H5Tget_cset(fileType))
                H5Tclose(fileType)
                var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
                guard count > 0 else { return [] }
                guard H5Dread(dataset, memoryType, jn_H5S_ALL(), jn_H5S_ALL(), jn_H5P_DEFAULT(), &pointers) >= 0 else {
                    throw HDF5Error.readFailed(path: path, dataset: name, reason: HDF5Library.lastError())
                }
                let strings = pointers.map { $0.map { String(cString: $0) } ?? "" }
                let space = H5Dget_space(dataset)
                H5Dvlen_reclaim(memoryType, space, jn_H5P_DEFAULT(), &pointers)
                H5Sclose(space)
                return strings
            default:
                throw HDF5Error.unsupportedType(path: path, dataset: name, stored: "\(info.type)", requested: "strings")
            }
        }
    }

    // MARK: Internals (lock held)

    /// Refuses a read whose array would not fit in memory (a damaged header can announce any
    /// shape), before its size is computed or allocated.
    private func requireMemory(_ factors: [Int], name: String, shape: [Int]) throws {
        do { try MemoryBudget.require(MemoryBudget.bytes(factors), for: "dataset '\(name)' of shape \(shape)") } catch {
            throw HDF5Error.readFailed(path: path, dataset: name, reason: error.errorDescription ?? "\(error)")
        }
    }

    private func readNatural(_ dataset: hid_t, info: HDF5DatasetInfo, name: String, rows: Range<Int>?) throws -> AnyNDArray {
        guard let dtype = info.type.naturalDType else {
            throw HDF5Error.unsupportedType(path: path, dataset: name, stored: "\(info.type)", requested: "a numeric array")
        }
        if info.type == .bool {
            // The enumeration's values are its base integers, 0 and 1; read them as such.
            let fileType = H5Dget_type(dataset)
            defer { H5Tclose(fileType) }
            let memoryType = H5Tget_native_type(fileType, H5T_DIR_ASCEND)
            defer { H5Tclose(memoryType) }
            guard H5Tget_size(memoryType) == 1 else {
                throw HDF5Error.unsupportedType(path: path, dataset: name, stored: "a boolean enumeration wider than 1 byte", requested: "bool")
            }
            let bytes: NDArray<UInt8> = try readRaw(dataset, info: info, name: name, rows: rows, memoryType: memoryType)
            return .bool(bytes.map { $0 != 0 })
        }
        switch dtype {
        case .float32: return .float32(try readConverted(dataset, info: info, name: name, rows: rows, as: Float.self))
        case .float64: return .float64(try readConverted(dataset, info: info, name: name, rows: rows, as: Double.self))
        case .int32: return .int32(try readConverted(dataset, info: info, name: name, rows: rows, as: Int32.self))
        case .int64: return .int64(try readConverted(dataset, info: info, name: name, rows: rows, as: Int64.self))
        case .uint8: return .uint8(try readConverted(dataset, info: info, name: name, rows: rows, as: UInt8.self))
        case .bool: return .bool(try readConverted(dataset, info: info, name: name, rows: rows, as: UInt8.self).map { $0 != 0 })
        }
    }

    private func readConverted<T: NDArrayElement>(_ dataset: hid_t, info: HDF5DatasetInfo, name: String, rows: Range<Int>?, as: T.Type) throws -> NDArray<T> {
        try readRaw(dataset, info: info, name: name, rows: rows, memoryType: T.dtype.nativeHDF5Type)
    }

    /// Reads into a fresh array with `memoryType` as the in-memory element type (whose size
    /// must equal `T`'s); HDF5 converts from the stored type.
    private func readRaw<T: NDArrayElement>(_ dataset: hid_t, info: HDF5DatasetInfo, name: String, rows: Range<Int>?, memoryType: hid_t,
                                            parallelChunks: Bool = true) throws -> NDArray<T> {
        var shape = info.shape
        if let rows {
            guard let rowCount = shape.first else {
                throw HDF5Error.rowsOutOfBounds(path: path, dataset: name, rows: rows, rowCount: 0)
            }
            guard rows.lowerBound >= 0, rows.upperBound <= rowCount else {
                throw HDF5Error.rowsOutOfBounds(path: path, dataset: name, rows: rows, rowCount: rowCount)
            }
            shape[0] = rows.count
        }
        try requireMemory(shape + [MemoryLayout<T>.stride], name: name, shape: shape)
        let count = shape.reduce(1, *)
        guard count > 0 else { return NDArray<T>(zeros: shape) }
        var fileSpace = jn_H5S_ALL(), memorySpace = jn_H5S_ALL()
        defer {
            if fileSpace != jn_H5S_ALL() { H5Sclose(fileSpace) }
            if memorySpace != jn_H5S_ALL() { H5Sclose(memorySpace) }
        }
        if let rows, rows != 0..<info.shape[0] {
            fileSpace = H5Dget_space(dataset)
            var start = [hsize_t](repeating: 0, count: shape.count)
            start[0] = hsize_t(rows.lowerBound)
            let extents = shape.map { hsize_t($0) }
            guard fileSpace >= 0, H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, start, nil, extents, nil) >= 0 else {
                throw HDF5Error.readFailed(path: path, dataset: name, reason: HDF5Library.lastError())
            }
            memorySpace = H5Screate_simple(Int32(shape.count), extents, nil)
        }
        var failure: String?
        let parallel = parallelChunks && !info.shape.isEmpty
            ? HDF5ParallelChunks.plan(dataset: dataset, memoryType: memoryType, shape: info.shape, rows: rows ?? 0..<info.shape[0]) : nil
        var parallelError: Error?
        let array = NDArray<T>(shape: shape, bulkFilling: { buffer in
            if let parallel {
                do {
                    if try parallel.read(dataset: dataset, into: UnsafeMutableRawBufferPointer(buffer), path: path, name: name) { return }
                } catch {
                    parallelError = error
                    buffer.initializeMemory(as: UInt8.self, repeating: 0)
                    return
                }
            }
            if H5Dread(dataset, memoryType, memorySpace, fileSpace, jn_H5P_DEFAULT(), buffer.baseAddress) < 0 {
                failure = HDF5Library.lastError()
                // The storage must be initialised even though it is thrown away.
                buffer.initializeMemory(as: UInt8.self, repeating: 0)
            }
        })
        if let parallelError { throw parallelError }
        if let failure { throw HDF5Error.readFailed(path: path, dataset: name, reason: failure) }
        return array
    }
}
