import CJetNetCAPI
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import JetNetCore
import JetNetDatasets
import JetNetIO

/// Sorts the library's errors into the categories the Python package turns into exceptions:
/// bad arguments are `ValueError`, a missing dataset file `FileNotFoundError`, and unreadable or
/// mismatching files (or anything else) `RuntimeError`, as jetnet raises.
enum CErrorCategory {
    static func of(_ error: any Error) -> Int32 {
        switch error {
        case let error as DatasetError:
            switch error {
            case .missingFile: Int32(JN_FILE_NOT_FOUND)
            case .corruptFile, .checksumMismatch, .downloadFailed, .exportFailed: Int32(JN_RUNTIME_ERROR)
            default: Int32(JN_VALUE_ERROR)
            }
        case is HDF5Error, is ROOTError, is DownloadError, is NPYError, is ZipError, is ArrayFileError:
            Int32(JN_RUNTIME_ERROR)
        case is CArgumentError:
            Int32(JN_VALUE_ERROR)
        case let error as CocoaError where error.code == .fileNoSuchFile || error.code == .fileReadNoSuchFile:
            Int32(JN_FILE_NOT_FOUND)
        case is LocalizedError:
            // MetricError, PhysicsError, EFPError, EMDError, NormalisationError: bad input.
            Int32(JN_VALUE_ERROR)
        default:
            Int32(JN_RUNTIME_ERROR)
        }
    }

    static func message(of error: any Error) -> String {
        (error as? LocalizedError)?.errorDescription ?? String(describing: error)
    }
}

/// A C ABI argument the library cannot take (NULL array, unknown dtype, bad JSON).
struct CArgumentError: Error, LocalizedError {
    let message: String
    var errorDescription: String? { message }
}
