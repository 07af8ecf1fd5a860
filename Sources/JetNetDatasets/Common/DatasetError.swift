import Foundation

/// What can be wrong with a dataset request or its files.
public enum DatasetError: Error, LocalizedError, Equatable, Sendable {
    /// A jet type that the dataset does not have.
    case unknownJetType(String, dataset: String, valid: [String])
    /// A particle or jet feature that the dataset does not have.
    case unknownFeature(String, kind: String, dataset: String, valid: [String])
    /// More particles per jet than the dataset stores.
    case tooManyParticles(requested: Int, maximum: Int, dataset: String)
    /// A particle count below 1.
    case invalidParticleCount(Int)
    /// A split name the dataset does not have.
    case unknownSplit(String, dataset: String, valid: [String])
    /// Split fractions that are negative, of the wrong count, or sum above 1.
    case invalidSplitFractions([Double], reason: String)
    /// The dataset file is not on disk and downloading was not allowed.
    case missingFile(path: String, dataset: String, howToDownload: String)
    /// The file exists but is not a readable dataset file (truncated, random bytes, wrong layout).
    case corruptFile(path: String, reason: String)
    /// The file's MD5 differs from the one recorded at download time (or on Zenodo).
    case checksumMismatch(path: String, expected: String, actual: String)
    /// Downloading failed (network, HTTP status, interrupted transfer).
    case downloadFailed(String)
    /// A request that selects nothing to load, or an otherwise inconsistent request.
    case invalidRequest(String)
    /// Writing an export failed.
    case exportFailed(path: String, reason: String)

    /// What went wrong and how to fix it.
    public var errorDescription: String? {
        switch self {
        case let .unknownJetType(name, dataset, valid):
            "\"\(name)\" is not a \(dataset) jet type; use one of \(valid.joined(separator: ", ")) or \"all\"."
        case let .unknownFeature(name, kind, dataset, valid):
            "\"\(name)\" is not a \(dataset) \(kind) feature; use any of \(valid.joined(separator: ", "))."
        case let .tooManyParticles(requested, maximum, dataset):
            "\(requested) particles requested but \(dataset) stores at most \(maximum) per jet; ask for \(maximum) or fewer."
        case let .invalidParticleCount(count):
            "The number of particles must be at least 1 (got \(count))."
        case let .unknownSplit(name, dataset, valid):
            "\"\(name)\" is not a \(dataset) split; use one of \(valid.joined(separator: ", "))."
        case let .invalidSplitFractions(fractions, reason):
            "Split fractions \(fractions) are invalid: \(reason). Give train, valid, test fractions that are >= 0 and sum to at most 1, e.g. 0.7,0.15,0.15."
        case let .missingFile(path, dataset, howToDownload):
            "The \(dataset) file \(path) does not exist. \(howToDownload)"
        case let .corruptFile(path, reason):
            "\(path) is not a valid dataset file (\(reason)). Delete it and download it again."
        case let .checksumMismatch(path, expected, actual):
            "MD5 of \(path) is \(actual) but \(expected) was expected: the file is corrupted or incomplete. Download it again (pass `download: true`, or `--download` on the command line)."
        case let .downloadFailed(reason):
            reason
        case let .invalidRequest(reason):
            reason
        case let .exportFailed(path, reason):
            "Could not write \(path): \(reason)."
        }
    }
}
