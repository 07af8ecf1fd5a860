import JetNetCore

/// Per-feature mean, standard deviation and absolute maximum, accumulated over rows in order.
///
/// Normalisations derive their parameters from these. Values are accumulated in `Double`
/// (two passes per block, merged with Chan et al.'s update). Datasets feed rows in blocks of
/// ``blockRows`` jets in index order whether they hold the data in memory or read it lazily,
/// so both derive bit-identical parameters.
public struct FeatureStatistics: Sendable, Equatable {
    /// The number of features (the last axis).
    public let features: Int
    /// Values seen per feature.
    public private(set) var count: Int = 0
    /// Mean per feature.
    public private(set) var mean: [Double]
    /// Sum of squared deviations from the mean, per feature.
    private var squaredDeviations: [Double]
    /// Largest absolute value per feature.
    public private(set) var absoluteMax: [Double]

    /// Jets per block when a dataset streams its rows through ``add(_:)``.
    public static let blockRows = 1024

    /// Statistics of `rows` jets read block by block with `read(range)` (shape `[block, ..., features]`).
    /// - Throws: whatever `read` throws.
    public static func streaming(rows: Int, features: Int, read: (Range<Int>) throws -> NDArray<Float>) rethrows -> FeatureStatistics {
        var statistics = FeatureStatistics(features: features)
        var start = 0
        while start < rows {
            let end = min(start + blockRows, rows)
            statistics.add(try read(start..<end))
            start = end
        }
        return statistics
    }

    /// Makes empty statistics for `features` features.
    public init(features: Int) {
        self.features = features
        mean = Array(repeating: 0, count: features)
        squaredDeviations = Array(repeating: 0, count: features)
        absoluteMax = Array(repeating: 0, count: features)
    }

    /// Statistics of one array.
    /// - Parameter x: data of shape `[..., features]`.
    public init(of x: NDArray<Float>) {
        self.init(features: x.shape.last ?? 0)
        add(x)
    }

    /// Population standard deviation per feature (NumPy's `std`, `ddof=0`).
    public var standardDeviation: [Double] {
        squaredDeviations.map { count > 0 ? ($0 / Double(count)).squareRoot() : .nan }
    }

    /// Adds every row of `x`.
    /// - Parameter x: data of shape `[..., features]`.
    public mutating func add(_ x: NDArray<Float>) {
        precondition(x.shape.last == features, "FeatureStatistics: expected \(features) features, got shape \(x.shape)")
        guard features > 0 else { return }
        let rows = x.count / features
        guard rows > 0 else { return }
        // Two-pass statistics of this chunk, then Chan et al.'s merge into the running totals.
        var chunkMean = [Double](repeating: 0, count: features)
        var chunkM2 = [Double](repeating: 0, count: features)
        x.withUnsafeBufferPointer { buffer in
            for row in 0..<rows {
                let base = row * features
                for f in 0..<features {
                    let v = Double(buffer[base + f])
                    chunkMean[f] += v
                    absoluteMax[f] = max(absoluteMax[f], abs(v))
                }
            }
            for f in 0..<features { chunkMean[f] /= Double(rows) }
            for row in 0..<rows {
                let base = row * features
                for f in 0..<features {
                    let d = Double(buffer[base + f]) - chunkMean[f]
                    chunkM2[f] += d * d
                }
            }
        }
        let n = Double(count), m = Double(rows), total = n + m
        for f in 0..<features {
            let delta = chunkMean[f] - mean[f]
            mean[f] += delta * m / total
            squaredDeviations[f] += chunkM2[f] + delta * delta * n * m / total
        }
        count += rows
    }
}
