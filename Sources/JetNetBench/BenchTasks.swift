import Foundation
import JetNet

/// The Swift side of each task in bench/tasks/*.py, by the task's NAME.
///
/// Each closure does the task's whole work (reading its inputs included, as the Python side does)
/// and returns the values bench/parity compares with the reference.
enum BenchTasks {
    typealias Task = @Sendable (BenchData) throws -> [String: [Double]]

    static let all: [String: Task] = [
        "read-npy": { data in
            let array = try NPYFile.read(data.url("big.npy"), as: Float.self)
            return ["count": [Double(array.count)]]
        },
        "read-hdf5-150": { data in
            let file = try HDF5File(url: data.url("g150.hdf5"))
            let array = try file.read("particle_features", as: Float.self)
            return ["count": [Double(array.count)]]
        },
        "fpnd": { data in
            let real = try NPYFile.read(data.url("real.npy"), as: Float.self)
            return ["value": [try Metrics.fpnd(real, jetType: "g", showProgress: false)]]
        },
    ]
}
