/// One metric value with its uncertainty per feature (W1P per particle feature, W1EFP per EFP):
/// the means over bootstrap batches and their population standard deviations (NumPy's `std`).
public struct MetricValues: Sendable, Equatable, Codable {
    /// The values, shape `[features]`.
    public var values: [Double]
    /// Their uncertainties, shape `[features]`.
    public var errors: [Double]

    /// Makes per-feature values from values and uncertainties of the same length.
    public init(values: [Double], errors: [Double]) {
        precondition(values.count == errors.count, "one uncertainty per value")
        self.values = values
        self.errors = errors
    }

    /// The number of features.
    public var count: Int { values.count }

    /// Feature `feature`'s value with its uncertainty.
    public subscript(feature: Int) -> MetricValue {
        MetricValue(value: values[feature], error: errors[feature])
    }

    /// The mean of the values with the root-mean-square of the uncertainties, as the JetNet
    /// papers report W1P and W1EFP in one number.
    public var averaged: MetricValue {
        let n = Double(max(values.count, 1))
        return MetricValue(
            value: values.reduce(0, +) / n, error: (errors.reduce(0) { $0 + $1 * $1 } / n).squareRoot())
    }
}
