import Foundation
import JetNetCore
@testable import JetNetEvaluation
import JetNetMetrics
import Testing

/// The evaluation layer: metric names, options, the JSON schema, input checks.
@Suite("Evaluation")
struct EvaluationTests {
    @Test("Metric lists parse in canonical order, accept all and cov_mmd, and reject unknown names")
    func parse() throws {
        #expect(try MetricKind.parseList("fpd,w1m,cov_mmd,w1m") == [.w1m, .fpd, .covMMD])
        #expect(try MetricKind.parseList("all") == MetricKind.allCases)
        #expect(MetricKind.allCases.map(\.rawValue) == ["w1m", "w1p", "w1efp", "fpd", "kpd", "cov-mmd", "fpnd"])
        #expect(throws: EvaluationError.unknownMetric("w2m")) { try MetricKind.parseList("w1m,w2m") }
        #expect(throws: EvaluationError.self) { try MetricKind.parseList("") }
    }

    @Test("Paper units: W1M, W1P, FPD, KPD ×1e3, W1EFP ×1e5, the rest ×1")
    func units() {
        let scales = Dictionary(uniqueKeysWithValues: MetricKind.allCases.map { ($0, $0.paperScale) })
        #expect(scales == [.w1m: 1e3, .w1p: 1e3, .w1efp: 1e5, .fpd: 1e3, .kpd: 1e3, .covMMD: 1, .fpnd: 1])
    }

    @Test("Default options are jetnet's")
    func defaults() {
        let options = EvaluationOptions()
        #expect(options.w1m == .init(samples: 50_000, batches: 5) && options.w1p == options.w1m && options.w1efp == options.w1m)
        #expect(options.fpd == .init(minSamples: 20_000, maxSamples: 50_000, batches: 20, points: 10))
        #expect(options.kpd == .init(samples: 5_000, batches: 10))
        #expect(options.covMMD == .init(samples: 100, batches: 10))
        #expect(options.seed == 42)
    }

