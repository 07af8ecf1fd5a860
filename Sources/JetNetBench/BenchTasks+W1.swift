import Foundation
import JetNet

extension BenchTasks {
    /// W1 tasks: bench/tasks/w1p.py, w1m.py and w1efp.py (50k vs 50k jets, seed 0).
    static let w1: [String: Task] = [
        "w1p": { data in
            let (real, gen) = try data.jetPair()
            let result = try Metrics.w1p(real: real, gen: gen, seed: 0)
            return ["values": result.values, "stds": result.errors]
        },
        "w1m": { data in
            let (real, gen) = try data.jetPair()
            let result = try Metrics.w1m(real: real, gen: gen, seed: 0)
            return ["value": [result.value], "std": [result.error]]
        },
        "w1efp": { data in
            let (real, gen) = try data.jetPair()
            let result = try Metrics.w1efp(real: real, gen: gen, seed: 0)
            return ["values": result.values, "stds": result.errors]
        },
    ]
}
