extension MetricKind {
    /// The metrics that apply to jets with `particles` particles: every metric, FPND only when a
    /// jet type is given and the jets have the 30 particles its network was trained on. The CLI,
    /// the sensitivity study and the benchmarks choose their default metrics with this rule.
    ///
    /// - Parameters:
    ///   - particles: particles per jet.
    ///   - jetType: FPND's jet type, if any.
    /// - Returns: the metrics in ``allCases`` order.
    public static func applicable(particles: Int, jetType: String?) -> [MetricKind] {
        allCases.filter { $0 != .fpnd || (jetType != nil && particles == 30) }
    }
}
