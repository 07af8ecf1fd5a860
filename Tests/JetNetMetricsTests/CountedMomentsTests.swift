import Foundation
import JetNetCore
import Testing
@testable import JetNetMetrics

/// FPD's per-batch moments from the count-matrix product, against the gathered batch's mean and
/// covariance computed directly (two-pass, `n - 1`) and against the gathering path, with every
/// kernel this CPU runs.
@Suite("Counted moments")
struct CountedMomentsTests {
    /// What a counted moment may differ by from the exact one: float64 rounding (`relative` of
    /// `scale`) and, for the integer kernel, the fixed point's rounding. Each of `P`'s values is
    /// rounded by at most half of `2^-29` of its column's bound (`bound`: the product of the two
    /// features' largest centred magnitudes, or one feature's), so a draw's sum by at most its
    /// size times that; a covariance entry takes its pair's sum and both features' means
    /// (`3 n / (n - 1)` such units), a mean its feature's sum (one unit).
    static func tolerance(_ kernel: CountedMoments.Kernel, bound: Double, units: Double, relative: Double, scale: Double) -> Double {
        relative * scale + (kernel == .slices ? units * 0x1p-30 * bound : 0)
    }

    /// Per feature, the largest magnitude of the sample centred on its column means, shape `[d]`.
    static func largest(_ x: NDArray<Double>) -> [Double] {
        let (n, d) = (x.shape[0], x.shape[1])
        let mean = (0..<d).map { k in (0..<n).reduce(0.0) { $0 + x.storage[$1 * d + k] } / Double(n) }
        return (0..<d).map { k in (0..<n).map { abs(x.storage[$0 * d + k] - mean[k]) }.max()! }
    }

    /// The first of a counted draw's moments that is not within
    /// ``tolerance(_:bound:units:relative:scale:)`` of `expected`'s (mean shape `[d]`, covariance
    /// shape `[d, d]`) for a draw of `n` rows, or nil.
    static func violation(
        _ counted: (mean: [Double], covariance: [Double]), _ expected: (mean: [Double], covariance: [Double]),
        kernel: CountedMoments.Kernel, largest: [Double], n: Int, relative: Double = 1e-12
    ) -> String? {
        let d = largest.count
        let scale = expected.covariance.map(abs).max()!
        for k in 0..<d {
            let allowed = tolerance(kernel, bound: largest[k], units: 1, relative: relative / 10, scale: max(abs(expected.mean[k]), 1))
            if abs(counted.mean[k] - expected.mean[k]) > allowed { return "mean \(k): \(counted.mean[k]) vs \(expected.mean[k])" }
        }
        for i in 0..<(d * d) {
            let allowed = tolerance(kernel, bound: largest[i / d] * largest[i % d], units: 3 * Double(n) / Double(n - 1),
                                    relative: relative, scale: scale)
            if abs(counted.covariance[i] - expected.covariance[i]) > allowed {
                return "covariance \(i): \(counted.covariance[i]) vs \(expected.covariance[i]), allowed \(allowed)"
            }
        }
        return nil
    }

    /// Draws of `sizes` from `rows` rows, with the generator seeded `seed`.
    static func draws(_ sizes: [Int], rows: Int, seed: UInt64) -> [[Int]] {
        var rng = NumPyGenerator(seed: seed)
        return sizes.map { rng.choice(rows, count: $0) }
    }

    static func counts(_ draws: [[Int]], rows: Int) -> DrawCounts {
        var counts = DrawCounts(rows: rows, capacity: draws.count)
        for draw in draws { counts.append(draw) }
        return counts
    }

    @Test("each draw's moments equal its gathered rows' moments; threads do not matter",
          arguments: [false, true], CountedMoments.Kernel.available)
    func gatheredMoments(centredOnTheFly: Bool, kernel: CountedMoments.Kernel) throws {
        let g = try FPDKPDFixture.features("g")
        let (rows, d) = (g.shape[0], g.shape[1])
        // Several chunks per segment; sizes below and above the sample.
        #expect(rows > CountedMoments.segments(rows: [rows])[0] * CountedMoments.rowsPerChunk)
        let draws = Self.draws([700, 2, rows, 3 * rows, 1234], rows: rows, seed: 11)
        let divisors = FeatureSampling.normalisationDivisors(g)
        let sample = BootstrapMoments.CentredSample(g, dividedBy: divisors, largestCopy: centredOnTheFly ? 0 : .max)
        #expect(sample.values.isEmpty == centredOnTheFly)
        let counts = Self.counts(draws, rows: rows)
        #expect(counts.spilled.isEmpty)
        let (together, alone) = CountedMoments.$kernel.withValue(kernel) {
            (CountedMoments.moments([(sample, counts)], threads: 2)[0], CountedMoments.moments([(sample, counts)], threads: 1)[0])
        }
        #expect(together.map(\.mean) == alone.map(\.mean) && together.map(\.covariance) == alone.map(\.covariance))
        let normalised = FeatureSampling.normalised(g, g).0
        let largest = Self.largest(normalised)
        #expect(largest.count == d)
        for (b, draw) in draws.enumerated() {
            let (mean, covariance) = FrechetDistanceTests.moments(normalised.gatheringRows(draw))
            #expect(Self.violation(together[b], (mean, covariance.storage), kernel: kernel, largest: largest, n: draw.count) == nil, "draw \(b)")
        }
    }

