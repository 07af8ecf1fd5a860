import JetNetCore
import JetNetPhysics

extension Metrics {
    /// The recommended FPD/KPD features of jets: the 36 Energy Flow Polynomials of energyflow's
    /// `EFPSet("d<=4")`, in energyflow's order (the empty graph first), with jetnet's conventions
    /// (measure `hadr`, beta 1, not normed) — jetnet's `get_fpd_kpd_jet_features`.
    ///
    /// - Parameter jets: jets of shape `[jets, particles, features]` in JetNet order
    ///   `[etarel, phirel, ptrel, ...]` (further features, such as the mask, are ignored;
    ///   zero-padded particles add nothing).
    /// - Returns: the features, shape `[jets, 36]`.
    /// - Throws: ``MetricError`` when `jets` is not 3-D with at least 3 features, or the EFP
    ///   computation's error.
    public static func fpdKPDJetFeatures(_ jets: NDArray<Float>) throws -> NDArray<Double> {
        guard jets.rank == 3 else { throw MetricError.wrongRank(array: "jets", expected: 3, shape: jets.shape) }
        guard jets.shape[2] >= 3 else {
            throw MetricError.wrongFeatureCount(array: "jets", expected: "at least 3 [etarel, phirel, ptrel]", shape: jets.shape)
        }
        return try efps(jets.selectingLast([0, 1, 2]), selection: ["d<=4"])
    }
}
