import JetNetCore
import JetNetMetrics
import JetNetPhysics

extension EvaluationRun {
    /// The five `n==4, d==4, p==1` EFPs of both samples (W1EFP's features), computed once.
    ///
    /// When FPD or KPD run too, the five are columns of their 36 `d<=4` EFPs rather than a
    /// second pass over the particles: the same polynomials, equal to the separately computed
    /// ones up to the order of floating-point sums (agreement to 1e-12 is tested).
    func w1efpFeatures() throws -> (real: NDArray<Double>, gen: NDArray<Double>) {
        guard cache["EFPs d<=4"] != nil || options.metrics.contains(.fpd) || options.metrics.contains(.kpd) else {
            return try shared("EFPs n==4 d==4 p==1") { try efps($0) }
        }
        let all = try fpdKPDFeatures()
        let columns = try Self.w1efpColumnsOfFPDKPDFeatures()
        return (real: all.real.selectingLast(columns), gen: all.gen.selectingLast(columns))
    }

    /// Where W1EFP's five EFPs sit among the 36 `d<=4` EFPs, in W1EFP's order.
    static func w1efpColumnsOfFPDKPDFeatures() throws -> [Int] {
        let all = try EFPSet(["d<=4"]).graphs
        return try EFPSet(Metrics.Defaults.w1efpSelection).graphs.map { graph in
            guard let column = all.firstIndex(of: graph) else {
                preconditionFailure("EFP \(graph) of W1EFP's selection is not a d<=4 EFP")
            }
            return column
        }
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
