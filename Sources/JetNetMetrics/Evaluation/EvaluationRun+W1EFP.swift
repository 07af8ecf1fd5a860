extension EvaluationRun {
    /// W1EFP of the five `n==4, d==4, p==1` EFPs (jetnet's `w1efp`).
    func w1efp() throws -> EvaluationResult.ValuesStds {
        let result = try Metrics.w1efp(
            real: inputs.real, gen: inputs.gen, samples: options.w1efp.samples, batches: options.w1efp.batches, seed: options.seed)
        return .init(values: result.means, stds: result.stds ?? [])
    }
}
