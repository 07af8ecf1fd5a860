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
/// Where the CPU has AVX512-VNNI, the product is one of integers (``Kernel/slices``): the counts
/// are exact bytes, and each column of `P` is rounded to a fixed point of 30 bits below a power
/// of two bounding the column over the whole sample, so each summed product differs from the
/// exact one by at most the draw's size times half a unit of that fixed point (at most `2^-30`
/// of the column's bound), and the integer sums themselves are exact.
///
/// Each sample's rows are reduced in ``segments(rows:)`` fixed row ranges, each by one worker chunk
/// by chunk (`P` built for ``rowsPerChunk`` rows at a time, so memory stays small), and the
/// segments' sums are added in order: the values do not depend on the thread count. Only the
/// summed products are kept (`[draws, d (d + 3) / 2]` per sample); a draw's mean and covariance
/// are made from its row when asked for (``Sums``).
enum CountedMoments {
    /// Rows of `P` built at a time for the dgemm: 128 x 702 doubles (0.7 MB) and their packed
    /// copy stay in a core's L2 cache (256 or 192 rows are no faster, 64 no faster either).
    static let rowsPerChunk = 128

    /// Rows of `P` sliced at a time for the integer product: each tile's int32 sums cover this
    /// many rows before they are added into the int64 totals (256 rows were 10% slower).
    static let rowsPerSliceChunk = 512

    /// Columns of `P` sliced at a time, a multiple of the kernel's 3-column tiles: 48 x 4 x 512
    /// bytes (98 KB) stay in a core's L2 cache for the tiles that read them.
    static let columnsPerSliceBlock = 48

    /// How the count products are summed.
    enum Kernel: Sendable, CaseIterable {
        /// In integers: each column of `P` in 30-bit fixed point as four signed bytes, multiplied by
        /// the byte counts exactly in int32 (`vpdpbusd`, 64 products per instruction) and summed
        /// exactly in int64; AVX512-VNNI only.
        case slices
        /// Counts as doubles, one `dgemm` per chunk.
        case dgemm

        /// The kernels this CPU runs, fastest first.
        static var available: [Kernel] { jetnet_fpd_slices_supported() != 0 ? [.slices, .dgemm] : [.dgemm] }
    }

    /// The kernel to use instead of the fastest available (tests run both).
    @TaskLocal static var kernel: Kernel?

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
        /// Per draw, `sum w x x^T` (upper triangle, row by row) then `sum w x`.
        let products: SummedProducts
        let sample: BootstrapMoments.CentredSample
        /// Per draw, its size, shape `[draws]`.
        let sizes: [Int]
        /// The gathered moments of the draws whose counts spilled (``DrawCounts/spilled``), by draw.
        let spilled: [Int: (mean: [Double], covariance: [Double])]

        var startIndex: Int { 0 }
        var endIndex: Int { sizes.count }

        /// The draw's mean (shape `[d]`) and covariance (shape `[d, d]`).
        subscript(draw: Int) -> (mean: [Double], covariance: [Double]) {
            spilled[draw] ?? CountedMoments.finish(products.row(draw, width: width), size: sizes[draw], sample: sample)
        }

        /// Per draw, `sum w x x^T` (upper triangle, row by row) then `sum w x`: shape
        /// `[draws, d (d + 1) / 2 + d]` row-major.
        var values: [Double] { sizes.indices.flatMap { products.row($0, width: width) } }

