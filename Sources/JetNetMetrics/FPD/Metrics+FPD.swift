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
    /// the symmetric `L^T sigma2 L` with `sigma1 = L L^T` (``FrechetTraceMethod/symmetricEigen``)
    /// rather than SciPy's Schur-based `sqrtm` of `sigma1 sigma2`: the same trace in exact
    /// arithmetic, several times cheaper; on nearly singular EFP covariances the two treat
    /// noise-level eigenvalues differently, which moves the fit's error at the level float64
    /// rounding of the inputs does (about 1e-7 relative at jetnet's defaults).
    /// Batches are computed in parallel; results do not depend on the number of threads. When
    /// many batches take a fair share of a sample, their moments are one product of the batches'
    /// row counts with each row's centred products; on CPUs with AVX512-VNNI that product is
    /// exact in integers, with each column of products in 30-bit fixed point below its bound:
    /// a batch's means and covariances then differ from the exact ones by at most three times
    /// `2^-30` of the features' largest centred magnitudes (of their products, for covariances),
    /// which moves FPD about as much as float64 rounding does.
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
    /// - Throws: ``MetricError`` for arrays that are not `[samples, features]` or differ in
    ///   feature count, non-positive counts, or batch sizes smaller than the feature count (the
    ///   covariance would be singular); `InputError` for fewer than 2 jets or NaN/infinity
    ///   (the ``InputPolicy`` for per-jet features).
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
        let (realRows, genRows) = (real.shape[0], gen.shape[0])
        let groups = fpdSizeGroups(sizes, batches: numBatches, rows: [realRows, genRows])
        // Draws in jetnet's order (real, then generated, batch after batch, size after size),
        // each group's on a background thread while the previous group (or, for the first, the
        // normalisation) is evaluated: counted draws on all cores (``ParallelDrawCounts``), else
        // one after another.
        @Sendable func draws(_ group: [Int], reusing storage: RecycledStorage<UInt8>? = nil) -> (real: DrawnRows, gen: DrawnRows) {
            let drawSizes = group.flatMap { Array(repeating: $0, count: numBatches) }
            if [realRows, genRows].allSatisfy({ CountedMoments.prefersCounts(sizes: drawSizes, rows: $0) }) {
                let counts = ParallelDrawCounts.make(&rng.generator, rows: [realRows, genRows], sizes: drawSizes, threads: threads,
                                                     reusing: storage)
                return (.counts(counts[0]), .counts(counts[1]))
            }
            let rows = DrawnRowsPair(DrawnRows(rows: realRows, sizes: drawSizes), DrawnRows(rows: genRows, sizes: drawSizes))
            // Drawing and counting overlap: a serial queue counts each pair of draws while the
            // generator makes the next, into a few reused buffers (so memory stays small).
            let counting = DispatchQueue(label: "fpd.counting")
            let buffers = DrawBuffers(slots: DrawBuffers.slots, largest: drawSizes.max() ?? 0)
            let room = DispatchSemaphore(value: DrawBuffers.slots)
            for (index, size) in drawSizes.enumerated() {
                room.wait()
                let slot = index % DrawBuffers.slots
                buffers.fill(slot, size) { real, gen in
                    rng.generator.choice(realRows, into: real)
                    rng.generator.choice(genRows, into: gen)
                }
                counting.async {
                    buffers.read(slot, size) { real, gen in
                        rows.real.append(real)
                        rows.gen.append(gen)
                    }
                    room.signal()
                }
            }
            return counting.sync { (rows.real, rows.gen) }
        }
        var pending = PendingDraws { draws(groups[0]) }
        // Normalised and centred in one copy of each sample, unless every draw is counted (the
        // count products centre rows as they go) or the sample is large.
        let counted = groups.allSatisfy { group in
            let drawSizes = group.flatMap { Array(repeating: $0, count: numBatches) }
            return [realRows, genRows].allSatisfy { CountedMoments.prefersCounts(sizes: drawSizes, rows: $0) }
        }
        let (centredX, centredY) = BootstrapMoments.CentredSample.pair(
            real, gen, dividedBy: normalise ? FeatureSampling.normalisationDivisors(real) : nil, copy: !counted)
        var means = [Double]()
        // The next group's integer sums reuse this group's storage (as its counts do).
        var recycledTotals: RecycledStorage<Int64>?
        for (index, group) in groups.enumerated() {
            var current: (real: DrawnRows, gen: DrawnRows)? = pending.take()
            let next = index + 1 < groups.count ? groups[index + 1] : nil
            // Counted draws: the next group's counts are made once this group's are released, so
            // that one group's counts are held at a time; row indices: while this group is evaluated.
            let countedNext = next.map { _ in counted } ?? false
            if let next, !countedNext { pending = PendingDraws { draws(next) } }
            let moments = DrawnRows.moments([(centredX, current!.real), (centredY, current!.gen)], threads: threads,
                                            reusing: recycledTotals)
            // The next group's counts reuse this group's storage: allocating them anew after
            // freeing these would grow the heap rather than reuse it once glibc's mmap threshold
            // has risen to their size.
            let recycled = RecycledStorage([current!.real, current!.gen].compactMap { rows -> [UInt8]? in
                if case .counts(let counts) = rows { return counts.counts }
                return nil
            })
            current = nil
            if let next, countedNext { pending = PendingDraws { draws(next, reusing: recycled) } }
            let values = frechetDistances(moments[0], moments[1], d: centredX.d, threads: threads)
            recycledTotals = RecycledStorage(moments.compactMap(\.integerTotals))
            for size in group.indices {
                means.append(values[(size * numBatches)..<((size + 1) * numBatches)].reduce(0, +) / Double(numBatches))
            }
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

    /// Consecutive batch sizes evaluated together: up to ``drawsPerGroup`` draws per sample (half
    /// as many with byte counts) when every sample's draws are counted (``CountedMoments``: one
    /// product for many draws), else one size at a time (row indices are the larger representation).
    ///
    /// - Parameters:
    ///   - sizes: the batch sizes, shape `[points]`.
    ///   - batches: draws per batch size.
    ///   - rows: each sample's rows.
    /// - Returns: the sizes, grouped in order.
    static func fpdSizeGroups(_ sizes: [Int], batches: Int, rows: [Int]) -> [[Int]] {
        // Byte counts (draws far larger than a sample) take twice the room of half bytes: half as
        // many draws at a time keep a group's counts as small against the samples.
        let bytes = rows.contains { DrawCounts.bits(rows: $0, largest: sizes.max()) == 8 }
        let perGroup = max(1, (bytes ? drawsPerGroup / 2 : drawsPerGroup) / batches)
        return stride(from: 0, to: sizes.count, by: perGroup).flatMap { start -> [[Int]] in
            let group = Array(sizes[start..<min(start + perGroup, sizes.count)])
            let draws = group.flatMap { Array(repeating: $0, count: batches) }
            return rows.allSatisfy({ CountedMoments.prefersCounts(sizes: draws, rows: $0) }) ? [group] : group.map { [$0] }
        }
    }

    /// The most draws per sample evaluated together: enough for the count product to run at the
    /// large-matrix rate, few enough that two groups' counts stay small.
    static let drawsPerGroup = 200

    /// The Fréchet distance of each pair of batches (see ``frechetDistances(_:_:real:gen:threads:)``).
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

    /// ``frechetDistances(_:_:draws:threads:)`` of centred samples.
    static func frechetDistances(
        _ x: BootstrapMoments.CentredSample, _ y: BootstrapMoments.CentredSample, draws: [BatchDraw], threads: Int?
    ) -> [Double] {
        var (real, gen) = (DrawnRows(rows: x.rows, sizes: draws.map(\.real.count)), DrawnRows(rows: y.rows, sizes: draws.map(\.gen.count)))
        for draw in draws {
            real.append(draw.real)
            gen.append(draw.gen)
        }
        return frechetDistances(x, y, real: real, gen: gen, threads: threads)
    }

    /// The Fréchet distance of each pair of batches: the moments of all of them
    /// (``DrawnRows/moments(_:threads:)``), then their distances in parallel. Each value depends
    /// only on its batch, never on the thread that computed it.
    ///
    /// - Parameters:
    ///   - x: the real sample, centred.
    ///   - y: the generated sample, centred.
    ///   - real: the rows each batch takes from `x`, in batch order.
    ///   - gen: the rows each batch takes from `y`, in batch order (as many batches).
    ///   - threads: worker threads (nil: all processors).
    /// - Returns: one squared Fréchet distance per batch, shape `[batches]`.
    static func frechetDistances(
        _ x: BootstrapMoments.CentredSample, _ y: BootstrapMoments.CentredSample, real: DrawnRows, gen: DrawnRows, threads: Int?
    ) -> [Double] {
        let moments = DrawnRows.moments([(x, real), (y, gen)], threads: threads)
        return frechetDistances(moments[0], moments[1], d: x.d, threads: threads)
    }

    /// The Fréchet distance of each pair of batches' moments (real, generated), in parallel.
    ///
    /// - Parameters:
    ///   - first: the real batches' moments.
    ///   - second: the generated batches' moments (as many).
    ///   - d: features.
    ///   - threads: worker threads (nil: all processors).
    /// - Returns: one squared Fréchet distance per batch, shape `[batches]`.
    static func frechetDistances(_ first: DrawMoments, _ second: DrawMoments, d: Int, threads: Int?) -> [Double] {
        precondition(first.count == second.count, "FPD: as many real as generated batches")
        // One single-threaded BLAS scope for all the distances, not one per distance.
        return SingleThreadedBLAS.run {
            ParallelTasks.map(first.count, threads: threads) { b in
                let (one, other) = (first[b], second[b])
                return FrechetMath.distance(mu1: one.mean, sigma1: one.covariance, mu2: other.mean,
                                            sigma2: other.covariance, dimension: d, method: .symmetricEigen)
            }
        }
    }
}

