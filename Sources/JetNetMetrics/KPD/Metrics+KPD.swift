import CBLAS
import CMetricKernels
import Foundation
import JetNetCore

extension Metrics {
    /// The kernel physics distance (KPD) between real and generated features: the median over
    /// batches of the unbiased squared maximum mean discrepancy (MMD) with a polynomial kernel,
    /// and half the 16.275-83.725 percentile range as its error (jetnet's `kpd`,
    /// arXiv:2211.10295).
    ///
    /// The kernel is `k(x, y) = (x.y / features + 1)^4`. Batch `i` draws `samples` real and
    /// then `samples` generated rows with NumPy's `default_rng(seed + i * 1000)` (jetnet's
    /// default path, `num_threads=None`), so the batches are jetnet's. Kernel matrices are never
    /// stored. With `m` distinct rows drawn and `d` features, the kernel sums come from whichever
    /// takes fewer multiply-adds: the contraction of each sample's symmetric fourth moments of
    /// `(x, 1)` (`2m C(d + 4, 4)`: 870 M for jetnet's 36 EFPs and 5000 draws), or BLAS `dgemm`
    /// tiles of `x.y` summed at once (`2(d + 1) m^2`, 1.7 G there; small batches). The two agree
    /// to rounding (1e-12 relative in the tests). Batches run in parallel; results do not depend
    /// on the number of threads.
    ///
    /// - Parameters:
    ///   - real: real features, shape `[samples, features]` (e.g. ``Metrics/fpdKPDJetFeatures(_:)``).
    ///   - gen: generated features, shape `[samples, features]`.
    ///   - samples: rows drawn per batch from each sample (jetnet's `batch_size`,
    ///     ``Defaults/kpdSamples``); at least 2.
    ///   - batches: number of batches (`num_batches`, ``Defaults/kpdBatches``).
    ///   - normalise: divide every feature by the real sample's maximum `|x|` first (true).
    ///   - seed: base seed of the batch generators (``Defaults/seed``).
    /// - Returns: the median MMD as `value` and half the percentile range as `error`.
    /// - Throws: ``MetricError`` for arrays that are not `[samples, features]` or differ in
    ///   feature count, or non-positive counts (`samples` below 2); `InputError` for fewer than
    ///   2 jets or NaN/infinity (the ``InputPolicy`` for per-jet features).
    public static func kpd(
        real: NDArray<Double>, gen: NDArray<Double>, samples: Int = Defaults.kpdSamples, batches: Int = Defaults.kpdBatches,
        normalise: Bool = true, seed: UInt64 = Defaults.seed
    ) throws -> MetricValue {
        try kpd(real: real, gen: gen, samples: samples, batches: batches, normalise: normalise, seed: seed, threads: nil)
    }

    /// ``kpd(real:gen:samples:batches:normalise:seed:)`` on at most `threads` threads (nil: all
    /// processors); the result does not depend on it.
    static func kpd(
        real: NDArray<Double>, gen: NDArray<Double>, samples: Int, batches: Int, normalise: Bool,
        seed: UInt64, threads: Int?
    ) throws -> MetricValue {
        try FeatureSampling.checkPair(real, gen)
        try FeatureSampling.positive(batches, "batches")
        guard samples >= 2 else {
            throw MetricError.invalidArgument(name: "samples", value: "\(samples)", allowed: "at least 2 (the unbiased MMD divides by n(n-1))")
        }
        try MemoryBudget.require(MetricMemory.kpd(batchSize: samples, batches: batches, features: real.shape[1]),
                                 for: "KPD with batchSize \(samples) and numBatches \(batches)")
        let values = try kpdBatches(real: real, gen: gen, samples: samples, batches: batches,
                                    normalise: normalise, seed: seed, threads: threads)
        try ResultOverflow.check(values, metric: "KPD", inputs: [("real features", real), ("generated features", gen)])
        let sorted = values.sorted()
        let spread = Percentile.linear(sorted, 83.725) - Percentile.linear(sorted, 16.275)
        return MetricValue(value: Percentile.median(sorted), error: spread / 2)
    }

