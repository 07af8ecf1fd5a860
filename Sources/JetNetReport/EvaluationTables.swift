import JetNetEvaluation
import JetNetMetrics

/// The text tables `jetnet evaluate` prints, in the JetNet papers' units.
public enum EvaluationTables {
    /// The feature names of W1P's values.
    static let particleFeatureNames = ["etarel", "phirel", "ptrel"]

    /// One row per computed metric: heading with units, the value with its uncertainty, and the
    /// per-feature values of W1P and W1EFP.
    ///
    /// - Parameter result: an evaluation.
    /// - Returns: the table.
    public static func metrics(_ result: EvaluationResult) -> TextTable {
        let rows: [[String]] = result.computed.map { kind in
            var details = ""
            switch kind {
            case .w1p:
                if let w1p = result.w1p { details = perFeature(w1p, names: particleFeatureNames, scale: kind.paperScale) }
            case .w1efp:
                if let w1efp = result.w1efp {
                    details = perFeature(w1efp, names: (1...w1efp.values.count).map { "EFP\($0)" }, scale: kind.paperScale)
                }
            case .covMMD:
                details = "COV higher is better, MMD lower"
            case .fpnd:
                details = "jet type \(result.inputs.options.jetType ?? "?")"
            default:
                break
            }
            return [kind.heading, result.formatted(kind) ?? "", details]
        }
        return TextTable(headers: ["metric", "value", "per feature"], rows: rows)
    }

    /// The sensitivity study: one row per comparison, one column per metric, and the seconds
    /// each comparison took.
    ///
    /// - Parameter study: the study's results.
    /// - Returns: the table.
    public static func study(_ study: SensitivityStudy) -> TextTable {
        let kinds = study.options.metrics
        let rows = study.comparisons.map { comparison in
            [comparison.name] + kinds.map { comparison.result.formatted($0) ?? "" } + [String(format: "%.1f", comparison.seconds)]
        }
        return TextTable(headers: ["generated sample vs gluon A"] + kinds.map(\.heading) + ["s"], rows: rows)
    }

    static func perFeature(_ result: MetricValues, names: [String], scale: Double) -> String {
        zip(names, zip(result.values, result.errors)).map { name, pair in
            "\(name) \(formatMeasurement(pair.0 * scale, pair.1 * scale))"
        }.joined(separator: ", ")
    }
}
