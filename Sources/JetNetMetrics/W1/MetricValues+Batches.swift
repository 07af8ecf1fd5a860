extension MetricValues {
    /// Summarises per-batch distances as NumPy's `mean` and `std` (ddof 0) over the batch axis do.
    ///
    /// - Parameters:
    ///   - batches: the distances, shape `[batches][features]`.
    ///   - features: the number of features.
    static func summarising(_ batches: [[Double]], features: Int) -> MetricValues {
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
        return MetricValues(values: means, errors: stds)
    }
}
