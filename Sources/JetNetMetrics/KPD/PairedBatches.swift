import Foundation
import JetNetCore

/// One value per bootstrap batch of two samples, computed in parallel (FPD's and KPD's batches).
enum PairedBatches {
    /// Computes `value` for every batch, in parallel over batches with one BLAS thread per worker;
    /// each value depends only on its batch, never on the thread that computed it.
    /// - Parameters:
    ///   - x: the real sample, `[samples, d]`.
    ///   - y: the generated sample, `[samples, d]`.
    ///   - count: the number of batches.
    ///   - threads: worker threads (nil: all processors); the values do not depend on it.
    ///   - value: batch `b`'s value from the row-major buffers of `x` and `y`.
    /// - Returns: the `count` values in batch order.
    static func map(
        _ x: NDArray<Double>, _ y: NDArray<Double>, count: Int, threads: Int?,
        _ value: @escaping @Sendable (_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, _ batch: Int) -> Double
    ) -> [Double] {
        var values = [Double](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let results = out.baseAddress!
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    nonisolated(unsafe) let (xb, yb) = (xs, ys)
                    SingleThreadedBLAS.run {
                        ParallelTasks.run(count, threads: threads) { b in
                            results[b] = value(xb, yb, b)
                        }
                    }
                }
            }
        }
        return values
    }
}
