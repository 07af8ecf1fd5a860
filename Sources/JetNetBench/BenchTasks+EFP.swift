import Foundation
import JetNet

extension BenchTasks {
    /// Energy Flow Polynomials: bench/tasks/efps_d4.py.
    static let efp: [String: Task] = [
        "efps-d4": { data in
            let real = try NPYFile.read(data.url("real.npy"), as: Float.self)
            let values = try efps(real, selection: ["d<=4"])
            let columns = values.shape[1]
            var sums = [Double](repeating: 0, count: columns)
            for (index, value) in values.storage.enumerated() { sums[index % columns] += value }
            return ["column_sums": sums, "first_jet": Array(values.storage[0..<columns])]
        },
    ]
}
