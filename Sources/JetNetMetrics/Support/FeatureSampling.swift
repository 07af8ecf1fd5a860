import CBLAS
import Foundation
import JetNetCore

/// Shared plumbing of FPD and KPD: input checks, jetnet's feature normalisation, and rows
/// gathered by index.
enum FeatureSampling {
    /// Checks a `[samples, features]` array: rank 2, at least one feature, and the
    /// ``InputPolicy`` for per-jet features (at least 2 jets, finite values).
    static func check(_ array: NDArray<Double>, name: String) throws {
        guard array.rank == 2 else { throw MetricError.wrongRank(array: name, expected: 2, shape: array.shape) }
        guard array.shape[1] > 0 else { throw MetricError.wrongFeatureCount(array: name, expected: "at least 1", shape: array.shape) }
        try InputPolicy.checkJetFeatures(array, name: name, minimumJets: 2)
    }

    /// Checks both feature arrays and that they have the same number of features.
    static func checkPair(_ real: NDArray<Double>, _ gen: NDArray<Double>) throws {
        // Both arrays at once (each check reads its whole array); the real array's error first,
        // as if checked one after the other.
        let errors = ParallelTasks.map(2, threads: nil) { side -> (any Error)? in
            do {
                try check(side == 0 ? real : gen, name: side == 0 ? "real features" : "generated features")
                return nil
            } catch {
                return error
            }
        }
        if let error = errors[0] ?? errors[1] { throw error }
        guard real.shape[1] == gen.shape[1] else {
            throw MetricError.shapeMismatch(first: "real features", firstShape: real.shape, second: "generated features", secondShape: gen.shape)
        }
    }

    static func positive(_ value: Int, _ name: String) throws {
        guard value > 0 else { throw MetricError.invalidArgument(name: name, value: "\(value)", allowed: "a positive integer") }
    }

    /// jetnet's `_normalise_features`: both arrays divided by the real sample's per-feature
    /// maximum of `|x|` (features that are all zero are left as they are).
    static func normalised(_ real: NDArray<Double>, _ gen: NDArray<Double>) -> (NDArray<Double>, NDArray<Double>) {
        let d = real.shape[1]
        let divisors = normalisationDivisors(real)
        @Sendable func divide(_ a: NDArray<Double>) -> NDArray<Double> {
            let count = a.count
            let values = a.withUnsafeBufferPointer { x in
                divisors.withUnsafeBufferPointer { m in
                    [Double](unsafeUninitializedCapacity: count) { out, initialized in
                        for i in 0..<(count / d) { for k in 0..<d { out[i * d + k] = x[i * d + k] / m[k] } }
                        initialized = count
                    }
                }
            }
            return NDArray(shape: a.shape, storage: values)
        }
        let both = ParallelTasks.map(2, threads: nil) { $0 == 0 ? divide(real) : divide(gen) }
        return (both[0], both[1])
    }

    /// The per-feature divisors of ``normalised(_:_:)``: the real sample's maximum `|x|`, 1 for
    /// features that are all zero.
    ///
    /// - Parameter real: shape `[samples, features]`.
    /// - Returns: shape `[features]`.
    static func normalisationDivisors(_ real: NDArray<Double>) -> [Double] {
        let d = real.shape[1]
        // Two halves of the rows in parallel: a maximum does not depend on the order.
        let rows = real.shape[0], halves = rows >= 4096 ? 2 : 1
        let partial = real.withUnsafeBufferPointer { x in
            nonisolated(unsafe) let x = x
            return ParallelTasks.map(halves, threads: nil) { half in
                var m = [Double](repeating: 0, count: d)
                for i in (rows * half / halves)..<(rows * (half + 1) / halves) {
                    for k in 0..<d { m[k] = max(m[k], abs(x[i * d + k])) }
                }
                return m
            }
        }
        return (0..<d).map { k in
            let largest = partial.map { $0[k] }.max()!
            return largest == 0 ? 1 : largest
        }
    }

    /// Rows `indices` of `source` (`[rows, d]` row-major) copied into `out` (`[indices.count, d]`).
    static func gather(_ source: UnsafeBufferPointer<Double>, d: Int, _ indices: ArraySlice<Int>, into out: UnsafeMutablePointer<Double>) {
        var position = out
        for index in indices {
            position.update(from: source.baseAddress! + index * d, count: d)
            position += d
        }
    }
}
