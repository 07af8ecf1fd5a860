import JetNetMetrics

extension EvaluationRun {
    /// FPND of the generated jets against jetnet's statistics for the jet type.
    func fpnd() throws -> EvaluationResult.Value {
        let jetType = options.jetType ?? ""
        return .init(value: try Metrics.fpnd(inputs.gen, jetType: jetType, showProgress: progress != nil))
    }
}
