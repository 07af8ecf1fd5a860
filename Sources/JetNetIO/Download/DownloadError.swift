import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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

extension DownloadError {
    /// A network error in words, with what to do (instead of `NSURLErrorDomain error -1001`).
    ///
    /// - Parameter error: what `URLSession` reported.
    /// - Returns: one sentence.
    public static func describe(_ error: Error) -> String {
        let bridged = error as NSError
        guard bridged.domain == NSURLErrorDomain else { return error.localizedDescription }
        let code = URLError.Code(rawValue: bridged.code)
        return switch code {
        case .timedOut:
            "the server stalled (no data within the timeout); try again later, or raise the timeout"
        case .cannotFindHost, .dnsLookupFailed:
            "the server's name could not be resolved; check the network connection"
        case .cannotConnectToHost:
            "the server refused the connection; try again later"
        case .networkConnectionLost:
            "the connection was lost mid-transfer; run the download again"
        case .notConnectedToInternet:
            "there is no network connection"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            "the secure connection failed (certificate or TLS problem); check the system clock and certificates"
        case .cancelled:
            "the transfer was cancelled"
        case .badServerResponse, .cannotParseResponse:
            "the server sent an invalid response; try again later"
        default:
            "network error \(bridged.code)"
        }
    }
}
