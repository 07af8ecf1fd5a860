import CBLAS
import Dispatch
import Foundation
import JetNetCore

extension Metrics {
    /// The kernel physics distance (KPD) between real and generated features: the median over
    /// batches of the unbiased squared maximum mean discrepancy (MMD) with a polynomial kernel,
    /// and half the 16.275-83.725 percentile range as its error (jetnet's `kpd`,
    /// arXiv:2211.10295).
    ///
    /// The kernel is `k(x, y) = (x.y / features + 1)^4`. Batch `i` draws `batchSize` real and
    /// then `batchSize` generated rows with NumPy's `default_rng(seed + i * 1000)` (jetnet's
    /// default path, `num_threads=None`), so the batches are jetnet's. Kernel matrices are never
    /// stored: BLAS `dgemm` fills cache-sized tiles (only the upper triangle for the real-real
    /// and generated-generated terms) that are summed at once. Batches run in parallel; results
    /// do not depend on the number of threads.
    ///
    /// - Parameters:
    ///   - real: real features, shape `[samples, features]` (e.g. ``Metrics/fpdKPDJetFeatures(_:)``).
    ///   - gen: generated features, shape `[samples, features]`.
    ///   - numBatches: number of batches (jetnet's default 10).
    ///   - batchSize: rows per batch and sample (5,000); at least 2.
    ///   - normalise: divide every feature by the real sample's maximum `|x|` first (true).
    ///   - seed: base seed of the batch generators (42).
    /// - Returns: the median MMD as `value` and half the percentile range as `error`.
    /// - Throws: ``MetricError`` for arrays that are not `[samples, features]`, differ in
    ///   feature count or hold NaN/infinity, or non-positive counts (`batchSize` below 2).
    public static func kpd(
        real: NDArray<Double>, gen: NDArray<Double>, numBatches: Int = 10, batchSize: Int = 5_000,
        normalise: Bool = true, seed: UInt64 = 42
    ) throws -> MetricValue {
        try kpd(real: real, gen: gen, numBatches: numBatches, batchSize: batchSize, normalise: normalise,
                seed: seed, generator: NumPyChoice.self)
    }

    static func kpd<Generator: ChoiceDrawing>(
        real: NDArray<Double>, gen: NDArray<Double>, numBatches: Int, batchSize: Int, normalise: Bool,
        seed: UInt64, generator: Generator.Type
    ) throws -> MetricValue {
        try FeatureSampling.checkPair(real, gen)
        try FeatureSampling.positive(numBatches, "numBatches")
        guard batchSize >= 2 else {
            throw MetricError.invalidArgument(name: "batchSize", value: "\(batchSize)", allowed: "at least 2 (the unbiased MMD divides by n(n-1))")
        }
        let values = try kpdBatches(real: real, gen: gen, numBatches: numBatches, batchSize: batchSize,
                                    normalise: normalise, seed: seed, generator: generator)
        let sorted = values.sorted()
        let spread = Percentile.linear(sorted, 83.725) - Percentile.linear(sorted, 16.275)
        return MetricValue(value: Percentile.median(sorted), error: spread / 2)
    }

    /// The unbiased MMD^2 of each batch (jetnet's `_kpd_batches`).
    static func kpdBatches<Generator: ChoiceDrawing>(
        real: NDArray<Double>, gen: NDArray<Double>, numBatches: Int, batchSize: Int, normalise: Bool,
        seed: UInt64, generator: Generator.Type
    ) throws -> [Double] {
        let (x, y) = normalise ? FeatureSampling.normalised(real, gen) : (real, gen)
        let d = x.shape[1]
        let draws: [(real: [Int], gen: [Int])] = (0..<numBatches).map { i in
            var rng = Generator(seed: seed &+ UInt64(i) &* 1000)
            let first = rng.choice(x.shape[0], size: batchSize)
            return (first, rng.choice(y.shape[0], size: batchSize))
        }
        var values = [Double](repeating: 0, count: numBatches)
        values.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let results = out.baseAddress!
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    nonisolated(unsafe) let (xb, yb) = (xs, ys)
                    SingleThreadedBLAS.run {
                        DispatchQueue.concurrentPerform(iterations: numBatches) { b in
                            var first = [Double](repeating: 0, count: batchSize * d)
                            var second = first
                            first.withUnsafeMutableBufferPointer { FeatureSampling.gather(xb, d: d, draws[b].real[...], into: $0.baseAddress!) }
                            second.withUnsafeMutableBufferPointer { FeatureSampling.gather(yb, d: d, draws[b].gen[...], into: $0.baseAddress!) }
                            results[b] = PolynomialMMD.unbiased(first, second, rows: batchSize, features: d)
                        }
                    }
                }
            }
        }
        return values
    }
}

