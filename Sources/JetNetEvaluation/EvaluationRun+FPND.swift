import JetNetMetrics

extension EvaluationRun {
    /// FPND of the generated jets against jetnet's statistics for the jet type, its ParticleNet
    /// progress reported as `.progress("fpnd", done, total)`.
    func fpnd() throws -> Double {
        let report = progress.map { report in { @Sendable (done: Int, total: Int) in report(.progress("fpnd", done: done, total: total)) } }
        return try Metrics.fpnd(
            gen: inputs.gen, jetType: options.jetType ?? "", progress: report, precision: options.fpndPrecision ?? .float32)
    }
}
