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
        // Both at once; the real sample's error first if both are bad.
        let outcomes = ParallelTasks.map(2, threads: nil) { index in
            Result { try check(index == 0 ? real : gen, name: index == 0 ? "real features" : "generated features") }
        }
        for outcome in outcomes { try outcome.get() }
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
        let (n, d) = (real.shape[0], real.shape[1])
        // Two halves of the rows at once (a maximum does not depend on the order).
        let halves = ParallelTasks.map(2, threads: nil) { half -> [Double] in
            var maxes = [Double](repeating: 0, count: d)
            real.withUnsafeBufferPointer { x in
                maxes.withUnsafeMutableBufferPointer { m in
                    for i in (half * n / 2)..<((half + 1) * n / 2) { for k in 0..<d { m[k] = max(m[k], abs(x[i * d + k])) } }
                }
            }
            return maxes
        }
        return (0..<d).map { k in max(halves[0][k], halves[1][k]) }.map { $0 == 0 ? 1 : $0 }
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
