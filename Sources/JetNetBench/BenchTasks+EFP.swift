import Foundation
import JetNet

extension BenchTasks {
    /// Energy Flow Polynomials: bench/tasks/efps_d4.py, and the larger sets for RESULTS.md.
    static let efp: [String: Task] = [
        "efps-d4": { data in try efpSums(data, selection: "d<=4", jets: nil) },
        "efps-d5": { data in try efpSums(data, selection: "d<=5", jets: nil) },
        "efps-d7": { data in try efpSums(data, selection: "d<=7", jets: nil) },
        "efps-d7-5k": { data in try efpSums(data, selection: "d<=7", jets: 5_000) },
    ]

    /// Column sums and the first jet's EFPs of real.npy (optionally its first `jets` jets).
    private static func efpSums(_ data: BenchData, selection: String, jets: Int?) throws -> [String: [Double]] {
        var real = try data.floats("real.npy")
        if let jets { real = real.rows(0..<min(jets, real.shape[0])) }
        let values = try efps(real, selection: [selection])
        let columns = values.shape[1]
        var sums = [Double](repeating: 0, count: columns)
        for (index, value) in values.storage.enumerated() { sums[index % columns] += value }
        return ["column_sums": sums, "first_jet": Array(values.storage[0..<columns])]
    }
}
