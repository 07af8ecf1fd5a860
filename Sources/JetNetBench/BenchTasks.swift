import Foundation
import JetNet

/// The Swift side of each task in bench/tasks/*.py, by the task's NAME.
///
/// Each closure does the task's whole work and returns the values bench/parity compares with the
/// reference. Inputs the Python side loads before its timed callable (`data.npy(...)` in the
/// task's `python(data)`) are read through ``BenchData/npy(_:as:)``, which keeps them after the
/// first repetition; inputs whose reading is the task are read inside the closure. Each area adds its tasks in
/// its own `BenchTasks+Area.swift` file.
enum BenchTasks {
    typealias Task = @Sendable (BenchData) throws -> [String: [Double]]

    static let all: [String: Task] = [io, datasets, fpnd, fpdKPD, w1, efp, emd, evaluate].reduce(into: [:]) { all, area in
        all.merge(area) { first, _ in first }
    }
}