    @Test("the integer kernel's sums are the exact sums of the counts times P rounded to its fixed point",
          .enabled(if: CountedMoments.Kernel.available.contains(.slices), "needs AVX512-VNNI"))
    func slicesAreExact() throws {
        // Unnormalised t (centred magnitudes 0.03..0.36: columns of different scales), 1990 rows:
        // chunks of 512 and a last one of 454 padded to 464; 4 draws padded to 16 lanes.
        let t = try FPDKPDFixture.features("t").gatheringRows(Array(0..<1990))
        let (rows, d) = (t.shape[0], t.shape[1])
        let draws = Self.draws([3 * rows, 17, rows / 3, 5 * rows], rows: rows, seed: 21)
        let sample = BootstrapMoments.CentredSample(t)
        let counts = Self.counts(draws, rows: rows)
        #expect(counts.bits == 8 && counts.spilled.isEmpty && rows % 16 != 0)
        let sums = CountedMoments.$kernel.withValue(.slices) { CountedMoments.moments([(sample, counts)], threads: 2)[0] }
        let dgemm = CountedMoments.$kernel.withValue(.dgemm) { CountedMoments.moments([(sample, counts)], threads: 2)[0] }
        let scales = try #require(CountedMoments.sliceScales(sample))
        let width = d * (d + 3) / 2
        #expect(scales.count == width)
        // Each row's P rounded to integers as the kernel does: products of the centred values.
        let x = sample.values
        let largest = (0..<d).map { a in (0..<rows).map { abs(x[$0 * d + a]) }.max()! }
        var (columnRows, bounds, squares) = ([[Double]](), [Double](), [Bool]())
        for a in 0..<d {
            for b in a..<d {
                columnRows.append((0..<rows).map { x[$0 * d + a] * x[$0 * d + b] })
                (bounds, squares) = (bounds + [largest[a] * largest[b]], squares + [a == b])
            }
        }
        for a in 0..<d { (columnRows, bounds, squares) = (columnRows + [(0..<rows).map { x[$0 * d + a] }], bounds + [largest[a]], squares + [true]) }
        var fixed = [[Int64]]()
        for c in 0..<width {
            let q = columnRows[c].map { ($0 * scales[c]).rounded(.toNearestOrEven) }
            #expect(q.allSatisfy { abs($0) <= 0x1p30 }, "column \(c) exceeds 30 bits")
            // A square's or feature's largest value is its bound: it takes the top bit.
            #expect(!squares[c] || q.map(abs).max()! >= 0x1p29, "column \(c) uses less than 30 bits")
            fixed.append(q.map { Int64($0) })
        }
        for (b, draw) in draws.enumerated() {
            var taken = [Int64](repeating: 0, count: rows)
            for i in draw { taken[i] += 1 }
            for c in 0..<width {
                let exact = (0..<rows).reduce(Int64(0)) { $0 + taken[$1] * fixed[c][$1] }
                let value = sums.values[b * width + c]
                #expect(value == Double(exact) / scales[c], "draw \(b), column \(c)")
                // The fixed point's rounding bound against float64's sums.
                #expect(abs(value - dgemm.values[b * width + c]) <= Double(draw.count) * (0x1p-30 + 1e-15) * bounds[c])
            }
        }
    }

    @Test("a sample whose products overflow has no fixed point and takes the dgemm",
          .enabled(if: CountedMoments.Kernel.available.contains(.slices), "needs AVX512-VNNI"))
    func overflowingProducts() throws {
        var storage = try FPDKPDFixture.features("g").gatheringRows(Array(0..<64)).storage
        storage[5] = 1e200  // its square is not finite
        let sample = BootstrapMoments.CentredSample(NDArray(shape: [64, storage.count / 64], storage: storage))
        #expect(CountedMoments.sliceScales(sample) == nil)
        #expect(CountedMoments.sliceScales(BootstrapMoments.CentredSample(try FPDKPDFixture.features("g"))) != nil)
        let counts = Self.counts(Self.draws([64, 100], rows: 64, seed: 5), rows: 64)
        let (slices, dgemm) = (CountedMoments.$kernel.withValue(.slices) { CountedMoments.moments([(sample, counts)], threads: 2)[0] },
                               CountedMoments.$kernel.withValue(.dgemm) { CountedMoments.moments([(sample, counts)], threads: 2)[0] })
        #expect(slices.values.map(\.bitPattern) == dgemm.values.map(\.bitPattern))
        #expect(slices.values.contains { !$0.isFinite })
    }

