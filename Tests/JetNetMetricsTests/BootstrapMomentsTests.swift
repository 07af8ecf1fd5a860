import Foundation
import JetNetCore
import Testing
@testable import JetNetMetrics

/// FPD's per-batch moments, computed for many draws in shared passes, against the gathered
/// batch's mean and covariance computed directly (two-pass, `n - 1`).
@Suite("Bootstrap moments")
struct BootstrapMomentsTests {
    @Test("each draw's moments equal its gathered rows' moments; threads do not matter")
    func gatheredMoments() throws {
        let g = try FPDKPDFixture.features("g")
        let (rows, d) = (g.shape[0], g.shape[1])
        // More rows than one block, so draws span several blocks; sizes below and above the sample.
        #expect(rows > BootstrapMoments.rowsPerBlock)
        var rng = NumPyGenerator(seed: 11)
        let draws = [700, 2, rows, 3 * rows, 1234].map { rng.choice(rows, count: $0) }
        let sample = BootstrapMoments.CentredSample(g)
        let together = BootstrapMoments(sample: sample, draws: draws, threads: 2)
        let alone = BootstrapMoments(sample: sample, draws: draws, threads: 1)
        #expect(together.means == alone.means && together.covariances == alone.covariances)
        for (b, draw) in draws.enumerated() {
            let (mean, covariance) = FrechetDistanceTests.moments(g.gatheringRows(draw))
            let scale = covariance.storage.map(abs).max()!
            for k in 0..<d { #expect(abs(together.means[b][k] - mean[k]) <= 1e-13 * max(abs(mean[k]), 1)) }
            let worst = zip(together.covariances[b], covariance.storage).map { abs($0 - $1) }.max()!
            #expect(worst <= 1e-12 * scale, "draw \(b): covariance off by \(worst) of \(scale)")
        }
    }

    @Test("FPD distances of samples centred as they are gathered equal those of centred copies, bit for bit")
    func centringOnTheFly() throws {
        let (g, t) = (try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        let divisors = FeatureSampling.normalisationDivisors(g)
        var rng = NumPyGenerator(seed: 5)
        let draws = BatchDraw.choices(&rng, realRows: 2000, genRows: 2000, samples: 900, batches: 3)
        let copied = BootstrapMoments.CentredSample.pair(g, t, dividedBy: divisors)
        let onTheFly = (BootstrapMoments.CentredSample(g, dividedBy: divisors, largestCopy: 0),
                        BootstrapMoments.CentredSample(t, dividedBy: divisors, largestCopy: 0))
        #expect(onTheFly.0.values.isEmpty && !copied.0.values.isEmpty)
        // Through gathered rows (BootstrapMoments) and through counts (CountedMoments).
        let gathered = (DrawnRows.indices(draws.map(\.real)), DrawnRows.indices(draws.map(\.gen)))
        let counted = (DrawnRows.counts(CountedMomentsTests.counts(draws.map(\.real), rows: 2000)),
                       DrawnRows.counts(CountedMomentsTests.counts(draws.map(\.gen), rows: 2000)))
        for (real, gen) in [gathered, counted] {
            let expected = Metrics.frechetDistances(copied.0, copied.1, real: real, gen: gen, threads: 2)
            #expect(expected.allSatisfy { $0 > 0 && $0.isFinite })
            #expect(Metrics.frechetDistances(onTheFly.0, onTheFly.1, real: real, gen: gen, threads: 2) == expected)
        }
    }
}
