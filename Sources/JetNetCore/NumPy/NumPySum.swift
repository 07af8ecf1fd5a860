/// Sums in the order NumPy's `np.sum`/`np.mean` add a contiguous float64 array, so means match
/// NumPy to the last bit.
public enum NumPySum {
    /// NumPy's `pairwise_sum`: fewer than 8 values in sequence; up to 128 with eight interleaved
    /// accumulators; more by splitting at a multiple of 8 near the middle.
    ///
    /// Ratios of sums that cancel (a one-voxel layer's `<x^2> - <x>^2`, EMD means) agree with
    /// NumPy to the bit only when summed in its order.
    /// - Parameter values: the values, shape `[n]`.
    /// - Returns: their sum (0 for none).
    public static func pairwise(_ values: UnsafeBufferPointer<Double>) -> Double {
        let n = values.count
        if n < 8 {
            var sum = 0.0
            for value in values { sum += value }
            return sum
        }
        if n <= 128 {
            var r = (values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7])
            var i = 8
            while i < n - n % 8 {
                r.0 += values[i]; r.1 += values[i + 1]; r.2 += values[i + 2]; r.3 += values[i + 3]
                r.4 += values[i + 4]; r.5 += values[i + 5]; r.6 += values[i + 6]; r.7 += values[i + 7]
                i += 8
            }
            var sum = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
            while i < n {
                sum += values[i]
                i += 1
            }
            return sum
        }
        var half = n / 2
        half -= half % 8
        return pairwise(UnsafeBufferPointer(rebasing: values[0..<half]))
            + pairwise(UnsafeBufferPointer(rebasing: values[half...]))
    }

    /// `np.sum` of a 1-D float64 array.
    /// - Parameter values: the values, shape `[n]`.
    public static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwise($0) }
    }

    /// `np.mean` of a 1-D float64 array.
    /// - Parameter values: the values, shape `[n]`.
    public static func mean(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwise($0) } / Double(values.count)
    }
}
