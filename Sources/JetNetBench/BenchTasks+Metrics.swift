import Foundation
import JetNet

extension BenchTasks {
    /// Metric tasks: bench/tasks/fpnd.py (more metrics register here as they land).
    static let metrics: [String: Task] = [
        "fpnd": { data in
            let real = try NPYFile.read(data.url("real.npy"), as: Float.self)
            return ["value": [try Metrics.fpnd(real, jetType: "g", showProgress: false)]]
        },
    ]
}
