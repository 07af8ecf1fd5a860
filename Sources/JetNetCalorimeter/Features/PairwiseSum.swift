/// Sums `count` doubles in NumPy's pairwise order (`pairwise_sum` of `np.add.reduce`): runs of
/// up to 128 values in eight interleaved partial sums, longer runs split in halves rounded to
/// a multiple of 8.
///
/// The official features are ratios of sums in which widths cancel (`<x^2> - <x>^2` of a
/// one-voxel layer is rounding noise); summing in NumPy's order makes them agree to the bit.
/// - Parameters:
///   - values: the first value.
///   - count: how many values to add.
/// - Returns: their sum (0 for none).
@inline(__always)
func pairwiseSum(_ values: UnsafePointer<Double>, _ count: Int) -> Double {
    if count < 8 {
        var sum = 0.0
        for index in 0..<count { sum += values[index] }
        return sum
    }
    if count <= 128 {
        var r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3]
        var r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7]
        var index = 8
        let end = count - count % 8
        while index < end {
            r0 += values[index]; r1 += values[index + 1]; r2 += values[index + 2]; r3 += values[index + 3]
            r4 += values[index + 4]; r5 += values[index + 5]; r6 += values[index + 6]; r7 += values[index + 7]
            index += 8
        }
        var sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while index < count {
            sum += values[index]
            index += 1
        }
        return sum
    }
    var half = count / 2
    half -= half % 8
    return pairwiseSum(values, half) + pairwiseSum(values + half, count - half)
}

/// ``pairwiseSum(_:_:)`` of an array.
func pairwiseSum(_ values: [Double]) -> Double {
    values.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { pairwiseSum($0, buffer.count) } ?? 0 }
}
