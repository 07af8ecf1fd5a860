/// W1 distances averaged over bootstrap batches, one per feature, with their spread.
///
/// jetnet returns `(means, stds)` or, with `return_std=False`, the means alone; here ``stds`` is
/// `nil` in the second case. For the scalar metrics (``Metrics/w1m(real:gen:samples:batches:seed:returnStd:)``)
/// ``mean`` and ``std`` read the single feature.
public struct W1Result: Sendable, Equatable, Codable {
    /// The mean W1 distance over batches, per feature, shape `[features]`.
    public var means: [Double]
    /// The population standard deviation (NumPy's `std`, ddof 0) over batches, per feature,
    /// shape `[features]`; `nil` when the standard deviations were not asked for.
    public var stds: [Double]?

    /// Makes a result from its means and optional standard deviations.
    public init(means: [Double], stds: [Double]?) {
        self.means = means
        self.stds = stds
    }

    /// The first feature's mean (the value of a scalar metric such as W1M).
    public var mean: Double { means[0] }

    /// The first feature's standard deviation, if computed.
    public var std: Double? { stds?[0] }

    /// One ``MetricValue`` (mean, std) per feature; `nil` without standard deviations.
    public var values: [MetricValue]? {
        stds.map { stds in zip(means, stds).map { MetricValue(value: $0, error: $1) } }
    }

    /// Summarises per-batch distances as NumPy's `mean` and `std` over the batch axis do.
    ///
    /// - Parameters:
    ///   - batches: the distances, shape `[batches][features]`.
    ///   - features: the number of features.
    ///   - returnStd: whether to keep the standard deviations.
    static func summarising(_ batches: [[Double]], features: Int, returnStd: Bool) -> W1Result {
        let count = Double(batches.count)
        var means = [Double](repeating: 0, count: features)
        var stds = [Double](repeating: 0, count: features)
        for feature in 0..<features {
            var sum = 0.0
            for batch in batches { sum += batch[feature] }
            let mean = sum / count
            var squares = 0.0
            for batch in batches {
                let deviation = batch[feature] - mean
                squares += deviation * deviation
            }
            means[feature] = mean
            stds[feature] = (squares / count).squareRoot()
        }
        return W1Result(means: means, stds: returnStd ? stds : nil)
    }
}