/// The unbiased MMD^2 estimate with the kernel `(x.y / features + 1)^4`, tile by tile.
enum PolynomialMMD {
    static let tileRows = 128
    static let tileColumns = 2048

    /// `sum_{i != j} k(x_i, x_j) / (m(m-1)) + sum_{i != j} k(y_i, y_j) / (n(n-1)) - 2 mean k(x_i, y_j)`
    /// for `x` and `y` of `rows x features` (row-major).
    static func unbiased(_ x: [Double], _ y: [Double], rows n: Int, features d: Int) -> Double {
        let gamma = 1 / Double(d)
        var tile = [Double](repeating: 0, count: tileRows * tileColumns)
        let xx = kernelSum(x, x, rows: n, features: d, gamma: gamma, symmetric: true, tile: &tile)
        let yy = kernelSum(y, y, rows: n, features: d, gamma: gamma, symmetric: true, tile: &tile)
        let xy = kernelSum(x, y, rows: n, features: d, gamma: gamma, symmetric: false, tile: &tile)
        let pairs = Double(n) * Double(n - 1)
        return xx / pairs + yy / pairs - 2 * (xy / (Double(n) * Double(n)))
    }

    /// `sum_{i, j} k(a_i, b_j)`, or for `symmetric` (a == b) `sum_{i != j}` from the strict upper
    /// triangle, doubled. Each tile is `U = gamma A B^T + 1` straight from `dgemm` (beta = 1 on a
    /// tile of ones), then every row segment is squared elementwise (`dsbmv` with a diagonal
    /// band) and summed as `ddot(U^2, U^2)`: all BLAS, so debug builds run at release speed.
    static func kernelSum(_ a: [Double], _ b: [Double], rows n: Int, features d: Int, gamma: Double,
                          symmetric: Bool, tile: inout [Double]) -> Double {
        var total = 0.0
        var squares = [Double](repeating: 0, count: tileColumns)
        var rowStart = 0
        while rowStart < n {
            let rows = min(tileRows, n - rowStart)
            // Upper triangle: columns from this tile's first row on.
            var columnStart = symmetric ? rowStart : 0
            while columnStart < n {
                let columns = min(tileColumns, n - columnStart)
                // The tile starts as ones (a stride-0 copy of one value).
                var one = 1.0
                cblas_dcopy(Int32(rows * columns), &one, 0, &tile, 1)
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(columns), Int32(d), gamma,
                                    pa.baseAddress! + rowStart * d, Int32(d), pb.baseAddress! + columnStart * d, Int32(d),
                                    1, &tile, Int32(columns))
                    }
                }
                tile.withUnsafeBufferPointer { t in
                    squares.withUnsafeMutableBufferPointer { sq in
                        for r in 0..<rows {
                            // In the symmetric case skip j <= i (the diagonal and below).
                            let first = symmetric ? max(0, rowStart + r + 1 - columnStart) : 0
                            guard first < columns else { continue }
                            let count = Int32(columns - first)
                            let segment = t.baseAddress! + r * columns + first
                            cblas_dsbmv(CblasRowMajor, CblasUpper, count, 0, 1, segment, 1, segment, 1, 0, sq.baseAddress!, 1)
                            total += cblas_ddot(count, sq.baseAddress!, 1, sq.baseAddress!, 1)
                        }
                    }
                }
                columnStart += columns
            }
            rowStart += rows
        }
        return symmetric ? 2 * total : total
    }
}

/// NumPy's `percentile`/`median` on sorted values.
enum Percentile {
    /// `np.percentile(values, q)` with the default 'linear' method; `sorted` must be ascending.
    static func linear(_ sorted: [Double], _ q: Double) -> Double {
        let n = sorted.count
        let virtualIndex = Double(n - 1) * (q / 100)
        let previous = max(0, min(n - 1, Int(virtualIndex.rounded(.down))))
        let next = min(n - 1, previous + 1)
        let gamma = virtualIndex - Double(previous)
        let a = sorted[previous], b = sorted[next]
        let difference = b - a
        // NumPy's _lerp: a + diff * t, or b - diff * (1 - t) for t >= 0.5.
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    /// `np.median` of ascending `sorted` values.
    static func median(_ sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}
