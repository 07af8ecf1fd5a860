import CBLAS
import Dispatch
import Foundation
import JetNetCore

/// Means and covariances of many bootstrap draws of one `[samples, d]` sample, as NumPy's
/// `mean(axis=0)` and `cov(rowvar=False)` (divisor `n - 1`) of each gathered draw.
///
/// A draw repeats rows, so each distinct row is used once with its count `w`: with the sample
/// centred on its column means `shift`, rows `a = sqrt(w) (x - shift)` go to a `dsyrk`, and with
/// `delta = sum w (x - shift) / n = A^T sqrt(w) / n`, `mean = shift + delta` and
/// `cov = (A^T A - n delta delta^T) / (n - 1)`. Centring keeps `delta` at the size of the
/// sampling noise, so the subtraction costs no accuracy; the values are the gathered draw's up
/// to summation order.
///
/// Reading the sample dominated when each draw streamed the whole sample from memory, so draws
/// share the passes: the sample is walked in blocks of ``rowsPerBlock`` rows, and while a block
/// is in the cache every draw a worker owns adds its rows of that block (gathered into a small
/// buffer, then one accumulating `dsyrk` and `dgemv`). Each draw's arithmetic is the same
/// sequence whichever worker does it and whatever else it does, so results do not depend on
/// the thread count.
struct BootstrapMoments {
    /// Per draw: the mean, shape `[d]`.
    var means: [[Double]]
    /// Per draw: the covariance, shape `[d, d]` row-major.
    var covariances: [[Double]]

    /// Sample rows per block: 512 x 36 doubles (147 kB) and one draw's gathered rows stay in a
    /// core's L2 cache while every draw of a worker reads the block.
    static let rowsPerBlock = 512

    /// A sample centred on its column means, shared by all the draws of it.
    ///
    /// Up to ``largestCopy`` values the centred values are stored; a larger sample is centred
    /// row by row as draws gather it (the same arithmetic, so the same bits), so that memory
    /// stays at the input's size rather than twice it.
    struct CentredSample: Sendable {
        /// `x / divisors - shift`, shape `[rows, d]` row-major; empty when centred on the fly.
        let values: [Double]
        /// The sample, shape `[rows, d]`, when `values` is empty.
        let source: NDArray<Double>?
        /// The per-feature divisors, shape `[d]` (ones without normalisation).
        let divisors: [Double]
        /// The column means of `x / divisors`, shape `[d]`.
        let shift: [Double]
        /// Each feature's smallest and largest value in the sample as given, shape `[d]` each.
        let smallest: [Double], largest: [Double]
        let d: Int
        let rows: Int

        /// The most values a centred copy is made of (8 MB): beyond it, a copy would add more
        /// memory than it saves time (a division per gathered value), so memory stays at the
        /// input's size rather than twice it.
        static let largestCopy = 1 << 20

        /// - Parameters:
        ///   - sample: shape `[rows, d]`.
        ///   - divisors: if given, shape `[d]`: the sample divided by them feature by feature is
        ///     centred (the values of ``FeatureSampling/normalised(_:_:)`` without storing them).
        ///   - largestCopy: above this many values, centre on the fly (``largestCopy``).
        init(_ sample: NDArray<Double>, dividedBy divisors: [Double]? = nil, largestCopy: Int = Self.largestCopy) {
            let (n, d) = (sample.shape[0], sample.shape[1])
            let scale = divisors ?? [Double](repeating: 1, count: d)
            // x / 1 is x, so one loop serves both cases with the same rounding as a stored copy.
            var sums = [Double](repeating: 0, count: d)
            var (smallest, largest) = ([Double](repeating: .infinity, count: d), [Double](repeating: -.infinity, count: d))
            sample.withUnsafeBufferPointer { x in
                scale.withUnsafeBufferPointer { s in
                    sums.withUnsafeMutableBufferPointer { total in
                        smallest.withUnsafeMutableBufferPointer { low in
                            largest.withUnsafeMutableBufferPointer { high in
                                for i in 0..<n {
                                    for k in 0..<d {
                                        let value = x[i * d + k]
                                        total[k] += value / s[k]
                                        low[k] = value < low[k] ? value : low[k]
                                        high[k] = value > high[k] ? value : high[k]
                                    }
                                }
                            }
                        }
                    }
                }
            }
            let shift = sums.map { $0 / Double(n) }
            if n * d > largestCopy {
                (values, source) = ([], sample)
            } else {
                values = sample.withUnsafeBufferPointer { x in
                    shift.withUnsafeBufferPointer { m in
                        scale.withUnsafeBufferPointer { s in
                            [Double](unsafeUninitializedCapacity: n * d) { buffer, initialized in
                                for i in 0..<n { for k in 0..<d { buffer[i * d + k] = x[i * d + k] / s[k] - m[k] } }
                                initialized = n * d
                            }
                        }
                    }
                }
                source = nil
            }
            (self.divisors, self.shift, self.d, rows) = (scale, shift, d, n)
            (self.smallest, self.largest) = (smallest, largest)
        }

