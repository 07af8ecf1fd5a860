import JetNetMetrics

extension EvaluationRun {
    /// COV and MMD with EMD (jetnet's `cov_mmd(real, gen)`; the mask feature is not needed:
    /// masked particles have zero pt).
    func covMMD() throws -> CovMMD {
        try Metrics.covMMD(
            real: inputs.real, gen: inputs.gen, samples: options.covMMD.samples, batches: options.covMMD.batches,
            seed: options.seed)
    }
}
