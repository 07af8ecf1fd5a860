import Foundation
import JetNet

extension BenchTasks {
    /// bench/tasks/cov_mmd.py: COV/MMD with jetnet's defaults (10 batches of 100 x 100 EMDs), seed 0.
    static let emd: [String: Task] = [
        "cov-mmd": { data in
            let (real, gen) = try data.jetPair()
            let result = try Metrics.covMMD(real: real, gen: gen, seed: 0)
            return ["cov": [result.cov], "mmd": [result.mmd]]
        },
    ]
}
