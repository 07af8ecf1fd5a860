import Foundation
import JetNet

extension BenchTasks {
    /// bench/tasks/fpnd.py: FPND of the 50k real jets against jetnet's gluon statistics.
    static let fpnd: [String: Task] = [
        "fpnd": { data in
            let real = try data.floats("real.npy")
            return ["value": [try Metrics.fpnd(gen: real, jetType: "g")]]
        },
    ]
}
