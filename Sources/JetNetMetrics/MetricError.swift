import Foundation
import JetNetCore

/// What can go wrong when a metric is asked to evaluate arrays a user passed in.
public enum MetricError: Error, LocalizedError, Equatable, Sendable {
    /// An array has the wrong number of axes.
    case wrongRank(array: String, expected: Int, shape: [Int])
    /// An array has too few or too many features on its last axis.
    case wrongFeatureCount(array: String, expected: String, shape: [Int])
    /// Two arrays that must agree on an axis do not.
    case shapeMismatch(first: String, firstShape: [Int], second: String, secondShape: [Int])
    /// An array holds NaN or infinity.
    case nonFinite(array: String, index: Int)
    /// A numeric argument is outside its allowed range.
    case invalidArgument(name: String, value: String, allowed: String)
    /// There are too few rows to estimate what the metric needs (e.g. a covariance).
    case tooFewSamples(array: String, rows: Int, needed: Int)
    /// A jet type the metric has no statistics for.
    case unsupportedJetType(String, supported: [String])
    /// A resource or weights file is missing or malformed.
    case badResource(path: String, reason: String)
    /// Finite inputs so large that the metric's arithmetic overflows `Double`.
    case overflow(metric: String, array: String, largest: Double)

    /// What went wrong and how to fix it, on one line (names read from files are escaped).
    public var errorDescription: String? { unescapedDescription.escapingNonPrintable }

    private var unescapedDescription: String {
        switch self {
        case let .wrongRank(array, expected, shape):
            "\(array) has shape \(shape) but must have \(expected) axes; pass [jets, particles, features] arrays in JetNet order."
        case let .wrongFeatureCount(array, expected, shape):
            "\(array) has shape \(shape) but its last axis must hold \(expected) features; select the features with the dataset's particleFeatures."
        case let .shapeMismatch(first, firstShape, second, secondShape):
            "\(first) has shape \(firstShape) but \(second) has shape \(secondShape); they must agree on every axis but the first."
        case let .nonFinite(array, index):
            "\(array) holds NaN or infinity at flat index \(index); clean or mask those values before evaluating."
        case let .invalidArgument(name, value, allowed):
            "\(name) = \(value) is not allowed; it must be \(allowed)."
        case let .tooFewSamples(array, rows, needed):
            "\(array) has \(rows) rows but at least \(needed) are needed; pass more jets."
        case let .unsupportedJetType(type, supported):
            "no statistics for jet type '\(type)'; use one of \(supported.joined(separator: ", "))."
        case let .badResource(path, reason):
            "cannot use \(path): \(reason)."
        case let .overflow(metric, array, largest):
            "\(metric) overflows: \(array) holds values as large as \(largest) in magnitude; check those values (jets in JetNet units are far below 1e6)."
        }
    }
}
