import CHDF5
import JetNetCore

extension HDF5File {
    /// Writes a numeric dataset, creating any missing parent groups.
    ///
    /// Elements are stored in their own type (little-endian on this machine); `Bool`
    /// is stored as `uint8` (0 or 1), which h5py and pandas read as integers.
    ///
    /// - Parameters:
    ///   - name: the dataset's path (`"particle_features"`, `"table/block0_values"`).
    ///   - array: any shape; a 0-d array makes a scalar dataset.
    ///   - chunkRows: store in chunks of this many rows of the first axis (needed for
    ///     compression); `nil` stores contiguously unless compressing.
    ///   - compressionLevel: gzip level 1–9, or `nil` for none.
    /// - Throws: ``HDF5Error/writeFailed(path:dataset:reason:)`` when the file is read-only,
    ///   the name is taken, or HDF5 fails.
    public func write<T: NDArrayElement>(dataset name: String, array: NDArray<T>, chunkRows: Int? = nil, compressionLevel: Int? = nil) throws {
        try HDF5Library.call {
            let fileType = T.dtype.nativeHDF5Type
            let dataset = try createDataset(name, shape: array.shape, type: fileType, chunkRows: chunkRows, compressionLevel: compressionLevel)
            defer { H5Dclose(dataset) }
            guard array.count > 0 else { return }
            let status = array.withUnsafeBufferPointer {
                H5Dwrite(dataset, fileType, jn_H5S_ALL(), jn_H5S_ALL(), jn_H5P_DEFAULT(), $0.baseAddress)
            }
            guard status >= 0 else { throw HDF5Error.writeFailed(path: path, dataset: name, reason: HDF5Library.lastError()) }
        }
    }

    /// Writes a numeric dataset of whatever element type `array` holds.
    ///
    /// - Parameters:
    ///   - name: the dataset's path.
    ///   - array: any shape and element type.
    ///   - chunkRows: chunk size in rows, or `nil`.
    ///   - compressionLevel: gzip level 1–9, or `nil`.
    /// - Throws: as ``write(dataset:array:chunkRows:compressionLevel:)-(_,NDArray<T>,_,_)``.
    public func write(dataset name: String, array: AnyNDArray, chunkRows: Int? = nil, compressionLevel: Int? = nil) throws {
        switch array {
        case .float32(let a): try write(dataset: name, array: a, chunkRows: chunkRows, compressionLevel: compressionLevel)
        case .float64(let a): try write(dataset: name, array: a, chunkRows: chunkRows, compressionLevel: compressionLevel)
        case .int32(let a): try write(dataset: name, array: a, chunkRows: chunkRows, compressionLevel: compressionLevel)
        case .int64(let a): try write(dataset: name, array: a, chunkRows: chunkRows, compressionLevel: compressionLevel)
        case .bool(let a): try write(dataset: name, array: a, chunkRows: chunkRows, compressionLevel: compressionLevel)
        case .uint8(let a): try write(dataset: name, array: a, chunkRows: chunkRows, compressionLevel: compressionLevel)
        }
    }

    /// Writes a one-dimensional dataset of fixed-length byte strings (NumPy `|S<n>`, the
    /// way pandas stores column names), `n` being the longest string's UTF-8 length.
    ///
    /// - Parameters:
    ///   - name: the dataset's path.
    ///   - strings: the strings, shape `[count]`.
    /// - Throws: as ``write(dataset:array:chunkRows:compressionLevel:)-(_,NDArray<T>,_,_)``.
    public func write(dataset name: String, strings: [String]) throws {
        try HDF5Library.call {
            let encoded = strings.map { Array($0.utf8) }
            let length = max(1, encoded.map(\.count).max() ?? 1)
            let fileType = H5Tcopy(jn_H5T_C_S1())
            defer { H5Tclose(fileType) }
            H5Tset_size(fileType, length)
            H5Tset_strpad(fileType, H5T_STR_NULLPAD)
            let dataset = try createDataset(name, shape: [strings.count], type: fileType, chunkRows: nil, compressionLevel: nil)
            defer { H5Dclose(dataset) }
            guard !strings.isEmpty else { return }
            var bytes = [UInt8](repeating: 0, count: strings.count * length)
            for (index, string) in encoded.enumerated() {
                bytes.replaceSubrange((index * length)..<(index * length + string.count), with: string)
            }
            guard H5Dwrite(dataset, fileType, jn_H5S_ALL(), jn_H5S_ALL(), jn_H5P_DEFAULT(), bytes) >= 0 else {
                throw HDF5Error.writeFailed(path: path, dataset: name, reason: HDF5Library.lastError())
            }
        }
    }

    // MARK: Internals (lock held)

    private func createDataset(_ name: String, shape: [Int], type: hid_t, chunkRows: Int?, compressionLevel: Int?) throws -> hid_t {
        guard isWritable else {
            throw HDF5Error.writeFailed(path: path, dataset: name, reason: "the file was opened read-only")
        }
        try createParentGroups(of: name)
        let extents = shape.map { hsize_t($0) }
        let space = shape.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(shape.count), extents, nil)
        defer { H5Sclose(space) }
        let plist = H5Pcreate(jn_H5P_DATASET_CREATE())
        defer { H5Pclose(plist) }
        if !shape.isEmpty, chunkRows != nil || compressionLevel != nil {
            // Chunks need a non-zero extent on every axis.
            var chunk = extents.map { max($0, 1) }
            chunk[0] = hsize_t(max(1, min(chunkRows ?? 1024, max(shape[0], 1))))
            H5Pset_chunk(plist, Int32(chunk.count), chunk)
            if let compressionLevel { H5Pset_deflate(plist, UInt32(min(max(compressionLevel, 0), 9))) }
        }
        let dataset = H5Dcreate2(handle, name, type, space, jn_H5P_DEFAULT(), plist, jn_H5P_DEFAULT())
        guard dataset >= 0 else { throw HDF5Error.writeFailed(path: path, dataset: name, reason: HDF5Library.lastError()) }
        return dataset
    }

    private func createParentGroups(of name: String) throws {
        let components = name.split(separator: "/").map(String.init)
        var prefix = ""
        for component in components.dropLast() {
            prefix += "/" + component
            if H5Lexists(handle, prefix, jn_H5P_DEFAULT()) > 0 { continue }
            let group = H5Gcreate2(handle, prefix, jn_H5P_DEFAULT(), jn_H5P_DEFAULT(), jn_H5P_DEFAULT())
            guard group >= 0 else { throw HDF5Error.writeFailed(path: path, dataset: name, reason: HDF5Library.lastError()) }
            H5Gclose(group)
        }
    }
}
