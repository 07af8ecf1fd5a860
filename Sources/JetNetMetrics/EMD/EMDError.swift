import Foundation

/// What can go wrong computing an Energy Mover's Distance beyond malformed arrays (those throw
/// ``MetricError``).
public enum EMDError: Error, LocalizedError, Equatable, Sendable {
    /// `norm` is true but one jet of the pair has no particle with positive pt, so it has no
    /// distribution to normalise.
    case emptyJetWithNorm(array: String, jet: Int)
    /// The network simplex stopped without an optimum (energyflow raises `EMDStatus - ...`).
    case solverFailed(status: String, jet0: Int, jet1: Int)

    /// What went wrong and how to fix it.
    public var errorDescription: String? {
        switch self {
        case let .emptyJetWithNorm(array, jet):
            "\(array)[\(jet)] has no particle with positive pt, so it cannot be normalised; drop empty jets or use norm: false (an empty jet then costs its partner's total pt)."
        case let .solverFailed(status, jet0, jet1):
            "the network simplex failed (\(status)) on jets (\(jet0), \(jet1)); check that the coordinates are of order 1 and R and beta are reasonable."
        }
    }
}
