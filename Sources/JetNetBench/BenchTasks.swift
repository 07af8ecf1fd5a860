import Foundation
import JetNet

/// The Swift side of each task in bench/tasks/*.py, by the task's NAME.
///
/// Each closure does the task's whole work (reading its inputs included, as the Python side does)
/// and returns the values bench/parity compares with the reference. Each area adds its tasks in
/// its own `BenchTasks+Area.swift` file.
enum BenchTasks {
    typealias Task = @Sendable (BenchData) throws -> [String: [Double]]

    static let all: [String: Task] = [baseline, io, datasets, fpnd, fpdKPD, w1, efp, emd, evaluate, augment, calo, pythonAPI].reduce(into: [:]) { all, area in
        all.merge(area) { first, _ in first }
    }

    /// `baseline`: no work. Its peak RSS is the process's own (the binary, the Swift runtime,
    /// Foundation): bench/scaling subtracts it to give the memory a task adds to its inputs.
    static let baseline: [String: Task] = ["baseline": { _ in [:] }]
}