    /// The unbiased MMD^2 of each batch (jetnet's `_kpd_batches`): batch `i` draws from its own
    /// `default_rng(seed + i * 1000)`, inside the worker that computes it. `method` nil: the
    /// cheaper one per batch.
    static func kpdBatches(
        real: NDArray<Double>, gen: NDArray<Double>, samples: Int, batches: Int, normalise: Bool,
        seed: UInt64, threads: Int?, method: PolynomialMMD.Method? = nil
    ) throws -> [Double] {
        let (realRows, genRows) = (real.shape[0], gen.shape[0])
        return kpdBatches(real: real, gen: gen, count: batches, normalise: normalise, threads: threads, method: method) { i in
            var rng = NumPyGenerator(seed: seed &+ UInt64(i) &* 1000)
            return BatchDraw.choices(&rng, realRows: realRows, genRows: genRows, samples: samples, batches: 1)[0]
        }
    }

    /// The unbiased MMD^2 of each given batch.
    /// - Parameters:
    ///   - real: real features, shape `[samples, features]`.
    ///   - gen: generated features, shape `[samples', features]`.
    ///   - draws: each batch's rows of `real` and `gen`, shape `[batches]`.
    ///   - normalise: divide every feature by the real sample's maximum `|x|` first.
    ///   - threads: worker threads (nil: all processors); the values do not depend on it.
    ///   - method: how the kernel sums are taken (nil: the cheaper way for each batch).
    /// - Returns: one value per batch, shape `[batches]`.
    static func kpdBatches(
        real: NDArray<Double>, gen: NDArray<Double>, draws: [BatchDraw], normalise: Bool, threads: Int?,
        method: PolynomialMMD.Method? = nil
    ) -> [Double] {
        kpdBatches(real: real, gen: gen, count: draws.count, normalise: normalise, threads: threads, method: method) { draws[$0] }
    }

    /// The unbiased MMD^2 of batches `0..<count`, batch `b` drawn by `draw(b)` in its worker (so
    /// that only the batches in flight hold their rows).
    private static func kpdBatches(
        real: NDArray<Double>, gen: NDArray<Double>, count: Int, normalise: Bool, threads: Int?,
        method: PolynomialMMD.Method?, draw: @escaping @Sendable (Int) -> BatchDraw
    ) -> [Double] {
        let d = real.shape[1]
        // Only the drawn rows are normalised, as they are gathered (no normalised copy).
        let divisors = normalise ? FeatureSampling.normalisationDivisors(real) : [Double](repeating: 1, count: d)
        return PairedBatches.map(real, gen, count: count, threads: threads) { xb, yb, b in
            let rows = draw(b)
            return PolynomialMMD.unbiased(WeightedRows(xb, d: d, rows: rows.real, dividedBy: divisors),
                                          WeightedRows(yb, d: d, rows: rows.gen, dividedBy: divisors), features: d,
                                          method: method)
        }
    }
}

/// The distinct rows of a bootstrap sample (with replacement) and how often each was drawn,
/// read from the sample where they are used (no copy of the drawn rows).
///
/// It points into the sample's storage, so it lives only inside the closure that lends it.
struct WeightedRows {
    /// The sample, `[rows, d]` row-major.
    let source: UnsafeBufferPointer<Double>
    /// Features per row.
    let d: Int
    /// The distinct drawn rows of `source`, ascending.
    var rows: [Int]
    /// How often each distinct row was drawn.
    var weights: [Double]
    /// Each feature's divisor (jetnet's normalisation), shape `[d]`.
    let divisors: [Double]
    /// The sample size (the sum of the weights).
    var size: Int

