import Foundation
import JetNetMetrics

extension EvaluationResult {
    /// A metric's value in the papers' table units with its uncertainty, formatted for a table
    /// cell: `"1.23 ± 0.04"` (W1P and W1EFP: the mean over features, with the root-mean-square of
    /// their stds, as the papers report them; COV/MMD: `"0.52 / 0.041"`), or nil if not computed.
    ///
    /// - Parameter kind: the metric.
    /// - Returns: the cell text.
    public func formatted(_ kind: MetricKind) -> String? {
        let scale = kind.paperScale
        func pm(_ measured: MetricValue) -> String { formatMeasurement(measured.value * scale, measured.error * scale) }
        switch kind {
        case .w1m: return w1m.map(pm)
        case .w1p: return w1p.map { pm($0.averaged) }
        case .w1efp: return w1efp.map { pm($0.averaged) }
        case .fpd: return fpd.map(pm)
        case .kpd: return kpd.map(pm)
        case .covMMD: return covMMD.map { "\(formatMetricValue($0.cov)) / \(formatMetricValue($0.mmd))" }
        case .fpnd: return fpnd.map(formatMetricValue)
        }
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