        /// Both samples of a pair, centred in parallel (after dividing by `divisors`, if given).
        /// With `copy` false, no centred copies are made (rows are centred as they are used).
        static func pair(
            _ x: NDArray<Double>, _ y: NDArray<Double>, dividedBy divisors: [Double]? = nil, copy: Bool = true
        ) -> (CentredSample, CentredSample) {
            let both = ParallelTasks.map(2, threads: nil) {
                CentredSample($0 == 0 ? x : y, dividedBy: divisors, largestCopy: copy ? largestCopy : 0)
            }
            return (both[0], both[1])
        }

        /// Calls `body` with the rows (centred, or raw with the divisors and shift that centre them).
        func withRows<Result>(_ body: (UnsafePointer<Double>, Centring?) -> Result) -> Result {
            guard let source else { return values.withUnsafeBufferPointer { body($0.baseAddress!, nil) } }
            return source.withUnsafeBufferPointer { x in
                divisors.withUnsafeBufferPointer { s in
                    shift.withUnsafeBufferPointer { m in body(x.baseAddress!, Centring(divisors: s.baseAddress!, shift: m.baseAddress!)) }
                }
            }
        }
    }

    /// Per-feature divisors and shift, shape `[d]` each, for rows centred as they are gathered.
    struct Centring {
        let divisors: UnsafePointer<Double>
        let shift: UnsafePointer<Double>
    }

    /// - Parameters:
    ///   - sample: the centred sample.
    ///   - draws: each draw's row indices (with repeats), shape `[draws][n_b]`, every `n_b >= 2`.
    ///   - threads: worker threads (nil: all processors); results do not depend on it.
    init(sample: CentredSample, draws: [[Int]], threads: Int? = nil) {
        let count = draws.count
        var means = [[Double]](repeating: [], count: count)
        var covariances = [[Double]](repeating: [], count: count)
        means.withUnsafeMutableBufferPointer { meanSlots in
            covariances.withUnsafeMutableBufferPointer { covarianceSlots in
                nonisolated(unsafe) let (meanOut, covarianceOut) = (meanSlots, covarianceSlots)
                Self.inParallel(count, threads: threads) { mine in
                    for (draw, moments) in zip(mine, Self.moments(of: sample, draws: mine.map { draws[$0] })) {
                        (meanOut[draw], covarianceOut[draw]) = moments
                    }
                }
            }
        }
        self.means = means
        self.covariances = covariances
    }

    /// Splits draws `0..<count` over at most `threads` workers (nil: all processors), each
    /// handed its share at once (`body` runs inside a single-threaded BLAS scope).
    static func inParallel(_ count: Int, threads: Int?, _ body: @Sendable ([Int]) -> Void) {
        let workers = min(count, max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        SingleThreadedBLAS.run {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                body(Array(stride(from: worker, to: count, by: workers)))
            }
        }
    }

    /// The moments of `draws` of `sample`, on the calling thread, in one pass over the sample.
    ///
    /// - Returns: per draw, the mean (shape `[d]`) and covariance (shape `[d, d]`).
    static func moments(of sample: CentredSample, draws: [[Int]]) -> [(mean: [Double], covariance: [Double])] {
        var counts = [Int32](repeating: 0, count: sample.rows)  // scratch, zero between draws
        var states = draws.map { DrawState(rows: $0, counts: &counts, d: sample.d) }
        var buffer = [Double](repeating: 0, count: rowsPerBlock * sample.d)
        sample.withRows { values, centring in
            buffer.withUnsafeMutableBufferPointer { gathered in
                for blockEnd in stride(from: rowsPerBlock, to: sample.rows + rowsPerBlock, by: rowsPerBlock) {
                    for s in states.indices {
                        states[s].add(rowsBelow: blockEnd, of: values, d: sample.d, centring: centring, using: gathered.baseAddress!)
                    }
                }
            }
        }
        return states.map { $0.finish(shift: sample.shift) }
    }

