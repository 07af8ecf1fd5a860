import JetNetCore

extension EvaluationRun {
    /// The d<=4 EFPs of both samples (jetnet's `get_fpd_kpd_jet_features`), computed once.
    func fpdKPDFeatures() throws -> (real: NDArray<Double>, gen: NDArray<Double>) {
        try shared("EFPs d<=4") { try Metrics.fpdKPDJetFeatures($0) }
    }

    /// FPD of the d<=4 EFPs (jetnet's `fpd(real_efps, gen_efps)`), seeded with the run's seed.
    func fpd() throws -> MetricValue {
        let (real, gen) = try fpdKPDFeatures()
        return try Metrics.fpd(real: real, gen: gen, minSamples: options.fpd.minSamples, maxSamples: options.fpd.maxSamples,
                               numBatches: options.fpd.batches, numPoints: options.fpd.points, seed: options.seed)
    }

    /// KPD of the d<=4 EFPs (jetnet's `kpd(real_efps, gen_efps)`), seeded with the run's seed.
    func kpd() throws -> MetricValue {
        let (real, gen) = try fpdKPDFeatures()
        return try Metrics.kpd(real: real, gen: gen, numBatches: options.kpd.batches, batchSize: options.kpd.batchSize, seed: options.seed)
    }
}
