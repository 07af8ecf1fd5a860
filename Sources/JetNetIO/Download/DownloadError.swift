import Foundation

/// What can go wrong while finding, downloading or verifying a dataset file.
public enum DownloadError: Error, LocalizedError, Equatable, Sendable {
    /// The file is not in the data directory and downloading was not allowed.
    case fileNotFound(path: String, hint: String)
    /// A server answered with an HTTP error status.
    case httpStatus(url: String, status: Int)
    /// The Zenodo record does not list the file.
    case fileNotInRecord(record: Int, file: String, available: [String])
    /// The record's JSON could not be understood.
    case malformedRecord(url: String, reason: String)
    /// The transfer stopped before the whole body arrived, or the network failed.
    case transferFailed(url: String, reason: String)
    /// The file's MD5 differs from the expected one.
    case checksumMismatch(path: String, expected: String, actual: String, hint: String)
    /// Writing or moving the file failed.
    case fileSystem(path: String, reason: String)

    /// What went wrong and how to fix it.
    public var errorDescription: String? {
        switch self {
        case let .fileNotFound(path, hint):
            "Dataset file not found at \(path). \(hint)"
        case let .httpStatus(url, status):
            "The server answered HTTP \(status) for \(url). Check the record id and file name, or try again later if the status is 5xx."
        case let .fileNotInRecord(record, file, available):
            "Zenodo record \(record) has no file named \(file) (it has: \(available.joined(separator: ", "))). Check the file name."
        case let .malformedRecord(url, reason):
            "Could not read the Zenodo record at \(url): \(reason). The API may have changed; please report it."
        case let .transferFailed(url, reason):
            "Downloading \(url) failed: \(reason). Nothing was written to the target path; run the download again."
        case let .checksumMismatch(path, expected, actual, hint):
            "MD5 of \(path) is \(actual), expected \(expected): the file is corrupted or incomplete. \(hint)"
        case let .fileSystem(path, reason):
            "Could not write \(path): \(reason). Check that the directory exists and is writable."
        }
    }
}
