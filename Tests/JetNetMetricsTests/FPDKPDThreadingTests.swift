import Foundation
import JetNetCore
import Testing
@testable import JetNetMetrics

/// FPD and KPD evaluate batches on several threads; each batch's value must be the one a single
/// thread computes alone, bit for bit.
@Suite("FPD/KPD results do not depend on threads")
struct FPDKPDThreadingTests {
    @Test("KPD batches computed together (parallel) equal each computed alone (one thread)")
    func kpdBatches() throws {
        let (g, t) = (try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        let together = try Metrics.kpdBatches(real: g, gen: t, numBatches: 4, batchSize: 500, normalise: true, seed: 7,
                                              generator: NumPyGenerator.self)
        let alone = try (0..<4).map { i in
            try Metrics.kpdBatches(real: g, gen: t, numBatches: 1, batchSize: 500, normalise: true, seed: 7 + UInt64(i) * 1000,
                                   generator: NumPyGenerator.self)[0]
        }
        #expect(together == alone)
    }

    @Test("FPD distances computed together (parallel) equal each computed alone (one thread)")
    func fpdBatches() throws {
        let (g, t) = FeatureSampling.normalised(try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        var rng = NumPyGenerator(seed: 1)
        let draws = (0..<6).map { _ in (real: rng.choice(2000, count: 900), gen: rng.choice(2000, count: 900)) }
        let together = Metrics.frechetDistances(g, t, draws: draws, dimension: 36)
        let alone = draws.map { Metrics.frechetDistances(g, t, draws: [$0], dimension: 36)[0] }
        #expect(together == alone)
    }

    @Test("FPD distances of samples centred as they are gathered equal those of centred copies, bit for bit")
    func fpdCentringOnTheFly() throws {
        let (g, t) = (try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        let divisors = FeatureSampling.normalisationDivisors(g)
        var rng = NumPyGenerator(seed: 5)
        let draws = (0..<3).map { _ in (real: rng.choice(2000, count: 900), gen: rng.choice(2000, count: 900)) }
        let copied = BootstrapMoments.CentredSample.pair(g, t, dividedBy: divisors)
        let onTheFly = (BootstrapMoments.CentredSample(g, dividedBy: divisors, largestCopy: 0),
                        BootstrapMoments.CentredSample(t, dividedBy: divisors, largestCopy: 0))
        #expect(onTheFly.0.values.isEmpty && !copied.0.values.isEmpty)
        let expected = Metrics.frechetDistances(copied.0, copied.1, draws: draws)
        #expect(expected.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(Metrics.frechetDistances(onTheFly.0, onTheFly.1, draws: draws) == expected)
    }

    @Test("Concurrent FPD calls give identical results")
    func concurrentCalls() async throws {
        let (g, t) = (try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        let results = try await withThrowingTaskGroup(of: MetricValue.self) { group in
            for _ in 0..<2 {
                group.addTask { try Metrics.fpd(real: g, gen: t, minSamples: 500, maxSamples: 1000, batches: 4, points: 3) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 2 && results[0] == results[1])
    }
}
