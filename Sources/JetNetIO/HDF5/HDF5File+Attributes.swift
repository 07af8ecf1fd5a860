import CHDF5

extension HDF5File {
    /// The attributes of a group or dataset (pandas and PyTables write many; h5py users
    /// store metadata there).
    ///
    /// - Parameter name: the object's path; `"/"` for the file's root group.
    /// - Returns: attribute values by attribute name.
    /// - Throws: ``HDF5Error/missingDataset(path:dataset:available:)`` when there is no such
    ///   object; ``HDF5Error/readFailed(path:dataset:reason:)`` when an attribute cannot be read.
    public func attributes(of name: String) throws -> [String: HDF5Attribute] {
        try HDF5Library.call {
            let object = try checkHeaders(along: absolute(name)) ? H5Oopen(handle, name, jn_H5P_DEFAULT()) : -1
            guard object >= 0 else {
                H5Eclear2(jn_H5E_DEFAULT())
                throw HDF5Error.missingDataset(path: path, dataset: name, available: (try? datasetPathsLocked()) ?? [])
            }
            defer { H5Oclose(object) }
            var result: [String: HDF5Attribute] = [:]
            var index: hsize_t = 0
            // Walk attributes by index until HDF5 reports there are no more.
            while true {
                let attribute = H5Aopen_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, index, jn_H5P_DEFAULT(), jn_H5P_DEFAULT())
                guard attribute >= 0 else { H5Eclear2(jn_H5E_DEFAULT()); break }
                defer { H5Aclose(attribute) }
                index += 1
                let length = H5Aget_name(attribute, 0, nil)
                guard length > 0 else { continue }
                var buffer = [CChar](repeating: 0, count: length + 1)
                H5Aget_name(attribute, buffer.count, &buffer)
                let attributeName = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                result[attributeName] = try value(of: attribute, object: name)
            }
            return result
        }
    }

    private func datasetPathsLocked() throws -> [String] {
        try datasets().map(\.path)
    }

    private func value(of attribute: hid_t, object: String) throws -> HDF5Attribute {
        let type = H5Aget_type(attribute), space = H5Aget_space(attribute)
        defer { H5Tclose(type); H5Sclose(space) }
        let count = max(0, Int(H5Sget_simple_extent_npoints(space)))
        let stored = HDF5DataType(typeID: type)
        switch stored {
        case .fixedString(let length):
            guard count > 0 else { return .string("") }
            var bytes = [UInt8](repeating: 0, count: count * length)
            guard H5Aread(attribute, type, &bytes) >= 0 else { throw failure(object) }
            let first = bytes.prefix(length)
            return .string(String(decoding: first.prefix { $0 != 0 }, as: UTF8.self))
        case .variableString:
            guard count > 0 else { return .string("") }
            let memoryType = H5Tcopy(jn_H5T_C_S1())
            defer { H5Tclose(memoryType) }
            H5Tset_size(memoryType, jn_H5T_VARIABLE())
            H5Tset_cset(memoryType, H5Tget_cset(type))
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
            guard H5Aread(attribute, memoryType, &pointers) >= 0 else { throw failure(object) }
            let text = pointers[0].map { String(cString: $0) } ?? ""
            H5Dvlen_reclaim(memoryType, space, jn_H5P_DEFAULT(), &pointers)
            return .string(text)
        case .signedInteger, .unsignedInteger, .bool:
            var values = [Int64](repeating: 0, count: count)
            let memoryType = stored == .bool ? H5Tget_super(type) : jn_H5T_NATIVE_INT64()
            if stored == .bool {
                var bytes = [UInt8](repeating: 0, count: count * H5Tget_size(memoryType))
                defer { H5Tclose(memoryType) }
                guard H5Aread(attribute, type, &bytes) >= 0 else { throw failure(object) }
                values = bytes.map { Int64($0) }
            } else if count > 0 {
                guard H5Aread(attribute, memoryType, &values) >= 0 else { throw failure(object) }
            }
            return .integers(values)
        case .float:
            var values = [Double](repeating: 0, count: count)
            if count > 0 { guard H5Aread(attribute, jn_H5T_NATIVE_DOUBLE(), &values) >= 0 else { throw failure(object) } }
            return .floats(values)
        case .other(let kind):
            return .unsupported(kind)
        }
    }

    private func failure(_ object: String) -> HDF5Error {
        .readFailed(path: path, dataset: object, reason: HDF5Library.lastError())
    }

    /// Sets a string attribute on a group or dataset (fixed-length, as h5py writes `np.bytes_`).
    ///
    /// - Parameters:
    ///   - name: the attribute's name.
    ///   - value: its value.
    ///   - object: the group or dataset's path; `"/"` for the root group.
    /// - Throws: ``HDF5Error/writeFailed(path:dataset:reason:)``.
    public func setAttribute(_ name: String, to value: String, on object: String) throws {
        try HDF5Library.call {
            let bytes = Array(value.utf8)
            let type = H5Tcopy(jn_H5T_C_S1())
            defer { H5Tclose(type) }
            H5Tset_size(type, max(1, bytes.count))
            H5Tset_strpad(type, H5T_STR_NULLPAD)
            let padded = bytes.isEmpty ? [0] : bytes
            try padded.withUnsafeBytes { try writeAttribute(name, type: type, on: object, value: $0.baseAddress!) }
        }
    }

    /// Sets an integer attribute on a group or dataset.
    ///
    /// - Parameters:
    ///   - name: the attribute's name.
    ///   - value: its value.
    ///   - object: the group or dataset's path; `"/"` for the root group.
    /// - Throws: ``HDF5Error/writeFailed(path:dataset:reason:)``.
    public func setAttribute(_ name: String, to value: Int64, on object: String) throws {
        try HDF5Library.call {
            try withUnsafeBytes(of: value) { try writeAttribute(name, type: jn_H5T_NATIVE_INT64(), on: object, value: $0.baseAddress!) }
        }
    }

    private func writeAttribute(_ name: String, type: hid_t, on object: String, value: UnsafeRawPointer) throws {
        guard isWritable else { throw HDF5Error.writeFailed(path: path, dataset: object, reason: "the file was opened read-only") }
        let space = H5Screate(H5S_SCALAR)
        defer { H5Sclose(space) }
        let attribute = H5Acreate_by_name(handle, object, name, type, space, jn_H5P_DEFAULT(), jn_H5P_DEFAULT(), jn_H5P_DEFAULT())
        guard attribute >= 0 else { throw HDF5Error.writeFailed(path: path, dataset: object, reason: HDF5Library.lastError()) }
        defer { H5Aclose(attribute) }
        guard H5Awrite(attribute, type, value) >= 0 else {
            throw HDF5Error.writeFailed(path: path, dataset: object, reason: HDF5Library.lastError())
        }
    }
}
