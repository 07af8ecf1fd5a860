/// The 1-Wasserstein (earth mover's) distance between two one-dimensional empirical
/// distributions, as `scipy.stats.wasserstein_distance(u, v, u_weights, v_weights)`.
///
/// The distance is the integral of `|U(x) - V(x)|` over `x`, where `U` and `V` are the
/// (weighted) empirical CDFs. Both samples are sorted once (a linear radix sort) and merged, so
/// the cost is O((n + m) log(n + m)) at worst.
///
/// ```swift
/// let d = try wasserstein1D([0, 1, 3], [5, 6, 8])                        // 5.0
/// let w = try wasserstein1D([0, 10], [0, 10], uWeights: [1, 0], vWeights: [0, 1])  // 10.0
/// ```
/// - Parameters:
///   - u: the first sample's values, shape `[n]`.
///   - v: the second sample's values, shape `[m]`.
///   - uWeights: optional non-negative weights of `u`, shape `[n]`; `nil` weighs values equally.
///   - vWeights: optional non-negative weights of `v`, shape `[m]`.
/// - Returns: the distance, in the units of the values.
/// - Throws: ``MetricError/tooFewSamples(array:rows:needed:)`` when a sample is empty,
///   ``MetricError/nonFinite(array:index:)`` for NaN or infinite values or weights,
///   ``MetricError/shapeMismatch(first:firstShape:second:secondShape:)`` when weights and
///   values differ in length, and ``MetricError/invalidArgument(name:value:allowed:)`` for a
///   negative weight or weights that sum to zero.
public func wasserstein1D(
    _ u: [Double], _ v: [Double], uWeights: [Double]? = nil, vWeights: [Double]? = nil
) throws -> Double {
    try Wasserstein1D.validate(u, name: "u", weights: uWeights, weightsName: "uWeights")
    try Wasserstein1D.validate(v, name: "v", weights: vWeights, weightsName: "vWeights")
    return Wasserstein1D.distance(u, v, uWeights: uWeights, vWeights: vWeights)
}

/// The merged-walk implementation behind ``wasserstein1D(_:_:uWeights:vWeights:)``.
enum Wasserstein1D {
    private static let vBit: UInt32 = 1 << 31

    static func validate(_ values: [Double], name: String, weights: [Double]?, weightsName: String) throws {
        guard !values.isEmpty else { throw MetricError.tooFewSamples(array: name, rows: 0, needed: 1) }
        guard values.count < Int(vBit) else {
            throw MetricError.invalidArgument(name: "\(name).count", value: "\(values.count)", allowed: "below 2^31")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) { throw MetricError.nonFinite(array: name, index: bad) }
        guard let weights else { return }
        guard weights.count == values.count else {
            throw MetricError.shapeMismatch(first: name, firstShape: [values.count], second: weightsName, secondShape: [weights.count])
        }
        if let bad = weights.firstIndex(where: { !$0.isFinite }) { throw MetricError.nonFinite(array: weightsName, index: bad) }
        if let bad = weights.firstIndex(where: { $0 < 0 }) {
            throw MetricError.invalidArgument(name: "\(weightsName)[\(bad)]", value: "\(weights[bad])", allowed: "non-negative")
        }
        let total = weights.reduce(0, +)
        guard total > 0 && total.isFinite else {
            throw MetricError.invalidArgument(name: "sum of \(weightsName)", value: "\(total)", allowed: "positive and finite")
        }
    }

    /// The distance for validated, non-empty inputs.
    static func distance(_ u: [Double], _ v: [Double], uWeights: [Double]?, vWeights: [Double]?) -> Double {
        let tags = (0..<u.count).map { UInt32($0) } + (0..<v.count).map { UInt32($0) | vBit }
        let (values, sortedTags) = OrderedRadixSort.sort(values: u + v, tags: tags)
        func weight(_ tag: UInt32) -> Double {
            let index = Int(tag & ~vBit)
            if tag & vBit != 0 { return vWeights?[index] ?? 1 }
            return uWeights?[index] ?? 1
        }
        // scipy divides cumulative weights by their total, summed in sorted order.
        var uTotal = 0.0
        var vTotal = 0.0
        for tag in sortedTags {
            if tag & vBit != 0 { vTotal += weight(tag) } else { uTotal += weight(tag) }
        }
        if uWeights == nil { uTotal = Double(u.count) }
        if vWeights == nil { vTotal = Double(v.count) }
        var sum = CompensatedSum()
        var uBelow = 0.0
        var vBelow = 0.0
        for i in 0..<values.count {
            if i > 0 && values[i] > values[i - 1] {
                sum.add(abs(uBelow / uTotal - vBelow / vTotal) * (values[i] - values[i - 1]))
            }
            let tag = sortedTags[i]
            if tag & vBit != 0 { vBelow += weight(tag) } else { uBelow += weight(tag) }
        }
        return sum.value
    }
}