        private var width: Int { sample.d * (sample.d + 3) / 2 }
    }

    /// The summed count products of each job, the jobs' segments shared among the workers.
    ///
    /// - Parameters:
    ///   - jobs: samples (centred, `[rows, d]`) with their draws' counts (`[draws, rows]`).
    ///   - threads: worker threads (nil: all processors); results do not depend on it.
    ///   - storage: arrays whose storage the integer sums reuse, one per segment, if any.
    /// - Returns: per job, the sums that give each draw's mean (shape `[d]`) and covariance
    ///   (shape `[d, d]`).
    static func moments(_ jobs: [(sample: BootstrapMoments.CentredSample, counts: DrawCounts)], threads: Int?,
                        reusing storage: RecycledStorage<Int64>? = nil) -> [Sums] {
        let segments = segments(rows: jobs.map(\.sample.rows))
        let units = jobs.indices.flatMap { job in (0..<segments[job]).map { (job, $0) } }
        let kernel = Self.kernel ?? Kernel.available[0]
        // A sample whose products overflow has no fixed point; the dgemm carries its infinities.
        let scales = jobs.map { kernel == .slices ? sliceScales($0.sample) : nil }
        var sums = SingleThreadedBLAS.run {
            ParallelTasks.map(units.count, threads: threads) { unit -> SummedProducts in
                let (job, segment) = units[unit]
                let (rows, parts) = (jobs[job].sample.rows, segments[job])
                let range = (segment * rows / parts)..<((segment + 1) * rows / parts)
                if let scales = scales[job] {
                    return .integers(slicedSums(jobs[job].sample, jobs[job].counts, rows: range, scales: scales,
                                                storage: storage?.take(unit) ?? []),
                                     scales: scales, lanes: lanes(draws: jobs[job].counts.draws))
                }
                return .doubles(weightedSums(jobs[job].sample, jobs[job].counts, rows: range))
            }
        }
        return jobs.indices.map { job in
            let first = segments[..<job].reduce(0, +)
            var parts = [SummedProducts](repeating: .doubles([]), count: segments[job])
            for unit in first..<(first + segments[job]) { swap(&parts[unit - first], &sums[unit]) }
            let total = SummedProducts.adding(parts)
            let (sample, counts) = jobs[job]
            let spilledDraws = counts.spilled.keys.sorted()
            let spilled = spilledDraws.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: zip(spilledDraws, SingleThreadedBLAS.run {
                BootstrapMoments.moments(of: sample, draws: spilledDraws.map { counts.spilled[$0]! })
            }))
            return Sums(products: total, sample: sample, sizes: counts.sizes, spilled: spilled)
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
                            centredColumns(values, centring, d: d, rows: start..<(start + k), stride: k, into: columns)
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

    /// `C[:, rows] . P[rows]` as exact integers, transposed: shape `[d (d + 1) / 2 + d, lanes]`
    /// (``lanes(draws:)``), each column of `P` times its scale (``sliceScales(_:)``) rounded to
    /// an integer.
    ///
    /// Chunk by chunk, the counts are packed four rows per 32-bit lane (rows padded to a
    /// multiple of 16 with zero rows, draws to ``lanes(draws:)`` with zero counts), and `P`'s
    /// columns, a block at a time, written as four signed bytes per value and multiplied with
    /// them; a chunk's int32 sums per byte are combined into the int64 totals.
    private static func slicedSums(_ sample: BootstrapMoments.CentredSample, _ counts: DrawCounts, rows: Range<Int>,
                                   scales: [Double], storage: consuming [Int64]) -> [Int64] {
        let (d, draws, lanes) = (sample.d, counts.draws, lanes(draws: counts.draws))
        let width = d * (d + 3) / 2
        var totals = [Int64].zeros(width * lanes, reusing: storage)
        guard draws > 0, !rows.isEmpty else { return totals }
        let chunk = min(rowsPerSliceChunk, (rows.count + 15) / 16 * 16)
        var columns = [Double](repeating: 0, count: d * chunk)
        var slices = [Int8](repeating: 0, count: min(width, columnsPerSliceBlock) * Int(JETNET_FPD_SLICES) * chunk)
        var packed = [UInt8](repeating: 0, count: lanes * chunk)
        sample.withRows { values, centring in
            counts.counts.withUnsafeBufferPointer { c in
                for start in stride(from: rows.lowerBound, to: rows.upperBound, by: chunk) {
                    let k = min(chunk, rows.upperBound - start)
                    let padded = (k + 15) / 16 * 16
                    columns.withUnsafeMutableBufferPointer { x in
                        centredColumns(values, centring, d: d, rows: start..<(start + k), stride: padded, into: x.baseAddress!)
                    }
                    jetnet_fpd_pack_counts(c.baseAddress! + start, counts.rows, draws, Int32(counts.bits), k, padded, lanes, &packed)
                    for first in stride(from: 0, to: width, by: columnsPerSliceBlock) {
                        let end = min(width, first + columnsPerSliceBlock)
                        jetnet_fpd_product_slices(columns, d, padded, scales, first, end, &slices)
                        totals.withUnsafeMutableBufferPointer { t in
                            jetnet_fpd_slice_products(packed, lanes, slices, end - first, padded, t.baseAddress! + first * lanes)
                        }
                    }
                }
            }
        }
        return totals
    }

    /// The integer kernel's lanes for `draws` draws: a multiple of 16.
    static func lanes(draws: Int) -> Int { (draws + 15) / 16 * 16 }

    /// Per column of `P` (the pairs `a <= b` in order, then the features), the power of two that
    /// takes the column's bound over the sample (the product of the two features' largest
    /// magnitudes, which no rounded product exceeds) just below `2^JETNET_FPD_SLICE_BITS`; shape
    /// `[d (d + 1) / 2 + d]`. Nil when some bound is not finite.
    static func sliceScales(_ sample: BootstrapMoments.CentredSample) -> [Double]? {
        let d = sample.d
        // Centring (a division, then a subtraction, each rounded) is monotone in the value, so a
        // feature's largest centred magnitude is that of its smallest or largest value centred
        // (as ``centredColumns`` centres them).
        let magnitudes = (0..<d).map { a in
            [sample.smallest[a], sample.largest[a]].map { abs($0 / sample.divisors[a] - sample.shift[a]) }.max()!
        }
        let bounds = (0..<d).flatMap { a in (a..<d).map { magnitudes[a] * magnitudes[$0] } } + magnitudes
        guard bounds.allSatisfy(\.isFinite) else { return nil }
        return bounds.map { bound in
            guard bound > 0 else { return 1 }
            // Within the exponents of finite doubles; a tiny bound then only keeps fewer bits.
            return Double(sign: .plus, exponent: min(1023, Int(JETNET_FPD_SLICE_BITS) - 1 - Int(bound.exponent)), significand: 1)
        }
    }

    /// The sample's centred rows `rows` feature by feature: `into[a * stride + i]`, zero from
    /// `rows.count` to `stride`.
    private static func centredColumns(
        _ values: UnsafePointer<Double>, _ centring: BootstrapMoments.Centring?, d: Int, rows: Range<Int>, stride: Int,
        into columns: UnsafeMutablePointer<Double>
    ) {
        jetnet_fpd_centred_columns(values + rows.lowerBound * d, d, centring?.divisors, centring?.shift, rows.count, stride, columns)
    }

    /// One draw's mean and covariance from its row of the summed products (shape `[d (d + 1) / 2 + d]`).
    private static func finish(
        _ sums: [Double], size n: Int, sample: BootstrapMoments.CentredSample
    ) -> (mean: [Double], covariance: [Double]) {
        let d = sample.d
        let width = d * (d + 1) / 2 + d
        let delta = (0..<d).map { sums[width - d + $0] / Double(n) }
        var covariance = [Double](repeating: 0, count: d * d)
        var index = 0
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

/// Summed count products of one sample or one segment of its rows: doubles from the dgemm, or
/// exact integers from slices, kept as they are (no double copy) and scaled when read.
enum SummedProducts: Sendable {
    /// Shape `[draws, width]`.
    case doubles([Double])
    /// Shape `[width, lanes]`: column `c`'s sums times `scales[c]` (shape `[width]`).
    case integers([Int64], scales: [Double], lanes: Int)

    /// One draw's sums, shape `[width]`.
    func row(_ draw: Int, width: Int) -> [Double] {
        switch self {
        case .doubles(let values): Array(values[(draw * width)..<((draw + 1) * width)])
        case .integers(let totals, let scales, let lanes): (0..<width).map { Double(totals[$0 * lanes + draw]) / scales[$0] }
        }
    }

    /// The segments' sums added in order (integers exactly).
    static func adding(_ parts: [SummedProducts]) -> SummedProducts {
        switch parts.first {
        case .doubles(var total)?:
            for case .doubles(let part) in parts.dropFirst() { add(part, to: &total) }
            return .doubles(total)
        case .integers(var total, let scales, let lanes)?:
            for case .integers(let part, _, _) in parts.dropFirst() { add(part, to: &total) }
            return .integers(total, scales: scales, lanes: lanes)
        case nil:
            return .doubles([])
        }
    }

    private static func add<T: AdditiveArithmetic>(_ part: [T], to total: inout [T]) {
        part.withUnsafeBufferPointer { part in
            total.withUnsafeMutableBufferPointer { total in
                for i in total.indices { total[i] += part[i] }
            }
        }
    }
}
