// Metrics whose implementations have not landed in this build yet; each moves to its own
// `EvaluationRun+<Metric>.swift` when it does, and joins `MetricKind.availableInThisBuild`.

extension MetricKind {
    /// The metrics this build can compute.
    public static let availableInThisBuild: Set<MetricKind> = [.w1m, .w1p, .w1efp, .fpd, .kpd, .fpnd]
}

extension EvaluationRun {
    func covMMD() throws -> EvaluationResult.CovMMD { throw EvaluationError.metricUnavailable(.covMMD) }
}
