import CBLAS
import CMetricKernels
import Foundation
import JetNetCore

/// Means and covariances of many bootstrap draws of one sample from their row counts, as
/// ``BootstrapMoments`` computes them, but with one matrix product for all the draws.
///
/// Every draw's moments are count-weighted sums over the same rows: with the sample centred on
/// its column means `shift` (rows `x`), `S[b] = C[b] . P` where `C` is the `[draws, rows]` count
/// matrix (``DrawCounts``) and each row of `P` holds the upper triangle of `x x^T` followed by
/// `x` itself (`d (d + 1) / 2 + d` values). Then, with `n` the draw's size and
/// `delta = (sum of w x) / n`, `mean = shift + delta` and `cov = (sum of w x x^T - n delta delta^T) / (n - 1)`.
/// The product costs `2 draws rows (d (d + 3) / 2)` FLOPs: every row, drawn or not, at the rate
/// of a large `dgemm`. That beats gathering each draw's distinct rows (``BootstrapMoments``)
/// when many draws take a fair share of the sample (``prefersCounts(sizes:rows:)``).
///
/// Each sample's rows are reduced in ``segments(rows:)`` fixed row ranges, each by one worker chunk
/// by chunk (`P` built for ``rowsPerChunk`` rows at a time, so memory stays small), and the
/// segments' sums are added in order: the values do not depend on the thread count. Only the
/// summed products are kept (`[draws, d (d + 3) / 2]` per sample); a draw's mean and covariance
/// are made from its row when asked for (``Sums``).
enum CountedMoments {
    /// Rows of `P` built at a time: 128 x 702 doubles (0.7 MB) and their packed copy stay in a
    /// core's L2 cache (256 or 192 rows are no faster, 64 no faster either).
    static let rowsPerChunk = 128

    /// Fixed row ranges per sample, from the samples' row counts only: a lone sample is split
    /// in two (one range per core); of several, the smallest is one range and the others about
    /// as many as they are times larger, so that two equal samples keep no partial sums and
    /// unequal ones still share the cores evenly.
    ///
    /// - Parameter rows: each sample's rows, shape `[samples]`.
    /// - Returns: each sample's ranges, shape `[samples]`.
    static func segments(rows: [Int]) -> [Int] {
        guard rows.count >= 2, let smallest = rows.min() else { return rows.map { _ in 2 } }
        return rows.map { max(1, Int((Double($0) / Double(max(1, smallest))).rounded())) }
    }

    /// Whether draws of these sizes from `rows` rows are cheaper as one count-matrix product
    /// than gathered row by row.
    ///
    /// Per row of the sample, gathering costs in proportion to the draws that take the row; the
    /// product costs about a sixth of that for every draw, taken or not, plus building and
    /// packing the row's products once (about seven taken rows' worth). So counts win when the
    /// draws take on average more than `0.16 + 7 / draws` of the rows.
    ///
    /// - Parameters:
    ///   - sizes: the draws' sizes, shape `[draws]`.
    ///   - rows: rows of the sample.
    static func prefersCounts(sizes: [Int], rows: Int) -> Bool {
        guard !sizes.isEmpty else { return false }
        // A draw of n from N rows takes N (1 - exp(-n / N)) distinct rows on average.
        let taken = sizes.reduce(0.0) { $0 - expm1(-Double($1) / Double(rows)) }
        return taken >= 0.16 * Double(sizes.count) + 7
    }

    /// One sample's summed count products, from which each draw's moments are made on demand.
    struct Sums: RandomAccessCollection, Sendable {
        /// Per draw, `sum w x x^T` (upper triangle, row by row) then `sum w x`: shape
        /// `[draws, d (d + 1) / 2 + d]` row-major.
        let values: [Double]
        let sample: BootstrapMoments.CentredSample
        /// Per draw, its size, shape `[draws]`.
        let sizes: [Int]
        /// The gathered moments of the draws whose counts spilled (``DrawCounts/spilled``), by draw.
        let spilled: [Int: (mean: [Double], covariance: [Double])]

        var startIndex: Int { 0 }
        var endIndex: Int { sizes.count }

        /// The draw's mean (shape `[d]`) and covariance (shape `[d, d]`).
        subscript(draw: Int) -> (mean: [Double], covariance: [Double]) {
            spilled[draw] ?? CountedMoments.finish(values, draw: draw, size: sizes[draw], sample: sample)
        }
    }

