import CBLAS
import Foundation

/// Runs work with OpenBLAS limited to one thread.
///
/// Two reasons: callers that parallelise over their own workers (one BLAS thread per worker
/// beats workers fighting over BLAS's spinning threads), and reproducibility — OpenBLAS's
/// LAPACK (`dsyevd`, `dgesdd`) rounds differently with one thread than with two, and the
/// thread count is process-wide, so any LAPACK call that is not inside a scope would give
/// numbers that depend on what else the process is doing. Every BLAS/LAPACK call whose result
/// reaches a metric therefore runs inside a scope.
///
/// Overlapping scopes are counted and the count before the first scope is restored when the
/// last one ends.
enum SingleThreadedBLAS {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var depth = 0
    nonisolated(unsafe) private static var savedThreads: Int32 = 1

    static func run<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock.withLock {
            if depth == 0 {
                savedThreads = openblas_get_num_threads()
                openblas_set_num_threads(1)
            }
            depth += 1
        }
        defer {
            lock.withLock {
                depth -= 1
                if depth == 0 { openblas_set_num_threads(savedThreads) }
            }
        }
        return try body()
    }

    /// Sets OpenBLAS's process-wide thread count as a caller outside JetNet would, but only
    /// between scopes, so no running scope has its count changed under it (tests use this to
    /// show that results do not depend on the count a metric is called with).
    static func setProcessThreadCount(_ threads: Int32) {
        while !lock.withLock({ () -> Bool in
            guard depth == 0 else { return false }
            openblas_set_num_threads(threads)
            return true
        }) {
            usleep(1_000)
        }
    }
}