    @Test("a draw taking a row more than 255 times keeps its indices and gets the gathered moments",
          arguments: CountedMoments.Kernel.available)
    func spilledDraw(kernel: CountedMoments.Kernel) throws {
        let g = try FPDKPDFixture.features("g")
        let few = g.gatheringRows(Array(0..<4))
        // 2000 draws from 4 rows take every row ~500 times; 40 draws fit in a byte.
        let draws = Self.draws([40, 2000, 30], rows: 4, seed: 3)
        let counts = Self.counts(draws, rows: 4)
        #expect(Array(counts.spilled.keys) == [1] && counts.spilled[1] == draws[1])
        #expect(counts.counts[4..<8].allSatisfy { $0 == 0 } && counts.sizes == [40, 2000, 30])
        let sample = BootstrapMoments.CentredSample(few)
        let counted = CountedMoments.$kernel.withValue(kernel) { CountedMoments.moments([(sample, counts)], threads: 2)[0] }
        let gathered = BootstrapMoments(sample: sample, draws: draws, threads: 1)
        #expect(counted[1].mean == gathered.means[1] && counted[1].covariance == gathered.covariances[1])
        for b in [0, 2] {
            #expect(Self.violation(counted[b], (gathered.means[b], gathered.covariances[b]), kernel: kernel,
                               largest: Self.largest(few), n: draws[b].count) == nil)
        }
    }

    @Test("samples of unequal size share the cores in fixed ranges; threads do not matter",
          arguments: CountedMoments.Kernel.available)
    func unequalSamples(kernel: CountedMoments.Kernel) throws {
        #expect(CountedMoments.segments(rows: [50_000, 50_000]) == [1, 1])
        #expect(CountedMoments.segments(rows: [50_000, 20_000]) == [3, 1])
        #expect(CountedMoments.segments(rows: [7]) == [2])
        let g = try FPDKPDFixture.features("g")
        let small = g.gatheringRows(Array(0..<700))
        let (big, little) = (Self.draws([1500, 2000, 900], rows: g.shape[0], seed: 13), Self.draws([600, 700, 800], rows: 700, seed: 14))
        let jobs = [(BootstrapMoments.CentredSample(g), Self.counts(big, rows: g.shape[0])),
                    (BootstrapMoments.CentredSample(small), Self.counts(little, rows: 700))]
        #expect(CountedMoments.segments(rows: [g.shape[0], 700]) == [3, 1])
        let (together, alone) = CountedMoments.$kernel.withValue(kernel) {
            (CountedMoments.moments(jobs, threads: 2), CountedMoments.moments(jobs, threads: 1))
        }
        #expect(together.map(\.values) == alone.map(\.values))
        for (job, (draws, x)) in [(big, g), (little, small)].enumerated() {
            let gathered = BootstrapMoments(sample: jobs[job].0, draws: draws, threads: 1)
            for b in draws.indices {
                #expect(Self.violation(together[job][b], (gathered.means[b], gathered.covariances[b]), kernel: kernel,
                                   largest: Self.largest(x), n: draws[b].count) == nil)
            }
        }
    }

    @Test("half-byte counts give the byte counts' moments bit for bit", arguments: CountedMoments.Kernel.available)
    func nibbleCounts(kernel: CountedMoments.Kernel) throws {
        let g = try FPDKPDFixture.features("g")
        let rows = g.shape[0]
        let draws = Self.draws([rows, 700, 3 * rows / 2, 2, 1234], rows: rows, seed: 12)
        var nibbles = DrawCounts(rows: rows, capacity: draws.count, largest: 3 * rows / 2)
        for draw in draws { nibbles.append(draw) }
        let bytes = Self.counts(draws, rows: rows)
        #expect(nibbles.bits == 4 && bytes.bits == 8 && nibbles.counts.count == 3 * rows && nibbles.spilled.isEmpty)
        #expect(DrawCounts(rows: rows, largest: 3 * rows / 2 + 1).bits == 8)
        let sample = BootstrapMoments.CentredSample(g)
        let (fromNibbles, fromBytes) = CountedMoments.$kernel.withValue(kernel) {
            (CountedMoments.moments([(sample, nibbles)], threads: 2)[0], CountedMoments.moments([(sample, bytes)], threads: 1)[0])
        }
        #expect(fromNibbles.values == fromBytes.values && fromNibbles.count == draws.count)
    }

    @Test("a half-byte count above 15 spills its draw and leaves the draw sharing its bytes alone",
          arguments: CountedMoments.Kernel.available)
    func spilledNibbles(kernel: CountedMoments.Kernel) throws {
        let few = try FPDKPDFixture.features("g").gatheringRows(Array(0..<4))
        // Draws 1 (high halves) and 2 (low halves) take a row 16 and 20 times.
        let draws = [[0, 1, 2, 3, 0, 1], Array(repeating: 2, count: 16) + [0], Array(repeating: 1, count: 20), [3, 3, 2, 1, 0]]
        var counts = DrawCounts(rows: 4, capacity: 4, largest: 6)
        for draw in draws { counts.append(draw) }
        #expect(counts.bits == 4 && counts.spilled.keys.sorted() == [1, 2] && counts.spilled[1] == draws[1])
        #expect(counts.counts == [2, 2, 1, 1, 0x10, 0x10, 0x10, 0x20])
        let sample = BootstrapMoments.CentredSample(few)
        let counted = CountedMoments.$kernel.withValue(kernel) { CountedMoments.moments([(sample, counts)], threads: 2)[0] }
        let gathered = BootstrapMoments(sample: sample, draws: draws, threads: 1)
        for b in [1, 2] { #expect(counted[b].mean == gathered.means[b] && counted[b].covariance == gathered.covariances[b]) }
        for b in [0, 3] {
            #expect(Self.violation(counted[b], (gathered.means[b], gathered.covariances[b]), kernel: kernel,
                               largest: Self.largest(few), n: draws[b].count) == nil)
        }
    }

    @Test("counts are chosen for many draws that take a fair share of the rows")
    func choice() {
        // 200 draws: counts once they take 0.16 + 7 / 200 = 0.195 of the rows (1 - exp(-x) at x = 0.2169).
        #expect(CountedMoments.prefersCounts(sizes: Array(repeating: 218, count: 200), rows: 1000))
        #expect(!CountedMoments.prefersCounts(sizes: Array(repeating: 216, count: 200), rows: 1000))
        // 20 draws need 0.51 of the rows (x = 0.7133); one draw never is.
        #expect(CountedMoments.prefersCounts(sizes: Array(repeating: 714, count: 20), rows: 1000))
        #expect(!CountedMoments.prefersCounts(sizes: Array(repeating: 712, count: 20), rows: 1000))
        #expect(!CountedMoments.prefersCounts(sizes: [100_000], rows: 1000))
        // jetnet's defaults: all ten sizes in one group at 50k rows, one size per group at 200k.
        let sizes = Metrics.fpdBatchSizes(minSamples: 20_000, maxSamples: 50_000, points: 10)
        #expect(Metrics.fpdSizeGroups(sizes, batches: 20, rows: [50_000, 50_000]) == [sizes])
        #expect(Metrics.fpdSizeGroups(sizes, batches: 20, rows: [50_000, 200_000]) == sizes.map { [$0] })
        #expect(Metrics.fpdSizeGroups(sizes, batches: 40, rows: [50_000, 50_000]) == [Array(sizes[..<5]), Array(sizes[5...])])
        // Draws up to 5x a 10k sample need byte counts: half as many draws per group.
        #expect(Metrics.fpdSizeGroups(sizes, batches: 20, rows: [10_000, 10_000]) == [Array(sizes[..<5]), Array(sizes[5...])])
    }

    @Test("FPD distances through counts and through gathered rows agree", arguments: CountedMoments.Kernel.available)
    func pathsAgree(kernel: CountedMoments.Kernel) throws {
        let (g, t) = (try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        var rng = NumPyGenerator(seed: 9)
        let draws = BatchDraw.choices(&rng, realRows: 2000, genRows: 2000, samples: 1000, batches: 4)
        let (x, y) = BootstrapMoments.CentredSample.pair(g, t, dividedBy: FeatureSampling.normalisationDivisors(g))
        let counted = CountedMoments.$kernel.withValue(kernel) {
            [2, 1].map { threads in
                Metrics.frechetDistances(x, y, real: .counts(Self.counts(draws.map(\.real), rows: 2000)),
                                         gen: .counts(Self.counts(draws.map(\.gen), rows: 2000)), threads: threads)
            }
        }
        #expect(counted[0] == counted[1])
        let gathered = Metrics.frechetDistances(x, y, real: .indices(draws.map(\.real)), gen: .indices(draws.map(\.gen)), threads: 2)
        #expect(zip(counted[0], gathered).allSatisfy { abs($0 - $1) <= 1e-7 * $1 && $1 > 0 }, "\(counted[0]) vs \(gathered)")
    }
}
