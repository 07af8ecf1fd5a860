import Foundation

/// What can be wrong when applying a normalisation.
public enum NormalisationError: Error, LocalizedError, Equatable, Sendable {
    /// A per-feature parameter list whose length differs from the data's feature count.
    case featureCountMismatch(parameter: String, count: Int, features: Int)
    /// Parameters that must be derived from data (shifts, scales or maxes) were not.
    case notDerived(String)

    /// What went wrong and how to fix it.
    public var errorDescription: String? {
        switch self {
        case let .featureCountMismatch(parameter, count, features):
            "\(parameter) has \(count) values but the data has \(features) features; give one value, or one per feature."
        case let .notDerived(what):
            "\(what) must be derived first: call derive(from:) on the data (datasets do this on the selected split)."
        }
    }
}
