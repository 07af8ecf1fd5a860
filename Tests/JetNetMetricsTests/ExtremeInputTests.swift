import Foundation
import JetNetCore
import JetNetFuzzing
import Testing
import JetNetTestSupport
@testable import JetNetMetrics

/// Issue 12, finding 1 and the robustness suite: finite extreme inputs give every metric either
/// a meaningful (finite, non-NaN) value or a typed error naming the input; never a trap or NaN.
@Suite("Metrics on extreme inputs")
struct ExtremeInputTests {
    /// 60 jets of 4 particles `[eta, phi, pt]` with `value` at jet 0, particle 0, `feature`.
    static func jets(_ value: Float, feature: Int, seed: Int = 0) -> NDArray<Float> {
        var storage = (0..<(60 * 4 * 3)).map { i -> Float in
            let x = Float((i * 7919 + seed * 104729) % 1000) / 1000
            return i % 3 == 2 ? x + 0.01 : x - 0.5
        }
        storage[feature] = value
        return NDArray(shape: [60, 4, 3], storage: storage)
    }

    static let values: [Float] = [1e38, -1e38, 1e-38, 1e-45, .greatestFiniteMagnitude, 1e25, 1e20]

    /// Accepts a finite result or a typed error that says which input and value.
    static func expectMeaningful(_ body: () throws -> [Double]) {
        do {
            let result = try body()
            #expect(result.allSatisfy { !$0.isNaN }, "NaN result \(result)")
        } catch let error as MetricError {
            #expect(!(error.errorDescription ?? "").contains("\n"))
            if case .overflow(_, let array, let largest) = error { #expect(array.contains("gen") || array.contains("real")); #expect(largest > 0) }
        } catch let error as LocalizedError {
            #expect(error.errorDescription != nil, "\(error)")
        } catch {
            Issue.record("untyped error \(error)")
        }
    }

    @Test("W1M, W1P, W1EFP and COV/MMD", arguments: values, [0, 1, 2])
    func w1AndEMD(value: Float, feature: Int) {
        let real = Self.jets(0.1, feature: 0, seed: 1), gen = Self.jets(value, feature: feature)
        Self.expectMeaningful { let r = try Metrics.w1m(real: real, gen: gen, samples: 60, batches: 2, seed: 0); return [r.value, r.error] }
        Self.expectMeaningful { try Metrics.w1p(real: real, gen: gen, samples: 60, batches: 2, seed: 0).values }
        Self.expectMeaningful { try Metrics.w1efp(real: real, gen: gen, samples: 60, batches: 2, seed: 0).values }
        if feature == 2 && value < 0 { return }  // negative pt: COV/MMD's own refusal, tested elsewhere
        Self.expectMeaningful { let r = try Metrics.covMMD(real: real, gen: gen, samples: 5, batches: 2, seed: 0); return [r.cov, r.mmd] }
    }

    @Test("FPD and KPD on extreme features", arguments: [1e300, -1e300, 1e150, 1e-300, 5e-324, 1e25, 1e50])
    func fpdKPD(value: Double) {
        var storage = (0..<(400 * 3)).map { Double(($0 * 7919) % 1000) / 1000 }
        let real = NDArray(shape: [400, 3], storage: storage)
        storage[4] = value
        let gen = NDArray(shape: [400, 3], storage: storage)
        Self.expectMeaningful {
            let r = try Metrics.fpd(real: real, gen: gen, minSamples: 100, maxSamples: 200, batches: 2, points: 3)
            return [r.value, r.error]
        }
        Self.expectMeaningful { let r = try Metrics.kpd(real: real, gen: gen, samples: 100, batches: 2); return [r.value, r.error] }
    }

    @Test("FPD's bounded fit never traps on huge distances and scales with them", arguments: [1e10, 1e50, 1e200, 1e300])
    func boundedFit(scale: Double) {
        let x = [1 / 20_000.0, 1 / 30_000.0, 1 / 50_000.0]
        let y = [3.0, 2.5, 2.0].map { $0 * scale }
        let fit = BoundedLinearFit(x: x, y: y)
        let unit = BoundedLinearFit(x: x, y: [3.0, 2.5, 2.0])
        #expect(fit.intercept.isFinite && fit.intercept >= 0)
        #expect(abs(fit.intercept / scale - unit.intercept) < 1e-3 * max(1, unit.intercept))
        #expect(!fit.interceptError.isNaN)
    }

    @Test("Absurd sample sizes are typed errors, not allocation crashes", arguments: [Int.max, 1 << 40])
    func absurdSizes(size: Int) {
        let jets = Self.jets(0.1, feature: 0)
        let features = NDArray(shape: [100, 3], storage: (0..<300).map { Double($0 % 17) })
        #expect(throws: MemoryBudgetError.self) { try Metrics.w1m(real: jets, gen: jets, samples: size, batches: 5, seed: 0) }
        #expect(throws: MemoryBudgetError.self) { try Metrics.w1p(real: jets, gen: jets, samples: 10, batches: size, seed: 0) }
        #expect(throws: MemoryBudgetError.self) { try Metrics.kpd(real: features, gen: features, samples: size, batches: 2) }
        #expect(throws: MemoryBudgetError.self) { try Metrics.fpd(real: features, gen: features, minSamples: 10, maxSamples: size, batches: 2, points: 3) }
        #expect(throws: MemoryBudgetError.self) { try Metrics.covMMD(real: jets, gen: jets, samples: size, batches: 1, seed: 0) }
    }

    @Test("300 mutants of jetnet's ParticleNet state dict (.pt pickle) read or throw one-line errors")
    func ptMutants() throws {
        let url = try ParticleNet.resourceURL("pnet_state_dict", extension: "pt")
        let scratch = temporaryURL("-fuzz-pt")
        let counts = FuzzCounts.run(.pt, mutator: Mutator(corpus: [[UInt8](try Data(contentsOf: url))], seed: 3), range: 0..<300, scratch: scratch)
        #expect(counts.inputs == 300)
        #expect(counts.uncleanErrors == 0, "\(counts.examples)")
        #expect(counts.cleanErrors > 0)
    }
}
