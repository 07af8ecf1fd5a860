import Foundation
import JetNetCore

/// Why ``Metrics/evaluate(real:gen:options:progress:)`` could not run.
public enum EvaluationError: Error, LocalizedError, Equatable, Sendable {
    /// A name in a metric list is not a metric.
    case unknownMetric(String)
    /// An input is not `[jets, particles, 3 or 4]`.
    case wrongShape(array: String, shape: [Int])
    /// Real and generated jets differ in particles or features.
    case shapeMismatch(real: [Int], gen: [Int])
    /// FPND was asked for without a jet type.
    case fpndNeedsJetType
    /// FPND was asked for a jet type jetnet has no ParticleNet statistics for.
    case noFPNDStatistics(jetType: String, supported: [String])
    /// FPND was asked for jets that are not the 30-particle JetNet jets its network was trained on.
    case fpndNeedsThirtyParticles(particles: Int)
    /// The sensitivity study was asked for more jets than the embedded sample has per half.
    case invalidStudySize(Int, maximum: Int)
    /// A metric failed; `reason` is its own error message.
    case metricFailed(MetricKind, reason: String)
    /// Jets that break the ``InputPolicy`` (non-finite values, negative pt, a mask that is not
    /// 0/1, fewer than 2 jets).
    case invalidInput(InputError)

    public var errorDescription: String? {
        switch self {
        case let .unknownMetric(name):
            "'\(name)' is not a metric; choose from \(MetricKind.allCases.map(\.rawValue).joined(separator: ", ")) (comma-separated) or all."
        case let .wrongShape(array, shape):
            "\(array) has shape \(shape) but must be [jets, particles, 3 or 4] with features [etarel, phirel, ptrel, (mask)] in JetNet order."
        case let .shapeMismatch(real, gen):
            "real jets have shape \(real) but generated jets have shape \(gen); they must have the same particles per jet and features (the number of jets may differ)."
        case .fpndNeedsJetType:
            "FPND compares with stored statistics of one jet type; pass the jet type (--jet-type g, q or t) or leave fpnd out of the metrics."
        case let .noFPNDStatistics(jetType, supported):
            "jetnet has no FPND statistics for jet type '\(jetType)'; FPND exists for \(supported.joined(separator: ", ")) only, so leave fpnd out for other jet types."
        case let .fpndNeedsThirtyParticles(particles):
            "FPND needs 30-particle JetNet jets (its ParticleNet and statistics are for those), but the jets have \(particles) particles; leave fpnd out."
        case let .invalidStudySize(jets, maximum):
            "the sensitivity study takes 1 to \(maximum) jets per half (the embedded sample has \(2 * maximum) gluon jets), not \(jets)."
        case let .metricFailed(kind, reason):
            "\(kind) failed: \(reason)"
        case let .invalidInput(error):
            error.errorDescription
        }
    }
}
