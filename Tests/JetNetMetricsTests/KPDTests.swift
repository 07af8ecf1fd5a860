import Foundation
import JetNetCore
import Testing
import JetNetTestSupport
@testable import JetNetMetrics

@Suite("KPD", .serialized)
struct KPDTests {
    static func check(_ result: MetricValue, _ expected: [Double], relative: Double, absolute: Double = 1e-12) {
        #expect(agrees(result.value, expected[0], relative: relative, absolute: absolute), "value \(result.value) vs \(expected[0])")
        #expect(agrees(result.error, expected[1], relative: relative, absolute: absolute), "error \(result.error) vs \(expected[1])")
    }

    @Test("Per-batch MMD equals jetnet's _kpd_batches (seed 9, 6 x 1000, unnormalised), by moments and by tiles",
          arguments: PolynomialMMD.Method.allCases)
    func batches(method: PolynomialMMD.Method) throws {
        let (g, t) = (try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        let expected = try FPDKPDFixture.reference()["on_fixture_features"]["kpd_batches_g_vs_t_1000x6_seed9_unnormalised"].doubles
        let values = try Metrics.kpdBatches(real: g, gen: t, samples: 1000, batches: 6, normalise: false, seed: 9, threads: nil,
                                            method: method)
        #expect(values.count == expected.count)
        for (a, b) in zip(values, expected) { #expect(agrees(a, b, relative: 1e-9), "\(a) vs \(b)") }
    }

    @Test("Moments and tiles give the same MMD on jetnet's batch size (5000 draws of 36 EFPs, normalised)")
    func methodsAgree() throws {
        let (g, t) = (try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        let values = try PolynomialMMD.Method.allCases.map {
            try Metrics.kpdBatches(real: g, gen: t, samples: 5000, batches: 3, normalise: true, seed: 42, threads: nil, method: $0)
        }
        for (a, b) in zip(values[0], values[1]) { #expect(agrees(a, b, relative: 1e-12), "\(a) vs \(b)") }
    }

    /// `sum_{i != j}` of the kernel within each sample and `sum_{i, j}` across, pair by pair.
    static func pairwiseSums(_ x: WeightedRows, _ y: WeightedRows, features d: Int) -> [Double] {
        func kernel(_ a: WeightedRows, _ i: Int, _ b: WeightedRows, _ j: Int) -> Double {
            var dot = 0.0
            for k in 0..<d { dot += a.value(i, k) * b.value(j, k) }
            let k = dot / Double(d) + 1
            return k * k * k * k
        }
        func sum(_ a: WeightedRows, _ b: WeightedRows, same: Bool) -> Double {
            var total = 0.0
            for i in 0..<a.count {
                for j in 0..<b.count {
                    // Within a sample, a row drawn w times pairs with itself w (w - 1) times.
                    let pairs = same && i == j ? a.weights[i] * (a.weights[i] - 1) : a.weights[i] * b.weights[j]
                    total += pairs * kernel(a, i, b, j)
                }
            }
            return total
        }
        return [sum(x, x, same: true), sum(y, y, same: true), sum(x, y, same: false)]
    }

    @Test("Fourth-moment kernel sums equal the pair-by-pair sums, for every register tile",
          arguments: [1, 2, 5, 9, 36], [[1, 1], [1, 3], [1, 6], [2, 5], [3, 2], [4, 6]])
    func momentKernelSums(features d: Int, tile: [Int]) {
        // Rows drawn with repeats (weights up to 4); values of both signs, divided by divisors.
        var rng = NumPyGenerator(seed: UInt64(d))
        let rows = 90
        let values = (0..<(rows * d)).map { _ in Double(rng.nextUInt32()) / Double(UInt32.max) * 3 - 1 }
        let divisors = (0..<d).map { 1.5 + Double($0 % 3) }
        let sums = values.withUnsafeBufferPointer { source -> ([Double], [Double]) in
            let x = WeightedRows(source, d: d, rows: rng.choice(rows, count: 70), dividedBy: divisors)
            let y = WeightedRows(source, d: d, rows: rng.choice(rows, count: 60), dividedBy: divisors)
            #expect(x.weights.contains { $0 > 1 } && y.weights.contains { $0 > 1 })
            let moments = FourthMoments.kernelSums(x, y, features: d, tile: (tile[0], tile[1]))
            return ([moments.xx, moments.yy, moments.xy], Self.pairwiseSums(x, y, features: d))
        }
        for (moments, pairwise) in zip(sums.0, sums.1) {
            #expect(agrees(moments, pairwise, relative: 1e-13), "\(moments) vs \(pairwise)")
        }
    }

    @Test("The cheaper method: moments for jetnet's defaults (4758 distinct rows of 36 features); tiles for small batches or over 4M moments")
    func cheaperMethod() {
        // 2 x 4758 x C(40, 4) = 870 M multiply-adds against 37 x 2 x 4758^2 = 1675 M.
        #expect(PolynomialMMD.Method.cheaper(4758, 4758, features: 36) == .moments)
        // 2 x 787 x 91390 = 144 M against 37 x 2 x 787^2 = 46 M.
        #expect(PolynomialMMD.Method.cheaper(787, 787, features: 36) == .tiles)
        #expect(FourthMoments.count(features: 36) == 91390 && FourthMoments.count(features: 2) == 15)
        // 91 features: C(95, 4) = 3.2 M moments are cheaper for 10^6 rows, but 100 features
        // (4.6 M) exceed maxMoments; a million features must not overflow the count.
        #expect(PolynomialMMD.Method.cheaper(1_000_000, 1_000_000, features: 91) == .moments)
        #expect(PolynomialMMD.Method.cheaper(1_000_000, 1_000_000, features: 100) == .tiles)
        #expect(PolynomialMMD.Method.cheaper(10, 10, features: 1_000_000) == .tiles)
    }

    @Test("jetnet defaults and variants: jetnet on the same features and the goldens")
    func defaults() throws {
        let (g, t) = (try FPDKPDFixture.features("g"), try FPDKPDFixture.features("t"))
        let reference = try FPDKPDFixture.reference()
        let onFixture = reference["on_fixture_features"], golden = reference["golden"]["kpd"]
        let gt = try Metrics.kpd(real: g, gen: t)
        Self.check(gt, onFixture["kpd_g_vs_t_defaults"].doubles, relative: 1e-7)
        Self.check(gt, golden["g_vs_t_defaults"].doubles, relative: 1e-7)
        let gg = try Metrics.kpd(real: g, gen: g)
        Self.check(gg, onFixture["kpd_g_vs_g_defaults"].doubles, relative: 1e-7)
        // Against the golden's unrounded features: ~3e-8 relative (measured with jetnet itself).
        Self.check(gg, golden["g_vs_g_defaults"].doubles, relative: 1e-7)
        let small = try Metrics.kpd(real: g, gen: t, samples: 1000, batches: 6, normalise: false, seed: 9)
        Self.check(small, onFixture["kpd_g_vs_t_1000x6_seed9_unnormalised"].doubles, relative: 1e-7)
        Self.check(small, golden["g_vs_t_1000x6_seed9_unnormalised"].doubles, relative: 1e-7)
    }

    @Test("jetnet's own test: twos vs zeros = 15 normalised, 624 not; zeros vs zeros = 0")
    func jetnetTests() throws {
        // jetnet's test has 50,000 rows; constant rows make the row count irrelevant.
        let twos = NDArray<Double>(shape: [500, 2], repeating: 2)
        let zeros = NDArray<Double>(zeros: [500, 2])
        // (x.x/2 + 1)^4 - 1 per term: normalised x = 1 gives 2^4 - 1 = 15; raw x = 2 gives 5^4 - 1.
        #expect(try Metrics.kpd(real: twos, gen: zeros) == MetricValue(value: 15, error: 0))
        #expect(try Metrics.kpd(real: twos, gen: zeros, normalise: false) == MetricValue(value: 624, error: 0))
        #expect(try Metrics.kpd(real: zeros, gen: zeros) == MetricValue(value: 0, error: 0))
    }

    @Test("NumPy percentile (linear) and median")
    func percentiles() {
        let values = [1.0, 2, 4, 8, 16, 32, 64, 128, 256, 512]
        // index 9 * 0.83725 = 7.53525 -> 128 + 0.53525 * 128; index 1.46475 -> 2 + 0.46475 * 2.
        #expect(abs(Percentile.linear(values, 83.725) - (128 + 0.53525 * 128)) < 1e-12)
        #expect(abs(Percentile.linear(values, 16.275) - (2 + 0.46475 * 2)) < 1e-12)
        #expect(Percentile.median(values) == 24 && Percentile.median([3, 1, 2].sorted()) == 2)
    }

    @Test("Bad input throws")
    func badInput() {
        let a = NDArray<Double>(shape: [100, 3], repeating: 1)
        #expect(throws: MetricError.self) { try Metrics.kpd(real: a, gen: NDArray<Double>(zeros: [100, 4])) }
        #expect(throws: MetricError.self) { try Metrics.kpd(real: a, gen: a, samples: 1) }
        #expect(throws: MetricError.self) { try Metrics.kpd(real: a, gen: a, batches: 0) }
        var bad = a
        bad[0, 0] = .infinity
        #expect(throws: InputError.nonFiniteFeature(array: "real features", jet: 0, feature: 0, value: "inf")) { try Metrics.kpd(real: bad, gen: a) }
    }
}
