import Foundation

/// Runs independent, index-addressed tasks on up to `threads` threads.
///
/// Each task writes only its own result slot, so results never depend on the thread count;
/// tests run with 1 and 2 threads to check that.
enum ParallelTasks {
    /// The default worker count: the machine's active processors.
    static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body(i)` for every `i` in `0..<count`, spread over at most `threads` threads.
    ///
    /// With no limit (`threads` nil) the tasks are handed out as threads become free, which
    /// keeps both cores busy when other work (or another process) delays one of them.
    static func run(_ count: Int, threads: Int?, _ body: @Sendable (Int) -> Void) {
        let workers = min(count, max(1, threads ?? defaultThreads))
        if workers <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        if threads == nil {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for i in stride(from: worker, to: count, by: workers) { body(i) }
        }
    }

    /// Maps `0..<count` through `body` in parallel, keeping the order of the results.
    static func map<T: Sendable>(_ count: Int, threads: Int?, _ body: @Sendable (Int) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            run(count, threads: threads) { i in slots[i] = body(i) }
        }
        return results.map { $0! }
    }
}
