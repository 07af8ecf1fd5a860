import Foundation

/// Counts of values in bins with given edges, as `np.histogram(values, bins=edges)`: bin `i`
/// holds `edges[i] <= x < edges[i+1]`, the last bin also `x == edges.last`; values outside the
/// edges and NaN are dropped. Counts add up block by block, so samples stream.
public struct HistogramCounts: Sendable, Equatable, Codable {
    /// Bin edges, increasing, shape `[bins + 1]`.
    public let edges: [Double]
    /// Counts per bin, shape `[bins]`.
    public private(set) var counts: [Int]

    /// Empty counts over `edges` (at least two, increasing).
    public init(edges: [Double]) {
        precondition(edges.count >= 2, "a histogram needs at least two edges")
        self.edges = edges
        counts = Array(repeating: 0, count: edges.count - 1)
    }

    /// The bin of `value`, or nil when it falls outside the edges (or is NaN).
    @inline(__always)
    func bin(of value: Double) -> Int? {
        guard value >= edges[0], value <= edges[edges.count - 1] else { return nil }
        // The last index whose edge is <= value, capped at the last bin.
        var low = 0, high = edges.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if edges[middle] <= value { low = middle } else { high = middle }
        }
        return min(low, counts.count - 1)
    }

    /// Adds values to the counts.
    /// - Parameter values: any number of values, shape `[values]`.
    public mutating func add<Values: Sequence>(_ values: Values) where Values.Element == Double {
        for value in values {
            if let bin = bin(of: value) { counts[bin] += 1 }
        }
    }

    /// Adds counts made over the same edges, shape `[bins]`.
    mutating func add(counts other: [Int]) {
        precondition(other.count == counts.count, "adding counts of other bins")
        for index in counts.indices { counts[index] += other[index] }
    }

    /// The density (`density=True`): `counts / bin width / total`, shape `[bins]`; nil when
    /// no value fell inside the edges (NumPy gives NaN).
    public var density: [Double]? {
        let total = counts.reduce(0, +)
        guard total > 0 else { return nil }
        return counts.indices.map { Double(counts[$0]) / (edges[$0 + 1] - edges[$0]) / Double(total) }
    }
}

/// NumPy's `logspace(log10(low), log10(high), count)`, but ending at `high` itself.
///
/// The official bins end at the reference's maximum; `10**log10(max)` can round an ulp below it
/// (which one depends on the libm: NumPy's own log10 or glibc's), and NumPy then drops the
/// reference's largest value from its own histogram. Ending at `high` keeps it.
func logspace(from low: Double, to high: Double, count: Int) -> [Double] {
    var edges = linspace(log10(low), log10(high), count: count).map { pow(10, $0) }
    if count > 1 { edges[count - 1] = high }
    return edges
}
