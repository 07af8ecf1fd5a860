import Foundation

/// What can go wrong when building an ``EFPSet`` or computing Energy Flow Polynomials.
public enum EFPError: Error, LocalizedError, Equatable, Sendable {
    /// A selection string that does not read as `variable comparison integer`.
    case unparseableSelection(String)
    /// A selection on a variable energyflow does not know.
    case unknownVariable(String, selection: String)
    /// A comparison operator energyflow does not know.
    case unknownComparison(String, selection: String)
    /// The selection needs graphs beyond the bundled table (d <= ``EFPSet/maximumDegree``).
    case degreeBeyondTable(selection: [String], maximumDegree: Int)
    /// An input array with the wrong number of axes.
    case wrongRank(expected: String, shape: [Int])
    /// An input array with too few (or too many) features per particle.
    case wrongFeatureCount(expected: String, shape: [Int])
    /// A measure parameter outside its allowed range.
    case invalidParameter(name: String, value: Double, allowed: String)
    /// The bundled graph table is missing or malformed (a packaging error).
    case badTable(String)

    public var errorDescription: String? {
        switch self {
        case let .unparseableSelection(text):
            "cannot read the EFP selection '\(text)'; write a variable, a comparison and an integer, e.g. \"d<=4\", \"n==4\" or \"p==1\"."
        case let .unknownVariable(name, selection):
            "'\(name)' in the EFP selection '\(selection)' is not a graph variable; use one of n, e, d, v, k, c (or chi), p, h, e.g. \"d<=4\"."
        case let .unknownComparison(op, selection):
            "'\(op)' in the EFP selection '\(selection)' is not a comparison; use one of ==, !=, <, <=, >, >=, e.g. \"d<=4\"."
        case let .degreeBeyondTable(selection, maximumDegree):
            "the EFP selection \(selection) admits graphs with more than \(maximumDegree) edges, beyond the bundled table; add \"d<=\(maximumDegree)\" (or a smaller bound) to the selection."
        case let .wrongRank(expected, shape):
            "EFP input has shape \(shape) but must be \(expected); pass one jet as [particles, features] or a batch as [jets, particles, features]."
        case let .wrongFeatureCount(expected, shape):
            "EFP input has shape \(shape) but its last axis must hold \(expected); select those columns first."
        case let .invalidParameter(name, value, allowed):
            "EFP \(name) = \(value) is not allowed; it must be \(allowed)."
        case let .badTable(reason):
            "the bundled EFP graph table is unusable (\(reason)); rebuild it with scripts/fixtures/make_efp_table.py."
        }
    }
}
