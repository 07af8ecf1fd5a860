import CHDF5
import Foundation
import JetNetCore

/// An HDF5 file: list its datasets, read them (whole or a range of rows) into ``NDArray``s,
/// read string datasets and attributes, and write datasets.
///
/// Reads contiguous and chunked (gzip) datasets; HDF5 itself converts the stored element
/// type to the requested one while reading. Every libhdf5 call holds one process-wide lock,
/// so files may be used from any thread (calls are serialised). HDF5's own error printing is
/// off: failures are thrown as ``HDF5Error`` naming the file and dataset.
///
/// ```swift
/// let file = try HDF5File(url: EmbeddedSample.url("g.hdf5"))
/// for dataset in try file.datasets() { print(dataset.summary) }
/// let jets = try file.read("particle_features", as: Float.self, rows: 0..<100)  // [100, 30, 4]
/// ```
public final class HDF5File: @unchecked Sendable {
    // @unchecked: the only state is an immutable handle, used only under the HDF5 lock.

    /// The file's location.
    public let url: URL
    /// Whether datasets can be written (the file was made with ``create(_:)``).
    public let isWritable: Bool
    let handle: hid_t
    /// Checks each object's header before libhdf5 opens it (files opened for reading).
    private let headerCheck: HDF5HeaderCheck?

    var path: String { url.path }

    private init(url: URL, handle: hid_t, isWritable: Bool, headerCheck: HDF5HeaderCheck?) {
        self.url = url
        self.handle = handle
        self.isWritable = isWritable
        self.headerCheck = headerCheck
    }

