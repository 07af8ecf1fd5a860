import JetNetCore
import JetNetMetrics
import JetNetPhysics

extension EvaluationRun {
    /// The five `n==4, d==4, p==1` EFPs of both samples (W1EFP's features), computed once.
    func w1efpFeatures() throws -> (real: NDArray<Double>, gen: NDArray<Double>) {
        try shared("EFPs n==4 d==4 p==1") { try efps($0) }
    }

    /// The 36 `d<=4` EFPs of both samples (jetnet's `get_fpd_kpd_jet_features`), computed once
    /// for FPD and KPD.
    func fpdKPDFeatures() throws -> (real: NDArray<Double>, gen: NDArray<Double>) {
        try shared("EFPs d<=4") { try Metrics.fpdKPDJetFeatures($0) }
    }

    /// W1EFP: bootstrapped W1 per EFP, as jetnet's `w1efp` (which draws real then generated
    /// rows per batch, exactly ``Metrics/w1(real:gen:samples:batches:seed:)``).
    func w1efp() throws -> MetricValues {
        let features = try w1efpFeatures()
        return try Metrics.w1(
            real: features.real, gen: features.gen, samples: options.w1efp.samples, batches: options.w1efp.batches,
            seed: options.seed)
    }

    /// FPD on the `d<=4` EFPs.
    func fpd() throws -> MetricValue {
        let features = try fpdKPDFeatures()
        return try Metrics.fpd(
            real: features.real, gen: features.gen, minSamples: options.fpd.minSamples, maxSamples: options.fpd.maxSamples,
            batches: options.fpd.batches, points: options.fpd.points, seed: options.seed)
    }

    /// KPD on the `d<=4` EFPs.
    func kpd() throws -> MetricValue {
        let features = try fpdKPDFeatures()
        return try Metrics.kpd(
            real: features.real, gen: features.gen, samples: options.kpd.samples, batches: options.kpd.batches,
            seed: options.seed)
    }
}