    /// One draw: its distinct rows in ascending order with `sqrt(count)`, and running sums.
    private struct DrawState {
        let n: Int
        let d: Int
        /// The distinct drawn rows, ascending.
        var distinct: [Int32]
        /// `sqrt(w)` of each distinct row.
        var roots: [Double]
        /// Distinct rows added so far.
        var next = 0
        /// Upper triangle of `A^T A / (n - 1)` so far, `[d, d]`.
        var covariance: [Double]
        /// `sum w (x - shift)` so far, `[d]`.
        var weightedSum: [Double]

        /// - Parameters:
        ///   - rows: the draw's row indices, shape `[n]`.
        ///   - counts: all zeros, shape `[sample rows]`; left all zeros.
        ///   - d: the number of features.
        init(rows: [Int], counts: inout [Int32], d: Int) {
            (n, self.d) = (rows.count, d)
            var (distinct, roots) = ([Int32](), [Double]())
            counts.withUnsafeMutableBufferPointer { counts in
                var kept = 0
                for row in rows {
                    kept += counts[row] == 0 ? 1 : 0
                    counts[row] += 1
                }
                distinct = [Int32](unsafeUninitializedCapacity: kept + 1) { buffer, initialized in
                    // Compacted without branches: every row is written (at most one past the
                    // kept ones, into the spare slot), only drawn ones are kept.
                    var next = 0
                    for i in 0..<counts.count {
                        buffer[next] = Int32(i)
                        next += counts[i] != 0 ? 1 : 0
                    }
                    initialized = kept
                }
                roots = distinct.map { Double(counts[Int($0)]).squareRoot() }
                for row in distinct { counts[Int(row)] = 0 }
            }
            self.distinct = distinct
            self.roots = roots
            covariance = [Double](repeating: 0, count: d * d)
            weightedSum = [Double](repeating: 0, count: d)
        }

        /// Adds the drawn rows below `end` not yet added, gathered into `gathered` (and centred
        /// on the way with `centring`, if given).
        mutating func add(rowsBelow end: Int, of sample: UnsafePointer<Double>, d: Int, centring: Centring?,
                          using gathered: UnsafeMutablePointer<Double>) {
            let first = next
            distinct.withUnsafeBufferPointer { rows in
                roots.withUnsafeBufferPointer { roots in
                    while next < rows.count && Int(rows[next]) < end {
                        let (row, out, root) = (sample + Int(rows[next]) * d, gathered + (next - first) * d, roots[next])
                        if let centring {
                            for k in 0..<d { out[k] = root * (row[k] / centring.divisors[k] - centring.shift[k]) }
                        } else {
                            for k in 0..<d { out[k] = root * row[k] }  // a loop, not a memcpy call, also for root 1
                        }
                        next += 1
                    }
                }
            }
            let filled = next - first
            guard filled > 0 else { return }
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(filled), 1 / Double(n - 1),
                        gathered, Int32(d), 1, &covariance, Int32(d))
            roots.withUnsafeBufferPointer { roots in
                cblas_dgemv(CblasRowMajor, CblasTrans, Int32(filled), Int32(d), 1, gathered, Int32(d),
                            roots.baseAddress! + first, 1, 1, &weightedSum, 1)
            }
        }

        /// The mean and the full covariance.
        func finish(shift: [Double]) -> ([Double], [Double]) {
            var covariance = covariance
            // cov -= n delta delta^T / (n - 1), delta = sum / n.
            let delta = weightedSum.map { $0 / Double(n) }
            cblas_dsyr(CblasRowMajor, CblasUpper, Int32(d), -Double(n) / Double(n - 1), delta, 1, &covariance, Int32(d))
            for i in 0..<d { for j in 0..<i { covariance[i * d + j] = covariance[j * d + i] } }
            return ((0..<d).map { shift[$0] + delta[$0] }, covariance)
        }
    }
}
