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
public struct EvaluationResult: Sendable, Equatable, Codable {
    /// A value with its standard deviation over bootstrap batches (W1M).
    public struct ValueStd: Sendable, Equatable, Codable {
        /// The mean over batches.
        public var value: Double
        /// The standard deviation over batches.
        public var std: Double

        /// Makes a value with its standard deviation.
        public init(value: Double, std: Double) {
            self.value = value
            self.std = std
        }
    }

    /// Per-feature values with their standard deviations (W1P, W1EFP).
    public struct ValuesStds: Sendable, Equatable, Codable {
        /// The mean over batches, one per feature.
        public var values: [Double]
        /// The standard deviations over batches, one per feature.
        public var stds: [Double]

        /// Makes per-feature values with their standard deviations (same length).
        public init(values: [Double], stds: [Double]) {
            self.values = values
            self.stds = stds
        }
    }

    /// Coverage and minimum matching distance.
    public typealias CovMMD = JetNetMetrics.CovMMD

    /// A single value (FPND).
    public struct Value: Sendable, Equatable, Codable {
        /// The metric's value.
        public var value: Double

        /// Makes a single value.
        public init(value: Double) {
            self.value = value
        }
    }

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

    /// W1M, if computed.
    public var w1m: ValueStd?
    /// W1P (etarel, phirel, ptrel), if computed.
    public var w1p: ValuesStds?
    /// W1EFP (five EFPs), if computed.
    public var w1efp: ValuesStds?
    /// FPD, if computed: the extrapolated value and the fit's error.
    public var fpd: MetricValue?
    /// KPD, if computed: the median over batches and half the 68% range.
    public var kpd: MetricValue?
    /// COV and MMD, if computed.
    public var covMMD: CovMMD?
    /// FPND, if computed.
    public var fpnd: Value?
    /// The inputs and options.
    public var inputs: Inputs
    /// The seed of every metric's generator.
    public var seed: UInt64
    /// The JetNet for Swift version that computed the result.
    public var version: String

    enum CodingKeys: String, CodingKey {
        case w1m, w1p, w1efp, fpd, kpd, covMMD = "cov_mmd", fpnd, inputs, seed, version
    }

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

    /// A metric's value in the papers' table units with its uncertainty, formatted for a table
    /// cell: `"1.23 ± 0.04"` (W1P and W1EFP: the mean over features, with the root-mean-square of
    /// their stds, as the papers report them; COV/MMD: `"0.52 / 0.041"`), or nil if not computed.
    ///
    /// - Parameter kind: the metric.
    /// - Returns: the cell text.
    public func formatted(_ kind: MetricKind) -> String? {
        let scale = kind.paperScale
        func pm(_ value: Double, _ error: Double) -> String { formatMeasurement(value * scale, error * scale) }
        func averaged(_ result: ValuesStds) -> String {
            let mean = result.values.reduce(0, +) / Double(max(result.values.count, 1))
            let rms = (result.stds.reduce(0) { $0 + $1 * $1 } / Double(max(result.stds.count, 1))).squareRoot()
            return pm(mean, rms)
        }
        switch kind {
        case .w1m: return w1m.map { pm($0.value, $0.std) }
        case .w1p: return w1p.map(averaged)
        case .w1efp: return w1efp.map(averaged)
        case .fpd: return fpd.map { pm($0.value, $0.error) }
        case .kpd: return kpd.map { pm($0.value, $0.error) }
        case .covMMD: return covMMD.map { "\(formatMetricValue($0.cov)) / \(formatMetricValue($0.mmd))" }
        case .fpnd: return fpnd.map { formatMetricValue($0.value) }
        }
    }

    /// The JSON form (keys sorted, pretty-printed when asked).
    ///
    /// - Parameter pretty: indent the output.
    /// - Returns: UTF-8 JSON.
    public func jsonData(pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(self)
    }

    /// Reads the JSON form back.
    ///
    /// - Parameter data: what ``jsonData(pretty:)`` (or `jetnet evaluate --json`) wrote.
    /// - Returns: the result.
    /// - Throws: `DecodingError` when the data is not such JSON.
    public static func decode(_ data: Data) throws -> EvaluationResult {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(EvaluationResult.self, from: data)
    }
}

/// A value with its uncertainty for tables, the error rounded to two significant digits and the
/// value to the same decimal place (at most three significant digits of the value), e.g.
/// `"10.8 ± 3.6"`, `"47 ± 20"`, `"0 ± 80"` for a value far below its error.
///
/// - Parameters:
///   - value: the value.
///   - error: its uncertainty (non-negative).
/// - Returns: the text.
public func formatMeasurement(_ value: Double, _ error: Double) -> String {
    guard value.isFinite, error.isFinite, error > 0 else {
        return "\(formatMetricValue(value)) ± \(formatMetricValue(error))"
    }
    var decimals = 1 - Int(log10(error).rounded(.down))
    if value != 0 { decimals = min(decimals, 2 - Int(log10(abs(value)).rounded(.down))) }
    decimals = min(max(decimals, 0), 8)
    let shown = String(format: "%.\(decimals)f", value)
    // "-0" reads as a sign where there is none.
    let cleaned = Double(shown) == 0 ? String(format: "%.\(decimals)f", 0.0) : shown
    return "\(cleaned) ± \(String(format: "%.\(decimals)f", error))"
}

/// A metric value for tables: three significant digits (one decimal from 100 up), scientific
/// notation below 1e-3 or from 1e5, and `inf`/`nan` spelled out.
///
/// - Parameter value: the number.
/// - Returns: its text, such as `"0.523"`, `"12.4"`, `"3.20e-05"`.
public func formatMetricValue(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    let magnitude = abs(value)
    if value == 0 { return "0" }
    if magnitude >= 1e-3 && magnitude < 1e5 { return String(format: magnitude >= 100 ? "%.1f" : "%.3g", value) }
    return String(format: "%.2e", value)
}