    /// - Parameters:
    ///   - source: the sample, `[rows, d]` row-major.
    ///   - rows: the drawn row indices (with repeats).
    ///   - divisors: shape `[d]`; each kept row is divided by them (jetnet's normalisation).
    init(_ source: UnsafeBufferPointer<Double>, d: Int, rows: [Int], dividedBy divisors: [Double]) {
        let available = source.count / d
        var counts = [Int32](repeating: 0, count: available)
        for row in rows { counts[row] += 1 }
        var distinct = [Int](), weights = [Double]()
        for i in 0..<available where counts[i] != 0 {
            distinct.append(i)
            weights.append(Double(counts[i]))
        }
        (self.source, self.d, self.rows, self.weights, self.divisors, size) = (source, d, distinct, weights, divisors, rows.count)
    }

    var count: Int { weights.count }

    /// Feature `k` of distinct row `row`, divided by its divisor.
    @inline(__always)
    func value(_ row: Int, _ k: Int) -> Double { source[rows[row] * d + k] / divisors[k] }

    /// Distinct rows `rows` times `scale` with a 1 appended, shape `[rows.count, d + 1]` row-major.
    func augmented(_ rows: Range<Int>, scale: Double) -> [Double] {
        [Double](unsafeUninitializedCapacity: rows.count * (d + 1)) { out, initialized in
            for (i, row) in rows.enumerated() {
                for k in 0..<d { out[i * (d + 1) + k] = scale * value(row, k) }
                out[i * (d + 1) + d] = 1
            }
            initialized = rows.count * (d + 1)
        }
    }
}

/// The unbiased MMD^2 estimate with the kernel `(x.y / features + 1)^4`, from fourth moments or
/// tile by tile, whichever takes fewer multiply-adds.
///
/// A sample with repeated rows is summed over its distinct rows with weights:
/// `sum_{i != j} k(x_i, x_j) = sum_{u, v} w_u w_v k(u, v) - sum_u w_u k(u, u)`, the same sums
/// jetnet takes over the full `n x n` matrices, in another order.
enum PolynomialMMD {
    static let tileRows = 128
    static let tileColumns = 512

    /// How the kernel sums are taken.
    enum Method: CaseIterable {
        /// Contracting the samples' symmetric fourth moments: `(m + n) C(d + 4, 4)` multiply-adds.
        case moments
        /// Kernel tiles from `dgemm`: `(d + 1)(m^2 + n^2) / 2 + (d + 1) m n` multiply-adds.
        case tiles

        /// Moments per sample at most (32 MB each; up to 97 features): beyond, tiles whatever
        /// the count of multiply-adds, so that a worker's memory stays near its batch's.
        static let maxMoments = 1 << 22

        /// The cheaper method for `m` and `n` distinct rows of `d` features.
        static func cheaper(_ m: Int, _ n: Int, features d: Int) -> Method {
            let (m, n, d) = (Double(m), Double(n), Double(d))
            // In floating point: C(d + 4, 4) overflows Int for d beyond about 55,000.
            let count = (d + 4) * (d + 3) * (d + 2) * (d + 1) / 24
            let tiles = (d + 1) * ((m * m + n * n) / 2 + m * n)
            return count <= Double(maxMoments) && (m + n) * count < tiles ? .moments : .tiles
        }
    }

    static func unbiased(_ x: WeightedRows, _ y: WeightedRows, features d: Int, method: Method? = nil) -> Double {
        let (m, n) = (Double(x.size), Double(y.size))
        let (xx, yy, xy): (Double, Double, Double)
        switch method ?? Method.cheaper(x.count, y.count, features: d) {
        case .moments: (xx, yy, xy) = FourthMoments.kernelSums(x, y, features: d)
        case .tiles: (xx, yy, xy) = tileSums(x, y, features: d)
        }
        return xx / (m * (m - 1)) + yy / (n * (n - 1)) - 2 * (xy / (m * n))
    }