    /// Opens an existing HDF5 file read-only.
    ///
    /// The file may be damaged or hostile: every object's header is checked before libhdf5
    /// decodes it (`HDF5HeaderCheck`), because libhdf5 1.10 crashes on some damaged headers.
    ///
    /// - Parameter url: an HDF5 file (`.hdf5`, `.h5`).
    /// - Throws: ``HDF5Error/fileNotFound(path:)``, ``HDF5Error/notHDF5(path:)``,
    ///   ``HDF5Error/damaged(path:object:reason:)`` or ``HDF5Error/cannotOpen(path:reason:)``.
    public convenience init(url: URL) throws {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw HDF5Error.fileNotFound(path: path)
        }
        let (handle, check) = try HDF5Library.call { () throws -> (hid_t, HDF5HeaderCheck) in
            let signature = H5Fis_hdf5(path)
            guard signature > 0 else {
                let reason = HDF5Library.lastError()
                guard signature == 0 || FileManager.default.isReadableFile(atPath: path) == true else {
                    throw HDF5Error.cannotOpen(path: path, reason: reason)
                }
                throw HDF5Error.notHDF5(path: path)
            }
            // H5Fopen opens the root group: check its header first.
            let check: HDF5HeaderCheck
            do {
                check = try HDF5HeaderCheck(path: path)
                try check.checkRoot()
            } catch let damage as HDF5HeaderCheck.Damage {
                throw HDF5Error.damaged(path: path, object: "/", reason: damage.reason)
            }
            let handle = H5Fopen(path, jn_H5F_ACC_RDONLY(), jn_H5P_DEFAULT())
            guard handle >= 0 else { throw HDF5Error.cannotOpen(path: path, reason: HDF5Library.lastError()) }
            return (handle, check)
        }
        self.init(url: url, handle: handle, isWritable: false, headerCheck: check)
    }

    /// Creates a new, empty HDF5 file for writing, replacing any file at `url` at once; prefer
    /// ``write(to:_:)``, which replaces it only when the new file is complete.
    ///
    /// - Parameter url: where to create the file.
    /// - Returns: the open file; write datasets with ``write(dataset:array:chunkRows:compressionLevel:)``.
    /// - Throws: ``HDF5Error/cannotOpen(path:reason:)`` when the file cannot be created.
    public static func create(_ url: URL) throws -> HDF5File {
        let path = url.path
        let handle = try HDF5Library.call { () throws -> hid_t in
            let handle = H5Fcreate(path, jn_H5F_ACC_TRUNC(), jn_H5P_DEFAULT(), jn_H5P_DEFAULT())
            guard handle >= 0 else { throw HDF5Error.cannotOpen(path: path, reason: HDF5Library.lastError()) }
            return handle
        }
        return HDF5File(url: url, handle: handle, isWritable: true, headerCheck: nil)
    }

    /// Creates an HDF5 file through a temporary beside `url` (``AtomicFile``): `body` writes
    /// the datasets, and the file replaces any old one at `url` only when `body` returns and
    /// the file is closed. A failure or an interrupting signal leaves the old file as it was.
    ///
    /// - Parameters:
    ///   - url: the file to create or replace.
    ///   - body: writes the datasets into the open file (do not keep the file beyond it).
    /// - Throws: ``HDF5Error`` when the file cannot be created or written; what `body` throws.
    public static func write(to url: URL, _ body: (HDF5File) throws -> Void) throws {
        try AtomicFile.write(to: url) { temporary in
            // The file must be closed (released) before the rename, so it lives only here.
            try { let file = try create(temporary); try body(file) }()
        }
    }

    deinit {
        HDF5Library.call { _ = H5Fclose(handle) }
    }

    /// Writes everything buffered so far to disk (files are also flushed when released).
    public func flush() {
        HDF5Library.call { _ = H5Fflush(handle, H5F_SCOPE_GLOBAL) }
    }

    // MARK: Listing

    /// Every dataset in the file, found recursively through its groups, in name order.
    ///
    /// - Returns: path, shape and stored type of each dataset.
    /// - Throws: ``HDF5Error/readFailed(path:dataset:reason:)`` when a group cannot be listed.
    public func datasets() throws -> [HDF5DatasetInfo] {
        try HDF5Library.call {
            var found: [HDF5DatasetInfo] = []
            try collectDatasets(inGroup: "/", depth: 0, into: &found)
            return found
        }
    }

    /// The paths of every dataset in the file.
    ///
    /// - Throws: as ``datasets()``.
    public func datasetPaths() throws -> [String] {
        try datasets().map(\.path)
    }

    /// Path, shape and stored type of one dataset.
    ///
    /// - Parameter name: the dataset's path, with or without the leading `/`.
    /// - Returns: the dataset's description.
    /// - Throws: ``HDF5Error/missingDataset(path:dataset:available:)`` or
    ///   ``HDF5Error/notADataset(path:dataset:)``.
    public func info(_ name: String) throws -> HDF5DatasetInfo {
        try HDF5Library.call {
            let dataset = try openDataset(name)
            defer { H5Dclose(dataset) }
            return try describe(dataset: dataset, path: absolute(name))
        }
    }

    /// Groups deeper than this are not listed (a hard link back to a parent would loop).
    private static let maximumDepth = 64

    private func collectDatasets(inGroup group: String, depth: Int, into found: inout [HDF5DatasetInfo]) throws {
        guard depth < Self.maximumDepth else { return }
        let groupID = H5Gopen2(handle, group, jn_H5P_DEFAULT())
        guard groupID >= 0 else { throw HDF5Error.readFailed(path: path, dataset: group, reason: HDF5Library.lastError()) }
        defer { H5Gclose(groupID) }
        var groupInfo = H5G_info_t()
        guard H5Gget_info(groupID, &groupInfo) >= 0 else {
            throw HDF5Error.readFailed(path: path, dataset: group, reason: HDF5Library.lastError())
        }
        for index in 0..<groupInfo.nlinks {
            guard let name = linkName(groupID, index) else { continue }
            let child = group == "/" ? "/\(name)" : "\(group)/\(name)"
            // Dangling soft links and external links are not opened: skip them, as h5ls does.
            guard try checkHeaders(along: child) else { continue }
            let object = H5Oopen(groupID, name, jn_H5P_DEFAULT())
            guard object >= 0 else { H5Eclear2(jn_H5E_DEFAULT()); continue }
            defer { H5Oclose(object) }
            switch H5Iget_type(object) {
            case H5I_GROUP: try collectDatasets(inGroup: child, depth: depth + 1, into: &found)
            case H5I_DATASET: found.append(try describe(dataset: object, path: child))
            default: continue
            }
        }
    }

    private func linkName(_ group: hid_t, _ index: hsize_t) -> String? {
        let length = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, jn_H5P_DEFAULT())
        guard length > 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        guard H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count, jn_H5P_DEFAULT()) >= 0 else {
            return nil
        }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: Shared helpers (call with the lock held)

    func absolute(_ name: String) -> String {
        name.hasPrefix("/") ? name : "/" + name
    }

    /// Checks the headers of every object on `path` (absolute) before libhdf5 opens them,
    /// following soft links. Returns false when the path does not lead to an object in this
    /// file (it is missing, a dangling soft link or an external link, which is not followed).
    ///
    /// - Throws: ``HDF5Error/damaged(path:object:reason:)`` for a damaged header.
    func checkHeaders(along objectPath: String, links: Int = 0) throws -> Bool {
        guard let headerCheck else { return true }
        guard links < 16 else { return false }  // libhdf5's own limit on soft-link chains
        var prefix = ""
        for component in objectPath.split(separator: "/") where component != "." {
            let parent = prefix.isEmpty ? "/" : prefix
            prefix += "/" + component
            var info = H5L_info_t()
            guard H5Lexists(handle, prefix, jn_H5P_DEFAULT()) > 0, H5Lget_info(handle, prefix, &info, jn_H5P_DEFAULT()) >= 0 else {
                H5Eclear2(jn_H5E_DEFAULT())
                return false
            }
            switch info.type {
            case H5L_TYPE_HARD:
                do { try headerCheck.checkObject(at: UInt64(info.u.address)) } catch let damage as HDF5HeaderCheck.Damage {
                    throw HDF5Error.damaged(path: path, object: prefix, reason: damage.reason)
                }
            case H5L_TYPE_SOFT:
                var target = [CChar](repeating: 0, count: max(1, info.u.val_size) + 1)
                guard H5Lget_val(handle, prefix, &target, target.count, jn_H5P_DEFAULT()) >= 0 else {
                    H5Eclear2(jn_H5E_DEFAULT())
                    return false
                }
                let value = String(decoding: target.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                let resolved = value.hasPrefix("/") ? value : (parent == "/" ? "/" : parent + "/") + value
                guard try checkHeaders(along: resolved, links: links + 1) else { return false }
                // libhdf5 resolves the rest of the path from the link's target.
                let rest = objectPath.split(separator: "/").dropFirst(prefix.split(separator: "/").count)
                return rest.isEmpty ? true : try checkHeaders(along: ([resolved] + rest.map(String.init)).joined(separator: "/"), links: links + 1)
            default:
                return false
            }
        }
        return true
    }

    /// Opens a dataset, or throws a precise error about why the name does not name one.
    func openDataset(_ name: String) throws -> hid_t {
        let opened = try checkHeaders(along: absolute(name))
        let object = opened ? H5Oopen(handle, name, jn_H5P_DEFAULT()) : -1
        guard object >= 0 else {
            H5Eclear2(jn_H5E_DEFAULT())
            var found: [HDF5DatasetInfo] = []
            try? collectDatasets(inGroup: "/", depth: 0, into: &found)
            throw HDF5Error.missingDataset(path: path, dataset: name, available: found.map(\.path))
        }
        guard H5Iget_type(object) == H5I_DATASET else {
            H5Oclose(object)
            throw HDF5Error.notADataset(path: path, dataset: name)
        }
        return object
    }

    func describe(dataset: hid_t, path datasetPath: String) throws -> HDF5DatasetInfo {
        let space = H5Dget_space(dataset), type = H5Dget_type(dataset), plist = H5Dget_create_plist(dataset)
        defer {
            if space >= 0 { H5Sclose(space) }
            if type >= 0 { H5Tclose(type) }
            if plist >= 0 { H5Pclose(plist) }
        }
        guard space >= 0, type >= 0 else {
            throw HDF5Error.readFailed(path: path, dataset: datasetPath, reason: HDF5Library.lastError())
        }
        return HDF5DatasetInfo(
            path: datasetPath, shape: try shape(of: space, dataset: datasetPath), type: HDF5DataType(typeID: type),
            isChunked: plist >= 0 && H5Pget_layout(plist) == H5D_CHUNKED)
    }

    func shape(of space: hid_t, dataset: String) throws -> [Int] {
        let rank = H5Sget_simple_extent_ndims(space)
        guard rank >= 0 else { throw HDF5Error.readFailed(path: path, dataset: dataset, reason: HDF5Library.lastError()) }
        var dims = [hsize_t](repeating: 0, count: Int(rank))
        if rank > 0 { H5Sget_simple_extent_dims(space, &dims, nil) }
        return dims.map { Int($0) }
    }
}
