import Foundation
import JetNetCore
import Testing
@testable import JetNetMetrics

/// FPD's per-batch moments from the count-matrix product, against the gathered batch's mean and
/// covariance computed directly (two-pass, `n - 1`) and against the gathering path.
@Suite("Counted moments")
struct CountedMomentsTests {
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
          arguments: [false, true])
    func gatheredMoments(centredOnTheFly: Bool) throws {
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
        let together = CountedMoments.moments([(sample, counts)], threads: 2)[0]
        let alone = CountedMoments.moments([(sample, counts)], threads: 1)[0]
        #expect(together.map(\.mean) == alone.map(\.mean) && together.map(\.covariance) == alone.map(\.covariance))
        let normalised = FeatureSampling.normalised(g, g).0
        for (b, draw) in draws.enumerated() {
            let (mean, covariance) = FrechetDistanceTests.moments(normalised.gatheringRows(draw))
            let scale = covariance.storage.map(abs).max()!
            for k in 0..<d { #expect(abs(together[b].mean[k] - mean[k]) <= 1e-13 * max(abs(mean[k]), 1)) }
            let worst = zip(together[b].covariance, covariance.storage).map { abs($0 - $1) }.max()!
            #expect(worst <= 1e-12 * scale, "draw \(b): covariance off by \(worst) of \(scale)")
        }
    }

    @Test("a draw taking a row more than 255 times keeps its indices and gets the gathered moments")
    func spilledDraw() throws {
        let g = try FPDKPDFixture.features("g")
        let few = g.gatheringRows(Array(0..<4))
        // 2000 draws from 4 rows take every row ~500 times; 40 draws fit in a byte.
        let draws = Self.draws([40, 2000, 30], rows: 4, seed: 3)
        let counts = Self.counts(draws, rows: 4)
        #expect(Array(counts.spilled.keys) == [1] && counts.spilled[1] == draws[1])
        #expect(counts.counts[4..<8].allSatisfy { $0 == 0 } && counts.sizes == [40, 2000, 30])
        let sample = BootstrapMoments.CentredSample(few)
        let counted = CountedMoments.moments([(sample, counts)], threads: 2)[0]
        let gathered = BootstrapMoments(sample: sample, draws: draws, threads: 1)
        #expect(counted[1].mean == gathered.means[1] && counted[1].covariance == gathered.covariances[1])
        for b in [0, 2] {
            let scale = gathered.covariances[b].map(abs).max()!
            #expect(zip(counted[b].covariance, gathered.covariances[b]).allSatisfy { abs($0 - $1) <= 1e-12 * scale })
        }
    }

    @Test("samples of unequal size share the cores in fixed ranges; threads do not matter")
    func unequalSamples() throws {
        #expect(CountedMoments.segments(rows: [50_000, 50_000]) == [1, 1])
        #expect(CountedMoments.segments(rows: [50_000, 20_000]) == [3, 1])
        #expect(CountedMoments.segments(rows: [7]) == [2])
        let g = try FPDKPDFixture.features("g")
        let small = g.gatheringRows(Array(0..<700))
        let (big, little) = (Self.draws([1500, 2000, 900], rows: g.shape[0], seed: 13), Self.draws([600, 700, 800], rows: 700, seed: 14))
        let jobs = [(BootstrapMoments.CentredSample(g), Self.counts(big, rows: g.shape[0])),
                    (BootstrapMoments.CentredSample(small), Self.counts(little, rows: 700))]
        #expect(CountedMoments.segments(rows: [g.shape[0], 700]) == [3, 1])
        let (together, alone) = (CountedMoments.moments(jobs, threads: 2), CountedMoments.moments(jobs, threads: 1))
        #expect(together.map(\.values) == alone.map(\.values))
        for (job, draws) in [big, little].enumerated() {
            let gathered = BootstrapMoments(sample: jobs[job].0, draws: draws, threads: 1)
            for b in draws.indices {
                let scale = gathered.covariances[b].map(abs).max()!
                #expect(zip(together[job][b].covariance, gathered.covariances[b]).allSatisfy { abs($0 - $1) <= 1e-12 * scale })
            }
        }
    }

    @Test("half-byte counts give the byte counts' moments bit for bit")
    func nibbleCounts() throws {
        let g = try FPDKPDFixture.features("g")
        let rows = g.shape[0]
        let draws = Self.draws([rows, 700, 3 * rows / 2, 2, 1234], rows: rows, seed: 12)
        var nibbles = DrawCounts(rows: rows, capacity: draws.count, largest: 3 * rows / 2)
        for draw in draws { nibbles.append(draw) }
        let bytes = Self.counts(draws, rows: rows)
        #expect(nibbles.bits == 4 && bytes.bits == 8 && nibbles.counts.count == 3 * rows && nibbles.spilled.isEmpty)
        #expect(DrawCounts(rows: rows, largest: 3 * rows / 2 + 1).bits == 8)
        let sample = BootstrapMoments.CentredSample(g)
        let (fromNibbles, fromBytes) = (CountedMoments.moments([(sample, nibbles)], threads: 2)[0],
                                        CountedMoments.moments([(sample, bytes)], threads: 1)[0])
        #expect(fromNibbles.values == fromBytes.values && fromNibbles.count == draws.count)
    }

    @Test("a half-byte count above 15 spills its draw and leaves the draw sharing its bytes alone")
    func spilledNibbles() throws {
        let few = try FPDKPDFixture.features("g").gatheringRows(Array(0..<4))
        // Draws 1 (high halves) and 2 (low halves) take a row 16 and 20 times.
        let draws = [[0, 1, 2, 3, 0, 1], Array(repeating: 2, count: 16) + [0], Array(repeating: 1, count: 20), [3, 3, 2, 1, 0]]
        var counts = DrawCounts(rows: 4, capacity: 4, largest: 6)
        for draw in draws { counts.append(draw) }
        #expect(counts.bits == 4 && counts.spilled.keys.sorted() == [1, 2] && counts.spilled[1] == draws[1])
        #expect(counts.counts == [2, 2, 1, 1, 0x10, 0x10, 0x10, 0x20])
        let sample = BootstrapMoments.CentredSample(few)
        let counted = CountedMoments.moments([(sample, counts)], threads: 2)[0]
        let gathered = BootstrapMoments(sample: sample, draws: draws, threads: 1)
        for b in [1, 2] { #expect(counted[b].mean == gathered.means[b] && counted[b].covariance == gathered.covariances[b]) }
        for b in [0, 3] {
            let scale = gathered.covariances[b].map(abs).max()!
            #expect(zip(counted[b].covariance, gathered.covariances[b]).allSatisfy { abs($0 - $1) <= 1e-12 * scale })
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
    }

    @Test("FPD distances through counts and through gathered rows agree")
    func pathsAgree() throws {
        let (g, t) = (try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        var rng = NumPyGenerator(seed: 9)
        let draws = BatchDraw.choices(&rng, realRows: 2000, genRows: 2000, samples: 1000, batches: 4)
        let (x, y) = BootstrapMoments.CentredSample.pair(g, t, dividedBy: FeatureSampling.normalisationDivisors(g))
        let counted = Metrics.frechetDistances(x, y, real: .counts(Self.counts(draws.map(\.real), rows: 2000)),
                                               gen: .counts(Self.counts(draws.map(\.gen), rows: 2000)), threads: 2)
        let gathered = Metrics.frechetDistances(x, y, real: .indices(draws.map(\.real)), gen: .indices(draws.map(\.gen)), threads: 2)
        #expect(counted == Metrics.frechetDistances(x, y, real: .counts(Self.counts(draws.map(\.real), rows: 2000)),
                                                    gen: .counts(Self.counts(draws.map(\.gen), rows: 2000)), threads: 1))
        #expect(zip(counted, gathered).allSatisfy { abs($0 - $1) <= 1e-7 * $1 && $1 > 0 }, "\(counted) vs \(gathered)")
    }
}
