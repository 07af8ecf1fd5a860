import Foundation

extension Metrics {
    /// Progress of a long metric, `progress(done, total)`, called from worker threads as work
    /// finishes (at most once per percent); the caller decides how to show it.
    public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void
}

/// Adds up the work finished on several threads and reports it at most once per percent.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let report: Metrics.Progress
    private var done = 0
    private var reportedPercent = -1

    init(total: Int, report: @escaping Metrics.Progress) {
        self.total = total
        self.report = report
    }

    /// Records `count` more finished items.
    @Sendable func advance(_ count: Int) {
        lock.withLock {
            done += count
            let percent = total > 0 ? done * 100 / total : 100
            guard percent != reportedPercent else { return }
            reportedPercent = percent
            report(done, total)
        }
    }
}
