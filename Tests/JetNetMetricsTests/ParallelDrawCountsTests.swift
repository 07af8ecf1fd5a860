import JetNetCore
import Testing
@testable import JetNetMetrics

@Suite("FPD: draws made in parallel into counts")
struct ParallelDrawCountsTests {
    /// The counts of sequential `choice` calls in jetnet's order (real, generated, draw after draw).
    static func sequential(_ generator: inout NumPyGenerator, rows: [Int], sizes: [Int]) -> [DrawCounts] {
        var counts = rows.map { DrawCounts(rows: $0, capacity: sizes.count, largest: sizes.max()) }
        for size in sizes {
            for sample in 0..<2 { counts[sample].append(generator.choice(rows[sample], count: size)) }
        }
        return counts
    }

    static func same(_ a: DrawCounts, _ b: DrawCounts) -> Bool {
        a.rows == b.rows && a.bits == b.bits && a.counts == b.counts && a.sizes == b.sizes && a.spilled == b.spilled
    }

    /// Rows with many rejected words (2^32 mod 109992 = 109676: 2.6e-5 per word) so that most
    /// draws start after their earliest start; byte and half-byte counts; unequal samples; a
    /// sample so small that every count wraps (all draws kept as indices).
    @Test("Same counts, spilled draws and final generator state as sequential draws", arguments: [
        ([109_992, 109_992], [40_000, 60_000, 150_000, 90_000, 200_000]),
        ([109_992, 59_722], [30_000, 30_000, 50_000, 80_000, 100_000, 20_000, 70_000]),
        ([3, 109_992], [1_000, 2_000, 1_500]),
    ])
    func matchesSequential(_ rows: [Int], _ sizes: [Int]) {
        for threads in [1, 2] {
            var parallel = NumPyGenerator(seed: 42)
            _ = parallel.nextUInt32()  // start from an odd word position
            var serial = parallel
            let made = ParallelDrawCounts.make(&parallel, rows: rows, sizes: sizes, threads: threads)
            let expected = Self.sequential(&serial, rows: rows, sizes: sizes)
            #expect(Self.same(made[0], expected[0]) && Self.same(made[1], expected[1]), "\(threads) threads")
            #expect(parallel == serial, "\(threads) threads")
        }
    }

    @Test("Reusing a previous group's storage gives the same counts")
    func reusedStorage() {
        var first = NumPyGenerator(seed: 5)
        let previous = ParallelDrawCounts.make(&first, rows: [50_000, 50_000], sizes: [60_000, 80_000], threads: 2)
        var (reusing, fresh) = (first, first)
        let sizes = [20_000, 30_000, 40_000]
        let reused = ParallelDrawCounts.make(&reusing, rows: [50_000, 50_000], sizes: sizes, threads: 2,
                                             reusing: RecycledStorage(previous.map(\.counts)))
        let made = ParallelDrawCounts.make(&fresh, rows: [50_000, 50_000], sizes: sizes, threads: 2)
        #expect(previous[0].bits == 8 && made[0].bits == 4)
        #expect(Self.same(reused[0], made[0]) && Self.same(reused[1], made[1]) && reusing == fresh)
    }

    @Test("The byte-count case has both kinds of lines and the small sample spills every draw")
    func casesAreTheIntendedOnes() {
        var generator = NumPyGenerator(seed: 42)
        let made = ParallelDrawCounts.make(&generator, rows: [3, 109_992], sizes: [1_000, 2_000, 1_500], threads: 2)
        #expect(made[0].bits == 8 && made[0].spilled.count == 3 && made[0].counts.allSatisfy { $0 == 0 })
        #expect(made[1].bits == 4 && made[1].spilled.isEmpty)
    }
}
