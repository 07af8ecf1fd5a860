import CBLAS
import Dispatch
import Foundation
import JetNetCore

extension Metrics {
    /// The Fréchet physics distance (FPD) between real and generated features, extrapolated to
    /// infinite sample size (jetnet's `fpd`, arXiv:2211.10295).
    ///
    /// For `numPoints` batch sizes evenly spaced in `1/N` between `minSamples` and `maxSamples`
    /// (`int32(1 / linspace(1/min, 1/max, points))`), the Fréchet distance between Gaussians
    /// fitted to `numBatches` bootstrap batches of each sample is averaged; a straight line in
    /// `1/N` with non-negative intercept and slope is fitted (SciPy's bounded `curve_fit`,
    /// reproduced step by step) and its intercept is FPD. Batches are drawn with NumPy's
    /// `default_rng(seed)` in jetnet's order (real, then generated, batch after batch), so with
    /// the same seed the batches are jetnet's. The trace of the matrix square root is taken from
    /// the eigenvalues of `sigma1 sigma2` (``FrechetTraceMethod/productEigenvalues``, SciPy's
    /// `sqrtm` trace): the fit's error is sensitive to the per-batch distances at the 1e-8 level
    /// where methods differ on nearly singular EFP covariances, and this one reproduces jetnet's.
    /// Batches are computed in parallel; results do not depend on the number of threads.
    ///
    /// - Parameters:
    ///   - real: real features, shape `[samples, features]` (e.g. ``Metrics/fpdKPDJetFeatures(_:)``).
    ///   - gen: generated features, shape `[samples, features]`.
    ///   - minSamples: smallest batch size (jetnet's default 20,000).
    ///   - maxSamples: largest batch size (50,000).
    ///   - numBatches: batches averaged per batch size (20).
    ///   - numPoints: batch sizes between `minSamples` and `maxSamples` (10).
    ///   - normalise: divide every feature by the real sample's maximum `|x|` first (true).
    ///   - seed: seed of the sampling generator (42).
    /// - Returns: FPD as `value` and the fit's standard error of the intercept as `error`
    ///   (infinite with fewer than 3 points, as SciPy).
    /// - Throws: ``MetricError`` for arrays that are not `[samples, features]`, differ in
    ///   feature count or hold NaN/infinity, non-positive counts, or batch sizes smaller than the
    ///   feature count (the covariance would be singular).
    public static func fpd(
        real: NDArray<Double>, gen: NDArray<Double>, minSamples: Int = 20_000, maxSamples: Int = 50_000,
        numBatches: Int = 20, numPoints: Int = 10, normalise: Bool = true, seed: UInt64 = 42
    ) throws -> MetricValue {
        try fpd(real: real, gen: gen, minSamples: minSamples, maxSamples: maxSamples, numBatches: numBatches,
                numPoints: numPoints, normalise: normalise, seed: seed, generator: NumPyGenerator.self)
    }

    static func fpd<Generator: ChoiceDrawing>(
        real: NDArray<Double>, gen: NDArray<Double>, minSamples: Int, maxSamples: Int,
        numBatches: Int, numPoints: Int, normalise: Bool, seed: UInt64, generator: Generator.Type
    ) throws -> MetricValue {
        try FeatureSampling.checkPair(real, gen)
        try FeatureSampling.positive(minSamples, "minSamples")
        try FeatureSampling.positive(maxSamples, "maxSamples")
        try FeatureSampling.positive(numBatches, "numBatches")
        try FeatureSampling.positive(numPoints, "numPoints")
        let d = real.shape[1]
        let sizes = fpdBatchSizes(minSamples: minSamples, maxSamples: maxSamples, points: numPoints)
        if let smallest = sizes.min(), smallest < max(2, d) {
            throw MetricError.tooFewSamples(array: "an FPD batch (minSamples/maxSamples)", rows: smallest, needed: max(2, d))
        }
        if real.shape[0] < 50_000 || gen.shape[0] < 50_000 {
            jetnetLogger.warning("Recommended number of samples for FPD estimation is 50,000")
        }
        let (x, y) = normalise ? FeatureSampling.normalised(real, gen) : (real, gen)
        var rng = Generator(seed: seed)
        var means = [Double]()
        for size in sizes {
            // Draw in jetnet's order first, then evaluate the batches in parallel.
            var draws = [(real: [Int], gen: [Int])]()
            for _ in 0..<numBatches {
                let first = rng.choice(x.shape[0], size: size)
                draws.append((first, rng.choice(y.shape[0], size: size)))
            }
            let values = frechetDistances(x, y, draws: draws, dimension: d)
            means.append(values.reduce(0, +) / Double(values.count))
        }
        let fit = BoundedLinearFit(x: sizes.map { 1 / Double($0) }, y: means)
        return MetricValue(value: fit.intercept, error: fit.interceptError)
    }

