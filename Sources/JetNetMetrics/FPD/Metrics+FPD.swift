import CBLAS
import Dispatch
import Foundation
import JetNetCore

extension Metrics {
    /// The Fréchet physics distance (FPD) between real and generated features, extrapolated to
    /// infinite sample size (jetnet's `fpd`, arXiv:2211.10295).
    ///
    /// For `points` batch sizes evenly spaced in `1/N` between `minSamples` and `maxSamples`
    /// (`int32(1 / linspace(1/min, 1/max, points))`), the Fréchet distance between Gaussians
    /// fitted to `batches` bootstrap batches of each sample is averaged; a straight line in
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
    ///   - minSamples: smallest batch size (jetnet's `min_samples`, ``Defaults/fpdMinSamples``).
    ///   - maxSamples: largest batch size (`max_samples`, ``Defaults/fpdMaxSamples``).
    ///   - batches: batches averaged per batch size (`num_batches`, ``Defaults/fpdBatches``).
    ///   - points: batch sizes between `minSamples` and `maxSamples` (`num_points`, ``Defaults/fpdPoints``).
    ///   - normalise: divide every feature by the real sample's maximum `|x|` first (true).
    ///   - seed: seed of the sampling generator (``Defaults/seed``).
    /// - Returns: FPD as `value` and the fit's standard error of the intercept as `error`
    ///   (infinite with fewer than 3 points, as SciPy).
    /// - Throws: ``MetricError`` for arrays that are not `[samples, features]`, differ in
    ///   feature count or hold NaN/infinity, non-positive counts, or batch sizes smaller than the
    ///   feature count (the covariance would be singular).
    public static func fpd(
        real: NDArray<Double>, gen: NDArray<Double>, minSamples: Int = Defaults.fpdMinSamples,
        maxSamples: Int = Defaults.fpdMaxSamples, batches: Int = Defaults.fpdBatches, points: Int = Defaults.fpdPoints,
        normalise: Bool = true, seed: UInt64 = Defaults.seed
    ) throws -> MetricValue {
        try fpd(real: real, gen: gen, minSamples: minSamples, maxSamples: maxSamples, batches: batches,
                points: points, normalise: normalise, seed: seed, threads: nil)
    }

    /// ``fpd(real:gen:minSamples:maxSamples:batches:points:normalise:seed:)`` on at most
    /// `threads` threads (nil: all processors); the result does not depend on it.
    static func fpd(
        real: NDArray<Double>, gen: NDArray<Double>, minSamples: Int, maxSamples: Int,
        batches numBatches: Int, points numPoints: Int, normalise: Bool, seed: UInt64, threads: Int?
    ) throws -> MetricValue {
        try FeatureSampling.checkPair(real, gen)
        try FeatureSampling.positive(minSamples, "minSamples")
        try FeatureSampling.positive(maxSamples, "maxSamples")
        try FeatureSampling.positive(numBatches, "batches")
        try FeatureSampling.positive(numPoints, "points")
        try MemoryBudget.require(MetricMemory.fpd(maxSamples: max(minSamples, maxSamples), batches: numBatches, points: numPoints),
                                 for: "FPD with maxSamples \(maxSamples), batches \(numBatches) and points \(numPoints)")
        let d = real.shape[1]
        let sizes = fpdBatchSizes(minSamples: minSamples, maxSamples: maxSamples, points: numPoints)
        if let smallest = sizes.min(), smallest < max(2, d) {
            throw MetricError.tooFewSamples(array: "an FPD batch (minSamples/maxSamples)", rows: smallest, needed: max(2, d))
        }
        if real.shape[0] < 50_000 || gen.shape[0] < 50_000 {
            jetnetLogger.warning("Recommended number of samples for FPD estimation is 50,000")
        }
        let rng = GeneratorBox(NumPyGenerator(seed: seed))
        // Normalised and centred in one copy of each sample (none for large samples).
        let (centredX, centredY) = BootstrapMoments.CentredSample.pair(
            real, gen, dividedBy: normalise ? FeatureSampling.normalisationDivisors(real) : nil)
        let (realRows, genRows) = (real.shape[0], gen.shape[0])
        // Draws in jetnet's order (real, then generated, batch after batch, size after size).
        @Sendable func draws(_ size: Int) -> [BatchDraw] {
            BatchDraw.choices(&rng.generator, realRows: realRows, genRows: genRows, samples: size, batches: numBatches)
        }
        var means = [Double]()
        var next = draws(sizes[0])
        for (index, _) in sizes.enumerated() {
            // The next size's draws are made (in order, on one thread) while this size's batches
            // are evaluated in parallel.
            let current = next
            let upcoming = PendingDraws()
            let group = DispatchGroup()
            if index + 1 < sizes.count {
                DispatchQueue.global().async(group: group) { upcoming.value = draws(sizes[index + 1]) }
            }
            let values = frechetDistances(centredX, centredY, draws: current, threads: threads)
            means.append(values.reduce(0, +) / Double(values.count))
            group.wait()
            next = upcoming.value
        }
        try ResultOverflow.check(means, metric: "FPD", inputs: [("real features", real), ("generated features", gen)])
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

    /// The Fréchet distance of each pair of batches (see ``frechetDistances(_:_:draws:threads:)``).
    ///
    /// - Parameters:
    ///   - x: the real sample, shape `[samples, d]`.
    ///   - y: the generated sample, shape `[samples', d]`.
    ///   - draws: each batch's row indices into `x` and `y`, shape `[batches]`.
    ///   - threads: worker threads (nil: all processors); the result does not depend on it.
    /// - Returns: one squared Fréchet distance per batch, shape `[batches]`.
    static func frechetDistances(_ x: NDArray<Double>, _ y: NDArray<Double>, draws: [BatchDraw], threads: Int?) -> [Double] {
        let (centredX, centredY) = BootstrapMoments.CentredSample.pair(x, y)
        return frechetDistances(centredX, centredY, draws: draws, threads: threads)
    }

    /// The Fréchet distance of each pair of batches. Each worker takes a share of the batches:
    /// their moments share passes over each sample (``BootstrapMoments``), then their distances.
    /// Each value depends only on its batch, never on the thread that computed it.
    static func frechetDistances(
        _ x: BootstrapMoments.CentredSample, _ y: BootstrapMoments.CentredSample, draws: [BatchDraw], threads: Int?
    ) -> [Double] {
        var values = [Double](repeating: 0, count: draws.count)
        values.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let results = slots
            BootstrapMoments.inParallel(draws.count, threads: threads) { mine in
                let first = BootstrapMoments.moments(of: x, draws: mine.map { draws[$0].real })
                let second = BootstrapMoments.moments(of: y, draws: mine.map { draws[$0].gen })
                for (k, b) in mine.enumerated() {
                    results[b] = FrechetMath.distance(mu1: first[k].mean, sigma1: first[k].covariance, mu2: second[k].mean,
                                                      sigma2: second[k].covariance, dimension: x.d, method: .productEigenvalues)
                }
            }
        }
        return values
    }
}

/// The sampling generator, handed from one thread to the next: `fpd` makes each size's draws on
/// a background thread and waits for it before the next use, so accesses never overlap.
private final class GeneratorBox: @unchecked Sendable {
    var generator: NumPyGenerator
    init(_ generator: NumPyGenerator) { self.generator = generator }
}

/// One size's draws, written by the background thread before `fpd` reads them (after waiting).
private final class PendingDraws: @unchecked Sendable {
    var value: [BatchDraw] = []
}
