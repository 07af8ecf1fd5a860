import Foundation
import JetNet

extension BenchTasks {
    /// Augmentations: bench/tasks/augment.py (Swift only; no Python reference exists), and one
    /// task per stage (`augment-30-rotate`, ...) to see where the time goes.
    static let augment: [String: Task] = {
        var tasks: [String: Task] = ["augment-30": { data in try augmented(data, "rotate,translate,smear,collinear-split") }]
        for stage in ["rotate", "translate", "smear", "collinear-split"] {
            tasks["augment-30-\(stage)"] = { data in try augmented(data, stage) }
        }
        return tasks
    }()

    /// Augments real4.npy (`[50000, 30, 4]`, JetNet order with mask) with `pipeline`, seed 1;
    /// returns the feature sums of the result (untimed).
    private static func augmented(_ data: BenchData, _ pipeline: String) throws -> [String: [Double]] {
        let real = try data.floats("real4.npy")
        let out = try AugmentationPipeline(parsing: pipeline).apply(to: real, layout: .jetnet, seed: 1)
        return BenchClock.untimed {
            var sums = [Double](repeating: 0, count: 4)
            for (index, value) in out.storage.enumerated() { sums[index % 4] += Double(value) }
            return ["feature_sums": sums, "jets": [Double(out.shape[0])]]
        }
    }
}
