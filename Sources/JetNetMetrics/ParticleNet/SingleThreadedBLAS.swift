import CBLAS
import Foundation

/// Runs work with OpenBLAS limited to one thread, for callers that parallelise over their own
/// workers (one BLAS thread per worker beats workers fighting over BLAS's spinning threads).
///
/// OpenBLAS's thread count is process-wide, so overlapping scopes are counted and the count
/// before the first scope is restored when the last one ends. Other BLAS users in the process
/// run single-threaded meanwhile: slower, never different.
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
}
