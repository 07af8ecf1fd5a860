import JetNetCore

extension EvaluationRun {
    /// The d<=4 EFPs of both samples (jetnet's `get_fpd_kpd_jet_features`), computed once.
    func fpdKPDFeatures() throws -> (real: NDArray<Double>, gen: NDArray<Double>) {
        try shared("EFPs d<=4") { try Metrics.fpdKPDJetFeatures($0) }
    }

    /// FPD of the d<=4 EFPs (jetnet's `fpd(real_efps, gen_efps)`), seeded with the run's seed.
    func fpd() throws -> EvaluationResult.ValueError {
        let (real, gen) = try fpdKPDFeatures()
        let result = try timed("fpd") {
            try Metrics.fpd(real: real, gen: gen, minSamples: options.fpd.minSamples, maxSamples: options.fpd.maxSamples,
                            numBatches: options.fpd.batches, numPoints: options.fpd.points, seed: options.seed)
        }
        return .init(value: result.value, error: result.error)
    }

    /// KPD of the d<=4 EFPs (jetnet's `kpd(real_efps, gen_efps)`), seeded with the run's seed.
    func kpd() throws -> EvaluationResult.ValueError {
        let (real, gen) = try fpdKPDFeatures()
        let result = try timed("kpd") {
            try Metrics.kpd(real: real, gen: gen, numBatches: options.kpd.batches, batchSize: options.kpd.batchSize, seed: options.seed)
        }
        return .init(value: result.value, error: result.error)
    }
}
