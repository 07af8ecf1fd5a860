extension MetricKind {
    /// The metrics this build can compute (all of them; kept as a set so a build without a
    /// metric can say so instead of failing).
    public static let availableInThisBuild: Set<MetricKind> = Set(MetricKind.allCases)
}
