import Foundation
import JetNetCore

/// Reads one array from a `.npy`, `.npz` or HDF5 (`.hdf5`, `.h5`) file, whichever it is.
///
/// This is how the CLI and scripts take jets from files: `jetnet evaluate --real real.npy`,
/// `jetnet efps jets.npz --key particles`, `jetnet image g.hdf5`.
public enum ArrayFile {
    /// The file kinds ``read(_:key:as:)`` understands, by extension.
    public static let extensions = ["npy", "npz", "hdf5", "h5"]

    /// The array a key-less read picks in an HDF5 file: JetNet's particle array.
    public static let defaultHDF5Dataset = "particle_features"

    /// Reads one array and converts it to `T`.
    ///
    /// - Parameters:
    ///   - url: a `.npy`, `.npz`, `.hdf5` or `.h5` file.
    ///   - key: the array's name in a `.npz` (default: its only array, or `particles`, the
    ///     name `jetnet export` writes) or the dataset path in an HDF5 file (default
    ///     `particle_features`); ignored for `.npy`.
    ///   - type: the element type wanted.
    /// - Returns: the array.
    /// - Throws: ``ArrayFileError`` for an unknown extension or a missing/ambiguous key, and
    ///   the underlying reader's error (`NPYError`, `ZipError`, ``HDF5Error``) for a bad file.
    public static func read<T: NDArrayElement>(_ url: URL, key: String? = nil, as type: T.Type = T.self) throws -> NDArray<T> {
        try read(url, key: key, as: type, floatingOnly: false)
    }

    /// Reads jets under the ``InputPolicy``: the stored array must be floating point (integer
    /// and boolean arrays are refused before they are converted), and is returned as float32.
    ///
    /// - Parameters:
    ///   - url: a `.npy`, `.npz`, `.hdf5` or `.h5` file.
    ///   - key: as ``read(_:key:as:)``.
    /// - Returns: the array as stored, converted to float32.
    /// - Throws: `InputError.notFloating` for integer or boolean storage; as ``read(_:key:as:)``.
    public static func readJets(_ url: URL, key: String? = nil) throws -> NDArray<Float> {
        try read(url, key: key, as: Float.self, floatingOnly: true)
    }

    private static func read<T: NDArrayElement>(_ url: URL, key: String?, as type: T.Type, floatingOnly: Bool) throws -> NDArray<T> {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ArrayFileError.fileNotFound(path: url.path)
        }
        func check(_ dtype: String) throws {
            if floatingOnly { try InputPolicy.checkFloating(dtype, array: url.path) }
        }
        switch url.pathExtension.lowercased() {
        case "npy":
            try check(NPYFile.header(of: url).dtype.description)
            return try NPYFile.read(url, as: T.self)
        case "npz":
            let archive = try NPZFile(url: url)
            let names = archive.keys
            let chosen: String
            if let key {
                guard names.contains(key) else { throw ArrayFileError.missingKey(path: url.path, key: key, available: names) }
                chosen = key
            } else if names.count == 1 {
                chosen = names[0]
            } else if names.contains("particles") {
                chosen = "particles"
            } else {
                throw ArrayFileError.ambiguousKey(path: url.path, available: names)
            }
            try check(archive.header(chosen).dtype.description)
            return try archive.array(chosen, as: T.self)
        case "hdf5", "h5":
            let file = try HDF5File(url: url)
            let name = key ?? defaultHDF5Dataset
            try check(file.info(name).type.description)
            return try file.read(name, as: T.self)
        default:
            throw ArrayFileError.unknownExtension(path: url.path, supported: extensions)
        }
    }
}

/// Why ``ArrayFile`` could not pick an array from a file.
public enum ArrayFileError: Error, LocalizedError, Equatable, Sendable {
    /// There is no file at the path.
    case fileNotFound(path: String)
    /// The extension is none of `.npy`, `.npz`, `.hdf5`, `.h5`.
    case unknownExtension(path: String, supported: [String])
    /// The requested key is not in the file.
    case missingKey(path: String, key: String, available: [String])
    /// The file holds several arrays and no key was given.
    case ambiguousKey(path: String, available: [String])

    /// What went wrong and how to fix it, on one line (names read from files are escaped).
    public var errorDescription: String? { unescapedDescription?.escapingNonPrintable }

    private var unescapedDescription: String? {
        switch self {
        case let .fileNotFound(path):
            "no file at \(path); check the path."
        case let .unknownExtension(path, supported):
            "cannot tell what kind of file \(path) is; use one of .\(supported.joined(separator: ", ."))."
        case let .missingKey(path, key, available):
            "\(path) has no array '\(key)'; it has: \(available.joined(separator: ", "))."
        case let .ambiguousKey(path, available):
            "\(path) holds several arrays (\(available.joined(separator: ", "))); choose one with --key."
        }
    }
}
