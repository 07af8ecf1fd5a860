import Foundation
import JetNetCore
import Testing
import JetNetTestSupport
@testable import JetNetMetrics

/// Every metric runs on several threads; its value must be the one a single thread computes,
/// bit for bit. Each takes the same seam, `threads: Int?` (W1's are in W1PropertyTests).
@Suite("Metrics do not depend on threads")
struct MetricThreadsTests {
    @Test("EMDs and PRDC: the same values on one thread and on two")
    func pairwise() throws {
        var rng = SplitMix64(state: 5)
        let a = EMDPropertyTests.randomJets(&rng, count: 9, particles: 6), b = EMDPropertyTests.randomJets(&rng, count: 7, particles: 4)
        let emds = try [1, 2].map { try Metrics.emds(a, b, R: 1, beta: 1, norm: false, periodicPhi: false, threads: $0) }
        #expect(emds[0] == emds[1] && emds[0].shape == [9, 7])
        let (g, t) = (try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        let prdc = try [1, 2].map { try Metrics.prdc(real: g, gen: t, nearestK: 5, threads: $0) }
        #expect(prdc[0] == prdc[1] && prdc[0].precision > 0)
    }

    @Test("FPND: the same value on one thread and on two")
    func fpnd() throws {
        // 8 normalised g jets, 5 times over: many chunks for the workers to share.
        let eight = jetArray(try FPNDGolden.load().input_g_first8_fpnd_normed)
        let jets = NDArray.concatenate(Array(repeating: eight, count: 5))
        let (network, reference) = (try ParticleNet.jetNetPretrained(), try FPNDReference.jetNet(jetType: "g"))
        let values = try [1, 2].map { try Metrics.fpnd(normalisedJets: jets, network: network, reference: reference, progress: nil, threads: $0) }
        #expect(values[0] == values[1] && values[0] > 0)
    }

    @Test("FPD, KPD and COV/MMD: the same value on one thread and on two")
    func oneAndTwoThreads() throws {
        let (g, t) = (try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        let fpd = try [1, 2].map { try Metrics.fpd(real: g, gen: t, minSamples: 500, maxSamples: 1000, batches: 3, points: 3,
                                                   normalise: true, seed: 4, threads: $0) }
        #expect(fpd[0] == fpd[1] && fpd[0].value.isFinite)
        let kpd = try [1, 2].map { try Metrics.kpd(real: g, gen: t, samples: 300, batches: 4, normalise: true, seed: 4, threads: $0) }
        #expect(kpd[0] == kpd[1] && kpd[0].value.isFinite)
        var rng = SplitMix64(state: 3)
        let jets = EMDPropertyTests.randomJets(&rng, count: 20, particles: 5).selectingLast([1, 2, 0])
        var numpy = NumPyGenerator(seed: 4)
        let draws = BatchDraw.choices(&numpy, realRows: 20, genRows: 20, samples: 6, batches: 4)
        let covMMD = try [1, 2].map { try Metrics.covMMD(real: jets, gen: jets.map { $0 * 1.1 }, draws: draws, threads: $0) }
        #expect(covMMD[0] == covMMD[1] && covMMD[0].mmd > 0)
    }

    @Test("KPD batches computed together (parallel) equal each computed alone (one thread)")
    func kpdBatches() throws {
        let (g, t) = (try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        let together = try Metrics.kpdBatches(real: g, gen: t, samples: 500, batches: 4, normalise: true, seed: 7, threads: 2)
        let alone = try (0..<4).map { i in
            try Metrics.kpdBatches(real: g, gen: t, samples: 500, batches: 1, normalise: true, seed: 7 + UInt64(i) * 1000, threads: 1)[0]
        }
        #expect(together == alone)
        // The same batches injected as draws give the same values.
        let draws = (0..<4).flatMap { i in
            var rng = NumPyGenerator(seed: 7 + UInt64(i) * 1000)
            return BatchDraw.choices(&rng, realRows: g.shape[0], genRows: t.shape[0], samples: 500, batches: 1)
        }
        #expect(Metrics.kpdBatches(real: g, gen: t, draws: draws, normalise: true, threads: 2) == together)
    }

    @Test("FPD distances: the same on one thread and on two; each batch computed alone agrees")
    func fpdBatches() throws {
        let (g, t) = FeatureSampling.normalised(try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        var rng = NumPyGenerator(seed: 1)
        let draws = BatchDraw.choices(&rng, realRows: 2000, genRows: 2000, samples: 900, batches: 6)
        let together = Metrics.frechetDistances(g, t, draws: draws, threads: 2)
        #expect(Metrics.frechetDistances(g, t, draws: draws, threads: 1) == together)
        // The batches share one count-matrix product, whose BLAS kernel rounds a little
        // differently for another number of batches; nearly singular EFP covariances turn that
        // into ~1e-8 of the distance (as between BLAS builds).
        let alone = draws.map { Metrics.frechetDistances(g, t, draws: [$0], threads: 1)[0] }
        #expect(zip(together, alone).allSatisfy { abs($0 - $1) <= 1e-7 * $1 }, "\(together) vs \(alone)")
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
