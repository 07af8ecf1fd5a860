import Foundation
import JetNetCore
import JetNetMetrics

/// The results of ``Metrics/evaluate(real:gen:options:progress:)``, with a stable JSON form:
///
/// ```json
/// {"w1m": {"value": …, "std": …}, "w1p": {"values": […], "stds": […]},
///  "w1efp": {"values": […], "stds": […]}, "fpd": {"value": …, "error": …},
///  "kpd": {"value": …, "error": …}, "cov_mmd": {"cov": …, "mmd": …}, "fpnd": {"value": …},
///  "inputs": {…}, "seed": …, "version": "…"}
/// ```
///
/// Values are in natural units (not the papers' ×10³ table units; see ``MetricKind/paperScale``).
/// A metric that was not computed has no key. Infinite or NaN values (W1P of an empty sample)
/// are written as the strings `"Infinity"`, `"-Infinity"`, `"NaN"`.
public struct EvaluationResult: Sendable, Equatable {
    /// Where an input sample came from.
    public struct Input: Sendable, Equatable, Codable {
        /// Its file (or a description such as `"embedded g.hdf5, jets 0..<1000"`).
        public var source: String
        /// The array's shape `[jets, particles, features]`.
        public var shape: [Int]

        /// Makes an input description.
        public init(source: String, shape: [Int]) {
            self.source = source
            self.shape = shape
        }
    }

    /// The two inputs and the options used.
    public struct Inputs: Sendable, Equatable, Codable {
        /// The real sample.
        public var real: Input
        /// The generated sample.
        public var gen: Input
        /// Every option, so a run can be repeated.
        public var options: EvaluationOptions

        /// Makes the inputs record.
        public init(real: Input, gen: Input, options: EvaluationOptions) {
            self.real = real
            self.gen = gen
            self.options = options
        }
    }

    /// W1M, if computed: the mean over batches and their standard deviation.
    public var w1m: MetricValue?
    /// W1P (etarel, phirel, ptrel), if computed.
    public var w1p: MetricValues?
    /// W1EFP (five EFPs), if computed.
    public var w1efp: MetricValues?
    /// FPD, if computed: the extrapolated value and the fit's error.
    public var fpd: MetricValue?
    /// KPD, if computed: the median over batches and half the 68% range.
    public var kpd: MetricValue?
    /// COV and MMD, if computed.
    public var covMMD: CovMMD?
    /// FPND, if computed.
    public var fpnd: Double?
    /// The inputs and options.
    public var inputs: Inputs
    /// The seed of every metric's generator.
    public var seed: UInt64
    /// The JetNet for Swift version that computed the result.
    public var version: String

    /// Makes an empty result for `inputs`; ``Metrics/evaluate(real:gen:options:progress:)`` fills it.
    public init(inputs: Inputs) {
        self.inputs = inputs
        self.seed = inputs.options.seed
        self.version = JetNetVersion.current
    }

    /// The metrics this result holds, in ``MetricKind/allCases`` order.
    public var computed: [MetricKind] {
        MetricKind.allCases.filter { kind in
            switch kind {
            case .w1m: w1m != nil
            case .w1p: w1p != nil
            case .w1efp: w1efp != nil
            case .fpd: fpd != nil
            case .kpd: kpd != nil
            case .covMMD: covMMD != nil
            case .fpnd: fpnd != nil
            }
        }
    }
}
