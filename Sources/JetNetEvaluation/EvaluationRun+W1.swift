import JetNetMetrics

extension EvaluationRun {
    /// W1M of the jet masses (particle masses zero: the fourth feature is the mask).
    func w1m() throws -> EvaluationResult.ValueStd {
        let result = try Metrics.w1m(
            real: inputs.real, gen: inputs.gen, samples: options.w1m.samples, batches: options.w1m.batches, seed: options.seed)
        return .init(value: result.mean, std: result.std ?? 0)
    }

    /// W1P of etarel, phirel, ptrel, masked particles left out (jetnet's `w1p(real, gen, real_mask, gen_mask)`).
    func w1p() throws -> EvaluationResult.ValuesStds {
        let result = try Metrics.w1p(
            real: inputs.real, gen: inputs.gen, realMask: inputs.realMask, genMask: inputs.genMask,
            samples: options.w1p.samples, batches: options.w1p.batches, seed: options.seed)
        return .init(values: result.means, stds: result.stds ?? [])
    }
}
