import Foundation
import JetNet
@_spi(PrecisionStudy) import JetNetMetrics

extension BenchTasks {
    /// bench/tasks/fpnd.py: FPND of the 50k real jets against jetnet's gluon statistics;
    /// bench/tasks/fpnd_fp16.py: the same in ParticleNet's float16 mode.
    static let fpnd: [String: Task] = [
        "fpnd": { data in
            let real = try data.floats("real.npy")
            return ["value": [try Metrics.fpnd(gen: real, jetType: "g")]]
        },
        "fpnd-fp16": { data in
            let real = try data.floats("real.npy")
            return ["value": [try Metrics.fpnd(gen: real, jetType: "g", precision: .float16)]]
        },
        // bench/fp16_precision.py: float32 FPND and float16 FPND for several partial-sum lengths
        // on the first N jets, for each N; values "float32/N" and "float16/b/N".
        "fpnd-fp16-study": { data in
            let real = try data.floats("real.npy")
            var values: [String: [Double]] = [:]
            for count in fp16StudySizes where count <= real.shape[0] {
                let jets = real.rows(0..<count)
                values["float32/\(count)"] = [try Metrics.fpnd(gen: jets, jetType: "g", useAllJets: true)]
                for block in fp16StudyBlocks {
                    values["float16/\(block)/\(count)"] = [try Metrics.fpnd(gen: jets, jetType: "g", float16Block: block)]
                }
            }
            return values
        },
    ]

    static let fp16StudySizes = [50_000, 10_000, 2_000]
    static let fp16StudyBlocks = [4, 8, 16, 32, 64, 128, 256]
}
