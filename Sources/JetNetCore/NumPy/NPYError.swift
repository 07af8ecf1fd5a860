import Foundation

/// Why a NumPy `.npy` or `.npz` file could not be read or written.
///
/// `source` names what was being read: a file path, `"in-memory data"`, or
/// `"archive.npz[key]"` for an array inside an `.npz`.
public enum NPYError: Error, LocalizedError, Equatable, Sendable {
    /// The file could not be opened, read or written.
    case fileAccess(path: String, reason: String)
    /// The bytes do not start with the `.npy` magic string `\x93NUMPY`.
    case notNPY(source: String)
    /// The format version is not 1.0, 2.0 or 3.0.
    case unsupportedVersion(source: String, major: Int, minor: Int)
    /// The header is not the Python dictionary literal `.npy` files carry.
    case malformedHeader(source: String, reason: String)
    /// The element type (`descr`) is one this package cannot hold.
    case unsupportedDType(source: String, descr: String)
    /// The file ends before the data the header announces.
    case truncated(source: String, expectedBytes: Int, availableBytes: Int)
    /// An `.npz` archive has no array of that name.
    case missingKey(source: String, key: String, available: [String])

    /// What went wrong and how to fix it, on one line (names read from files are escaped).
    public var errorDescription: String? { unescapedDescription?.escapingNonPrintable }

    private var unescapedDescription: String? {
        switch self {
        case let .fileAccess(path, reason):
            "Cannot access NumPy file '\(path)': \(reason). Check that the path exists and is readable (or its folder writable)."
        case let .notNPY(source):
            "\(source) is not a NumPy .npy file (it does not start with \\x93NUMPY). Save arrays with numpy.save or NPYFile.write."
        case let .unsupportedVersion(source, major, minor):
            "\(source) uses .npy format version \(major).\(minor); only 1.0, 2.0 and 3.0 exist. The file is corrupt or from an unknown writer."
        case let .malformedHeader(source, reason):
            "\(source) has a malformed .npy header (\(reason)). Re-save the array with numpy.save."
        case let .unsupportedDType(source, descr):
            "\(source) stores elements of type '\(descr)', which cannot be read; supported: f4, f8, i1, i2, i4, i8, u1, u2, u4, b1 (either byte order). Convert with array.astype('<f4') (or another supported type) and save again."
        case let .truncated(source, expected, available):
            "\(source) is truncated: the header announces \(expected) data bytes but only \(available) follow. The file was cut short (incomplete download or copy); fetch or save it again."
        case let .missingKey(source, key, available):
            "\(source) has no array named '\(key)'; it holds \(available.map { "'\($0)'" }.joined(separator: ", ")). Use one of those keys."
        }
    }
}
