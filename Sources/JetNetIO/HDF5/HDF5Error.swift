import Foundation
import JetNetCore

/// Why an HDF5 file or dataset could not be read or written.
///
/// Every case names the file; dataset cases name the dataset. `reason` is HDF5's own
/// explanation, taken from its error stack (which is otherwise silenced).
public enum HDF5Error: Error, LocalizedError, Equatable, Sendable {
    /// No file exists at the path.
    case fileNotFound(path: String)
    /// The file exists but is not an HDF5 file.
    case notHDF5(path: String)
    /// HDF5 could not open or create the file.
    case cannotOpen(path: String, reason: String)
    /// The file has no object at that path.
    case missingDataset(path: String, dataset: String, available: [String])
    /// The object at that path is a group (or another non-dataset object).
    case notADataset(path: String, dataset: String)
    /// The dataset's stored type cannot be read as the requested type.
    case unsupportedType(path: String, dataset: String, stored: String, requested: String)
    /// The requested rows are outside the dataset's first axis.
    case rowsOutOfBounds(path: String, dataset: String, rows: Range<Int>, rowCount: Int)
    /// An object's header is damaged (found before libhdf5 decoded it; see `HDF5HeaderCheck`).
    case damaged(path: String, object: String, reason: String)
    /// HDF5 failed while reading.
    case readFailed(path: String, dataset: String, reason: String)
    /// HDF5 failed while writing (for example, the file was opened read-only).
    case writeFailed(path: String, dataset: String, reason: String)

    /// What went wrong and how to fix it, on one line (names read from files are escaped).
    public var errorDescription: String? { unescapedDescription?.escapingNonPrintable }

    private var unescapedDescription: String? {
        switch self {
        case let .fileNotFound(path):
            "HDF5 file '\(path)' does not exist. Check the path (or download the dataset first)."
        case let .notHDF5(path):
            "'\(path)' is not an HDF5 file (no HDF5 signature). It may be truncated, an HTML error page from a failed download, or another format; download it again."
        case let .cannotOpen(path, reason):
            "Cannot open HDF5 file '\(path)': \(reason). Check that it is readable (or its folder writable) and not damaged."
        case let .missingDataset(path, dataset, available):
            "HDF5 file '\(path)' has no dataset '\(dataset)'. Datasets: \(available.prefix(30).joined(separator: ", "))\(available.count > 30 ? ", …" : "")."
        case let .notADataset(path, dataset):
            "'\(dataset)' in HDF5 file '\(path)' is a group, not a dataset. Name one of the datasets inside it (see `jetnet info`)."
        case let .unsupportedType(path, dataset, stored, requested):
            "Dataset '\(dataset)' in '\(path)' stores \(stored), which cannot be read as \(requested). Read numeric datasets with read(_:as:) and string datasets with readStrings(_:)."
        case let .rowsOutOfBounds(path, dataset, rows, rowCount):
            "Rows \(rows.lowerBound)..<\(rows.upperBound) are out of bounds for dataset '\(dataset)' in '\(path)', which has \(rowCount) rows. Ask for a range within 0..<\(rowCount)."
        case let .damaged(path, object, reason):
            "HDF5 file '\(path)' is damaged: the header of '\(object)' has \(reason). Download or write the file again."
        case let .readFailed(path, dataset, reason):
            "Reading dataset '\(dataset)' from '\(path)' failed: \(reason). The file may be damaged; download it again."
        case let .writeFailed(path, dataset, reason):
            "Writing dataset '\(dataset)' to '\(path)' failed: \(reason). Write to a file made with HDF5File.create, with a dataset name not already used."
        }
    }
}