    /// The sums of `k` over the pairs `i != j` of each sample and over all pairs across, from tiles.
    static func tileSums(_ x: WeightedRows, _ y: WeightedRows, features d: Int) -> (xx: Double, yy: Double, xy: Double) {
        let gamma = 1 / Double(d)
        var tile = [Double](repeating: 0, count: tileRows * tileColumns)
        // Rows scaled by gamma (left, a tile's rows at a time) or not (right), each with a 1
        // appended: their products are `gamma x.y + 1`, so the pass over a tile only raises to
        // the fourth power and weighs.
        let (plainX, plainY) = (x.augmented(0..<x.count, scale: 1), y.augmented(0..<y.count, scale: 1))
        let xx = kernelSum(x, gamma, x, plainX, width: d + 1, symmetric: true, tile: &tile)
        let yy = kernelSum(y, gamma, y, plainY, width: d + 1, symmetric: true, tile: &tile)
        let xy = kernelSum(x, gamma, y, plainY, width: d + 1, symmetric: false, tile: &tile)
        return (xx, yy, xy)
    }

    /// `sum_{u, v} w_u w_v k(a_u, b_v)`; for `symmetric` (a == b) the sum over distinct sample
    /// positions `i != j`: twice the strict upper triangle plus `w_u (w_u - 1) k(u, u)`.
    /// Tiles of `A B^T` (`gamma a.b + 1`, from rows augmented by ``WeightedRows/augmented(_:scale:)``)
    /// come from `dgemm`; the power and weights are applied in one pass. The left rows are
    /// scaled a tile's rows at a time, so only the right sample is held augmented.
    ///
    /// - Parameters:
    ///   - a: the left sample.
    ///   - gamma: the scale of the left rows.
    ///   - b: the right sample (the same as `a` for `symmetric`).
    ///   - right: its rows with a 1 appended, shape `[b.count, width]`.
    static func kernelSum(_ a: WeightedRows, _ gamma: Double, _ b: WeightedRows, _ right: [Double], width d: Int,
                          symmetric: Bool, tile: inout [Double]) -> Double {
        let (rowsA, rowsB) = (a.count, b.count)
        var offDiagonal = 0.0, diagonal = 0.0
        var rowStart = 0
        while rowStart < rowsA {
            let rows = min(tileRows, rowsA - rowStart)
            let left = a.augmented(rowStart..<(rowStart + rows), scale: gamma)
            var columnStart = symmetric ? rowStart : 0
            while columnStart < rowsB {
                let columns = min(tileColumns, rowsB - columnStart)
                left.withUnsafeBufferPointer { pa in
                    right.withUnsafeBufferPointer { pb in
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(columns), Int32(d), 1,
                                    pa.baseAddress!, Int32(d), pb.baseAddress! + columnStart * d, Int32(d),
                                    0, &tile, Int32(columns))
                    }
                }
                tile.withUnsafeBufferPointer { t in
                    a.weights.withUnsafeBufferPointer { wa in
                        b.weights.withUnsafeBufferPointer { wb in
                            let weightsB = wb.baseAddress! + columnStart
                            for r in 0..<rows {
                                let row = t.baseAddress! + r * columns
                                // Symmetric: the diagonal separately, then j > i only.
                                var first = 0
                                if symmetric {
                                    let own = rowStart + r - columnStart
                                    if own >= 0 && own < columns {
                                        let k = row[own], k2 = k * k
                                        diagonal += wa[rowStart + r] * (wa[rowStart + r] - 1) * (k2 * k2)
                                    }
                                    first = max(0, own + 1)
                                }
                                // Eight partial sums in C: one AVX-512, AVX2 or SSE2 version
                                // chosen at load time, all adding in the same order.
                                offDiagonal += wa[rowStart + r] * jetnet_kpd_weighted_fourth_power_sum(row, weightsB, first, columns)
                            }
                        }
                    }
                }
                columnStart += columns
            }
            rowStart += rows
        }
        return symmetric ? 2 * offDiagonal + diagonal : offDiagonal
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