    @Test("The JSON schema has the documented keys and round-trips, infinities included")
    func schema() throws {
        let input = EvaluationResult.Input(source: "r.npy", shape: [10, 30, 3])
        var result = EvaluationResult(inputs: .init(real: input, gen: input, options: EvaluationOptions(seed: 3)))
        result.w1m = .init(value: 1e-3, error: 2e-4)
        result.w1p = .init(values: [1, .infinity, 3], errors: [0.1, .nan, 0.3])
        result.w1efp = .init(values: [1e-5, 2e-5, 3e-5, 4e-5, 5e-5], errors: [0, 0, 0, 0, 0])
        result.fpd = .init(value: 0.01, error: 0.002)
        result.kpd = .init(value: -1e-5, error: 1e-5)
        result.covMMD = .init(cov: 0.5, mmd: 0.04)
        result.fpnd = 0.2
        let data = try result.jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["w1m", "w1p", "w1efp", "fpd", "kpd", "cov_mmd", "fpnd", "inputs", "seed", "version"])
        #expect((object["cov_mmd"] as? [String: Double]) == ["cov": 0.5, "mmd": 0.04])
        #expect((object["fpd"] as? [String: Double]) == ["value": 0.01, "error": 0.002])
        #expect((object["fpnd"] as? [String: Double]) == ["value": 0.2])
        #expect(String(decoding: data, as: UTF8.self).contains("\"Infinity\""))
        let back = try EvaluationResult.decode(data)
        #expect(back.w1p?.values[1] == .infinity && back.w1p?.errors[1].isNaN == true)
        #expect(back.computed == MetricKind.allCases)
        #expect(back.formatted(.w1m) == "1.00 ± 0.20")
        #expect(formatMeasurement(46.8, 19.9) == "47 ± 20" && formatMeasurement(9.65e-17, 80) == "0 ± 80")
        #expect(formatMeasurement(-0.374, 1.02) == "-0.4 ± 1.0" && formatMeasurement(10.8, 3.65) == "10.8 ± 3.6")
        #expect(back.formatted(.w1efp) == "3 ± 0")
        #expect(back.formatted(.covMMD) == "0.5 / 0.04")
    }

    @Test("A fourth feature is the mask: masked particles are zeroed and the mask is kept")
    func masks() throws {
        var values = [Float](repeating: 0, count: 2 * 2 * 4)
        values[0..<4] = [0.1, 0.2, 0.5, 1]
        values[4..<8] = [0.3, 0.4, 0.6, 0]
        values[8..<12] = [0.5, 0.6, 0.7, 1]
        let jets = NDArray(shape: [2, 2, 4], storage: values)
        let inputs = try EvaluationInputs(real: jets, gen: jets)
        #expect(inputs.real.shape == [2, 2, 3])
        #expect(Array(inputs.real.storage[0..<9]) == [0.1, 0.2, 0.5, 0, 0, 0, 0.5, 0.6, 0.7])
        #expect(inputs.realMask?.shape == [2, 2] && inputs.realMask?.storage == [1, 0, 1, 0])
    }

    @Test("Wrong shapes, mismatched shapes and FPND without statistics are refused before any metric runs")
    func refusals() {
        let good = NDArray<Float>(zeros: [4, 30, 3])
        #expect(throws: EvaluationError.wrongShape(array: "real jets", shape: [4, 30])) {
            try Metrics.evaluate(real: NDArray<Float>(zeros: [4, 30]), gen: good)
        }
        #expect(throws: EvaluationError.wrongShape(array: "generated jets", shape: [4, 30, 5])) {
            try Metrics.evaluate(real: good, gen: NDArray<Float>(zeros: [4, 30, 5]))
        }
        #expect(throws: EvaluationError.shapeMismatch(real: [4, 30, 3], gen: [4, 20, 3])) {
            try Metrics.evaluate(real: good, gen: NDArray<Float>(zeros: [4, 20, 3]))
        }
        #expect(throws: EvaluationError.fpndNeedsJetType) {
            try Metrics.evaluate(real: good, gen: good, options: EvaluationOptions(metrics: [.fpnd]))
        }
        #expect(throws: EvaluationError.noFPNDStatistics(jetType: "w", supported: ["g", "q", "t"])) {
            try Metrics.evaluate(real: good, gen: good, options: EvaluationOptions(metrics: [.fpnd], jetType: "w"))
        }
        let fifty = NDArray<Float>(zeros: [4, 50, 3])
        #expect(throws: EvaluationError.fpndNeedsThirtyParticles(particles: 50)) {
            try Metrics.evaluate(real: fifty, gen: fifty, options: EvaluationOptions(metrics: [.fpnd], jetType: "g"))
        }
    }

    @Test("W1EFP read from FPD/KPD's d<=4 EFPs equals W1EFP computed alone, to rounding")
    func w1efpSharesTheFPDKPDFeatures() throws {
        let columns = try EvaluationRun.w1efpColumnsOfFPDKPDFeatures()
        #expect(columns.count == 5 && columns == columns.sorted() && Set(columns).count == 5)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24)
        }
        func sample() -> NDArray<Float> {
            NDArray(shape: [300, 12, 3], storage: (0..<(300 * 12)).flatMap { _ in [uniform() - 0.5, uniform() - 0.5, uniform() / 12] })
        }
        let real = sample(), gen = sample()
        let alone = try Metrics.evaluate(real: real, gen: gen, options: EvaluationOptions(metrics: [.w1efp]).fitting(jets: 300))
        let shared = try Metrics.evaluate(real: real, gen: gen, options: EvaluationOptions(metrics: [.w1efp, .kpd]).fitting(jets: 300))
        let a = try #require(alone.w1efp), b = try #require(shared.w1efp)
        #expect(a.values.count == 5 && b.values.count == 5)
        for (x, y) in zip(a.values + a.errors, b.values + b.errors) {
            #expect(x > 0 && abs(x - y) <= 1e-12 * abs(x), "\(x) vs \(y)")
        }
    }

    @Test("Sample sizes fitted to a small sample stay within it")
    func fitting() {
        let options = EvaluationOptions().fitting(jets: 1000)
        #expect(options.w1m.samples == 1000 && options.w1p.samples == 1000)
        #expect(options.fpd.maxSamples == 1000 && options.fpd.minSamples == 500)
        #expect(options.kpd.samples == 1000)
        #expect(options.covMMD.samples == 100)
    }
}
