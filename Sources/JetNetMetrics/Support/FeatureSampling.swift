import CBLAS
import Foundation
import JetNetCore

/// Shared plumbing of FPD and KPD: input checks, jetnet's feature normalisation, and rows
/// gathered by index.
enum FeatureSampling {
    /// Checks a `[samples, features]` array: rank 2, at least one row, finite values.
    static func check(_ array: NDArray<Double>, name: String) throws {
        guard array.rank == 2 else { throw MetricError.wrongRank(array: name, expected: 2, shape: array.shape) }
        guard array.shape[0] > 0, array.shape[1] > 0 else {
            throw MetricError.tooFewSamples(array: name, rows: array.shape[0], needed: 1)
        }
        if let bad = array.storage.firstIndex(where: { !$0.isFinite }) {
            throw MetricError.nonFinite(array: name, index: bad)
        }
    }

    /// Checks both feature arrays and that they have the same number of features.
    static func checkPair(_ real: NDArray<Double>, _ gen: NDArray<Double>) throws {
        try check(real, name: "real features")
        try check(gen, name: "generated features")
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
        var maxes = [Double](repeating: 0, count: d)
        real.withUnsafeBufferPointer { x in
            maxes.withUnsafeMutableBufferPointer { m in
                for i in 0..<real.shape[0] { for k in 0..<d { m[k] = max(m[k], abs(x[i * d + k])) } }
            }
        }
        return maxes.map { $0 == 0 ? 1 : $0 }
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
