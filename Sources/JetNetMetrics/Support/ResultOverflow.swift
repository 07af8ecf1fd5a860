import JetNetCore

/// The check that finite inputs never give NaN (or, where infinity has no meaning, infinite)
/// "results": when the arithmetic overflowed, the metric throws ``MetricError/overflow(metric:array:largest:)``
/// naming the input with the largest magnitude, instead of returning the damaged value.
enum ResultOverflow {
    /// Throws when `values` hold NaN, or infinity unless `allowInfinity`.
    ///
    /// - Parameters:
    ///   - values: the metric's values and uncertainties (or its per-batch values).
    ///   - metric: the metric's name for the message (`"FPD"`).
    ///   - inputs: the arrays the metric read, by the names messages use, any shape.
    ///   - allowInfinity: infinity is a meaningful result (W1 of a batch with no particles).
    static func check<T: NDArrayElement & BinaryFloatingPoint>(
        _ values: [Double], metric: String, inputs: [(name: String, array: NDArray<T>)], allowInfinity: Bool = false
    ) throws {
        guard values.contains(where: { $0.isNaN || (!allowInfinity && $0.isInfinite) }) else { return }
        var worst = (name: inputs.first?.name ?? "the input", largest: 0.0)
        for (name, array) in inputs {
            let largest = array.withUnsafeBufferPointer { $0.reduce(0.0) { max($0, abs(Double($1))) } }
            if largest > worst.largest { worst = (name, largest) }
        }
        throw MetricError.overflow(metric: metric, array: worst.name, largest: worst.largest)
    }
}
