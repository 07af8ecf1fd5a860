import Foundation
import JetNet

extension BenchTasks {
    /// bench/tasks/evaluate_all.py: every metric but FPND on 50k vs 50k jets in one evaluation
    /// (jetnet's functions called in sequence on the Python side), jetnet's default sizes.
    static let evaluate: [String: Task] = [
        "evaluate-all": { data in try evaluateAll(data, withFPND: false) },
        // bench/tasks/evaluate_all_fpnd.py: the same plus FPND of the generated jets (type g).
        "evaluate-all-fpnd": { data in try evaluateAll(data, withFPND: true) },
    ]

    private static func evaluateAll(_ data: BenchData, withFPND: Bool) throws -> [String: [Double]] {
        let (real, gen) = try data.jetPair()
        let metrics = MetricKind.applicable(particles: real.shape[1], jetType: withFPND ? "g" : nil)
        let result = try Metrics.evaluate(
            real: real, gen: gen, options: EvaluationOptions(metrics: metrics, seed: 0, jetType: "g"))
        var values: [String: [Double]] = [:]
            if let w1m = result.w1m { values["w1m"] = [w1m.value, w1m.error] }
            if let w1p = result.w1p { values["w1p"] = w1p.values }
            if let w1efp = result.w1efp { values["w1efp"] = w1efp.values }
            if let fpd = result.fpd { values["fpd"] = [fpd.value, fpd.error] }
            if let kpd = result.kpd { values["kpd"] = [kpd.value, kpd.error] }
            if let covMMD = result.covMMD { values["cov_mmd"] = [covMMD.cov, covMMD.mmd] }
            if let fpnd = result.fpnd { values["fpnd"] = [fpnd] }
            return values
    }
}