/// One group's rows of both samples while its draws are counted, only ever touched on the
/// counting queue (and read after it drained).
private final class DrawnRowsPair: @unchecked Sendable {
    var real: DrawnRows
    var gen: DrawnRows
    init(_ real: DrawnRows, _ gen: DrawnRows) { (self.real, self.gen) = (real, gen) }
}

/// Reused room for the row indices of a few pairs of draws (real, generated) between the
/// generator and the counting queue: a slot is filled only after its last reader signalled.
private final class DrawBuffers: @unchecked Sendable {
    /// Pairs of draws that can wait to be counted.
    static let slots = 2

    /// Allocated once and never moved: the two threads reach different slots through it.
    private let storage: UnsafeMutablePointer<Int32>
    private let largest: Int

    /// - Parameters:
    ///   - slots: pairs of draws held at once.
    ///   - largest: the largest draw.
    init(slots: Int, largest: Int) {
        storage = .allocate(capacity: max(1, 2 * slots * largest))
        self.largest = largest
    }

    deinit { storage.deallocate() }

    /// Calls `body` with slot `slot`'s first `size` real and generated indices to write.
    func fill(_ slot: Int, _ size: Int, _ body: (UnsafeMutableBufferPointer<Int32>, UnsafeMutableBufferPointer<Int32>) -> Void) {
        let real = storage + 2 * slot * largest
        body(UnsafeMutableBufferPointer(start: real, count: size), UnsafeMutableBufferPointer(start: real + largest, count: size))
    }

    /// Calls `body` with slot `slot`'s first `size` real and generated indices.
    func read(_ slot: Int, _ size: Int, _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>) -> Void) {
        fill(slot, size) { real, gen in body(UnsafeBufferPointer(real), UnsafeBufferPointer(gen)) }
    }
}

/// The sampling generator, handed from one thread to the next: `fpd` makes each group's draws on
/// a background thread and waits for it before the next use, so accesses never overlap.
private final class GeneratorBox: @unchecked Sendable {
    var generator: NumPyGenerator
    init(_ generator: NumPyGenerator) { self.generator = generator }
}

/// One group's draws, made on a background thread; `take` returns them once made. The draws
/// share one generator, so a group is started only after the previous one was waited for.
private final class PendingDraws: @unchecked Sendable {
    private var value: (real: DrawnRows, gen: DrawnRows)?
    private let done = DispatchGroup()

    init(_ make: @escaping @Sendable () -> (real: DrawnRows, gen: DrawnRows)) {
        DispatchQueue.global().async(group: done) { self.value = make() }
    }

    /// Waits for the draws and hands them over (this object keeps no reference to them).
    func take() -> (real: DrawnRows, gen: DrawnRows) {
        done.wait()
        defer { value = nil }
        return value!
    }
}
