import JetNetMetrics

extension EvaluationRun {
    /// W1M of the jet masses (particle masses zero: the fourth feature is the mask).
    func w1m() throws -> MetricValue {
        try Metrics.w1m(
            real: inputs.real, gen: inputs.gen, samples: options.w1m.samples, batches: options.w1m.batches, seed: options.seed)
    }

    /// W1P of etarel, phirel, ptrel, masked particles left out (jetnet's `w1p(real, gen, real_mask, gen_mask)`).
    func w1p() throws -> MetricValues {
        try Metrics.w1p(
            real: inputs.real, gen: inputs.gen, realMask: inputs.realMask, genMask: inputs.genMask,
            samples: options.w1p.samples, batches: options.w1p.batches, seed: options.seed)
    }
}