    /// jetnet's batch sizes: `(1 / np.linspace(1 / min, 1 / max, points)).astype("int32")`.
    static func fpdBatchSizes(minSamples: Int, maxSamples: Int, points: Int) -> [Int] {
        let start = 1 / Double(minSamples), stop = 1 / Double(maxSamples)
        var grid: [Double]
        if points == 1 {
            grid = [start]
        } else {
            let step = (stop - start) / Double(points - 1)
            grid = (0..<points).map { Double($0) * step + start }
            grid[points - 1] = stop
        }
        return grid.map { Int(Int32(truncatingIfNeeded: Int64((1 / $0).rounded(.towardZero)))) }
    }

    /// The Fréchet distance of each pair of batches, computed in parallel (one BLAS thread per
    /// worker); each value depends only on its batch, never on the thread that computed it.
    static func frechetDistances(_ x: NDArray<Double>, _ y: NDArray<Double>, draws: [(real: [Int], gen: [Int])], dimension d: Int) -> [Double] {
        let (shiftX, shiftY) = (columnMeans(x), columnMeans(y))
        return PairedBatches.map(x, y, count: draws.count) { xb, yb, b in
            let (mu1, sigma1) = moments(xb, d: d, rows: draws[b].real, shift: shiftX)
            let (mu2, sigma2) = moments(yb, d: d, rows: draws[b].gen, shift: shiftY)
            return FrechetMath.distance(mu1: mu1, sigma1: sigma1, mu2: mu2, sigma2: sigma2, dimension: d, method: .productEigenvalues)
        }
    }

    /// The mean of each column of a `[samples, d]` array.
    static func columnMeans(_ a: NDArray<Double>) -> [Double] {
        let (n, d) = (a.shape[0], a.shape[1])
        var sums = [Double](repeating: 0, count: d)
        a.withUnsafeBufferPointer { x in
            for i in 0..<n { for k in 0..<d { sums[k] += x[i * d + k] } }
        }
        return sums.map { $0 / Double(n) }
    }

    /// Mean and covariance (NumPy's `np.cov(rowvar=False)`, divisor `n - 1`) of the rows `rows`
    /// (with repeats) of a `[samples, d]` buffer whose column means are `shift`.
    ///
    /// A bootstrap sample repeats rows, so each distinct row is used once with its count `w`,
    /// visited in row order in a single pass: rows `a = sqrt(w) (x - shift)` go to a `dsyrk`, and
    /// with `delta = sum w (x - shift) / n`, `mean = shift + delta` and
    /// `cov = (A^T A - n delta delta^T) / (n - 1)`. Shifting by the full sample's mean keeps `delta`
    /// at the size of the sampling noise, so the subtraction costs no accuracy; the values are
    /// the gathered sample's up to summation order.
    static func moments(_ source: UnsafeBufferPointer<Double>, d: Int, rows: [Int], shift: [Double]) -> (mean: [Double], covariance: [Double]) {
        let n = rows.count
        let available = source.count / d
        var counts = [Int32](repeating: 0, count: available)
        for row in rows { counts[row] += 1 }
        var distinct = 0
        for count in counts where count != 0 { distinct += 1 }
        var roots = [Double](repeating: 0, count: distinct)
        let scaled = [Double](unsafeUninitializedCapacity: distinct * d) { buffer, initialized in
            counts.withUnsafeBufferPointer { w in
                shift.withUnsafeBufferPointer { mu in
                    roots.withUnsafeMutableBufferPointer { r in
                        var out = buffer.baseAddress!
                        var j = 0
                        let (x, m) = (source.baseAddress!, mu.baseAddress!)
                        for i in 0..<available where w[i] != 0 {
                            let root = Double(w[i]).squareRoot()
                            r[j] = root
                            j += 1
                            let row = x + i * d
                            for k in 0..<d { out[k] = root * (row[k] - m[k]) }
                            out += d
                        }
                    }
                }
            }
            initialized = distinct * d
        }
        // delta = sum w (x - shift) / n = A^T sqrt(w) / n.
        var delta = [Double](repeating: 0, count: d)
        cblas_dgemv(CblasRowMajor, CblasTrans, Int32(distinct), Int32(d), 1 / Double(n), scaled, Int32(d), roots, 1, 0, &delta, 1)
        var covariance = [Double](repeating: 0, count: d * d)
        // Upper triangle of (A^T A - n delta delta^T) / (n - 1), then mirrored.
        let scale = 1 / Double(n - 1)
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(distinct), scale, scaled, Int32(d), 0, &covariance, Int32(d))
        cblas_dsyr(CblasRowMajor, CblasUpper, Int32(d), -Double(n) * scale, delta, 1, &covariance, Int32(d))
        for i in 0..<d { for j in 0..<i { covariance[i * d + j] = covariance[j * d + i] } }
        return ((0..<d).map { shift[$0] + delta[$0] }, covariance)
    }
}