    /// The summed count products of each job, the jobs' segments shared among the workers.
    ///
    /// - Parameters:
    ///   - jobs: samples (centred, `[rows, d]`) with their draws' counts (`[draws, rows]`).
    ///   - threads: worker threads (nil: all processors); results do not depend on it.
    /// - Returns: per job, the sums that give each draw's mean (shape `[d]`) and covariance
    ///   (shape `[d, d]`).
    static func moments(_ jobs: [(sample: BootstrapMoments.CentredSample, counts: DrawCounts)], threads: Int?) -> [Sums] {
        let segments = segments(rows: jobs.map(\.sample.rows))
        let units = jobs.indices.flatMap { job in (0..<segments[job]).map { (job, $0) } }
        var sums = SingleThreadedBLAS.run {
            ParallelTasks.map(units.count, threads: threads) { unit in
                let (job, segment) = units[unit]
                let (rows, parts) = (jobs[job].sample.rows, segments[job])
                return weightedSums(jobs[job].sample, jobs[job].counts,
                                    rows: (segment * rows / parts)..<((segment + 1) * rows / parts))
            }
        }
        return jobs.indices.map { job in
            let first = segments[..<job].reduce(0, +)
            var total = [Double]()
            swap(&total, &sums[first])
            for unit in (first + 1)..<(first + segments[job]) {
                sums[unit].withUnsafeBufferPointer { part in
                    total.withUnsafeMutableBufferPointer { total in
                        for i in total.indices { total[i] += part[i] }
                    }
                }
                sums[unit] = []
            }
            let (sample, counts) = jobs[job]
            let spilledDraws = counts.spilled.keys.sorted()
            let spilled = spilledDraws.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: zip(spilledDraws, SingleThreadedBLAS.run {
                BootstrapMoments.moments(of: sample, draws: spilledDraws.map { counts.spilled[$0]! })
            }))
            return Sums(values: total, sample: sample, sizes: counts.sizes, spilled: spilled)
        }
    }

    /// `C[:, rows] . P[rows]`, shape `[draws, d (d + 1) / 2 + d]` row-major, chunk by chunk.
    ///
    /// `P` is built transposed, `[d (d + 1) / 2 + d, chunk]`: each of its rows is the product of
    /// two feature columns (or one column), long loops that vectorise.
    private static func weightedSums(_ sample: BootstrapMoments.CentredSample, _ counts: DrawCounts, rows: Range<Int>) -> [Double] {
        let (d, draws) = (sample.d, counts.draws)
        let pairs = d * (d + 1) / 2
        let width = pairs + d
        var sums = [Double](repeating: 0, count: draws * width)
        guard draws > 0, !rows.isEmpty else { return sums }
        let chunk = min(rowsPerChunk, rows.count)
        var products = [Double](repeating: 0, count: width * chunk)
        var weights = [Double](repeating: 0, count: draws * chunk)
        sample.withRows { values, centring in
            counts.counts.withUnsafeBufferPointer { c in
                products.withUnsafeMutableBufferPointer { p in
                    weights.withUnsafeMutableBufferPointer { w in
                        for start in stride(from: rows.lowerBound, to: rows.upperBound, by: chunk) {
                            let k = min(chunk, rows.upperBound - start)
                            // The centred columns go last (the sums of w x), the products before them.
                            let columns = p.baseAddress! + pairs * k
                            for i in 0..<k {
                                let row = values + (start + i) * d
                                if let centring {
                                    for a in 0..<d { columns[a * k + i] = row[a] / centring.divisors[a] - centring.shift[a] }
                                } else {
                                    for a in 0..<d { columns[a * k + i] = row[a] }
                                }
                            }
                            jetnet_fpd_pair_products(columns, d, k, p.baseAddress!)
                            counts.doubles(rows: start, count: k, from: c.baseAddress!, into: w.baseAddress!)
                            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(draws), Int32(width), Int32(k), 1,
                                        w.baseAddress!, Int32(k), p.baseAddress!, Int32(k), 1, &sums, Int32(width))
                        }
                    }
                }
            }
        }
        return sums
    }

    /// One draw's mean and covariance from its row of the summed products.
    private static func finish(
        _ sums: [Double], draw: Int, size n: Int, sample: BootstrapMoments.CentredSample
    ) -> (mean: [Double], covariance: [Double]) {
        let d = sample.d
        let width = d * (d + 1) / 2 + d
        let row = draw * width
        let delta = (0..<d).map { sums[row + width - d + $0] / Double(n) }
        var covariance = [Double](repeating: 0, count: d * d)
        var index = row
        for a in 0..<d {
            for b in a..<d {
                let value = (sums[index] - Double(n) * delta[a] * delta[b]) / Double(n - 1)
                (covariance[a * d + b], covariance[b * d + a]) = (value, value)
                index += 1
            }
        }
        return ((0..<d).map { sample.shift[$0] + delta[$0] }, covariance)
    }
}
