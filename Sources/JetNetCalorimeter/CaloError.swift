import Foundation

/// What can go wrong with calorimeter-shower files, binnings and evaluations.
public enum CaloError: Error, LocalizedError, Equatable, Sendable {
    /// A binning XML file is malformed or lacks the particle asked for.
    case badBinning(source: String, reason: String)
    /// A file cannot be read.
    case unreadableFile(path: String, reason: String)
    /// A shower file lacks `showers` or `incident_energies`, or their shapes are wrong.
    case badShowerFile(path: String, reason: String)
    /// The showers have a voxel count that does not match the dataset.
    case wrongVoxelCount(path: String, found: Int, dataset: String, expected: Int)
    /// A sample holds no showers.
    case emptySample(String)
    /// A dataset name that is not one of CaloChallenge's.
    case unknownDataset(String)
    /// A dataset's files are missing or could not be verified or downloaded.
    case download(String)

    public var errorDescription: String? {
        switch self {
        case let .badBinning(source, reason):
            "\(source): bad binning: \(reason)."
        case let .unreadableFile(path, reason):
            "Cannot read \(path): \(reason)."
        case let .badShowerFile(path, reason):
            "\(path) is not a CaloChallenge shower file: \(reason); it needs `incident_energies` [N, 1] and `showers` [N, voxels]."
        case let .wrongVoxelCount(path, found, dataset, expected):
            "\(path) has \(found) voxels per shower but dataset \(dataset) has \(expected); pass the matching --dataset (1-photons 368, 1-pions 533, 2 6480, 3 40500)."
        case let .emptySample(name):
            "The \(name) sample holds no showers; give a file with at least one shower."
        case let .unknownDataset(name):
            "Unknown CaloChallenge dataset \"\(name)\"; use 1-photons, 1-pions, 2 or 3."
        case let .download(message):
            message
        }
    }
}
