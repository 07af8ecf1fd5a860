import Foundation
import JetNet

extension BenchTasks {
    /// FPD and KPD on the 36 d<=4 EFPs of 50k vs 50k jets: bench/tasks/fpd.py and kpd.py.
    static let fpdKPD: [String: Task] = [
        "fpd": { data in
            let (real, gen) = try efpFeatures(data)
            let result = try Metrics.fpd(real: real, gen: gen)
            return ["value": [result.value], "error": [result.error]]
        },
        "kpd": { data in
            let (real, gen) = try efpFeatures(data)
            let result = try Metrics.kpd(real: real, gen: gen)
            return ["value": [result.value], "error": [result.error]]
        },
    ]

    private static func efpFeatures(_ data: BenchData) throws -> (NDArray<Double>, NDArray<Double>) {
        (try data.doubles("real_efps.npy"), try data.doubles("gen_efps.npy"))
    }
}
