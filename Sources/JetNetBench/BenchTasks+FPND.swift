import Foundation
import JetNet

extension BenchTasks {
    /// bench/tasks/fpnd.py: FPND of the 50k real jets against jetnet's gluon statistics.
    static let fpnd: [String: Task] = [
        "fpnd": { data in
            let real = try NPYFile.read(data.url("real.npy"), as: Float.self)
            return ["value": [try Metrics.fpnd(real, jetType: "g", showProgress: false)]]
        },
    ]
}
