/// A JetNet particle feature, in the order the files store them.
public enum JetNetParticleFeature: String, ParticleFeatureName {
    /// Pseudorapidity relative to the jet (`etarel`).
    case etaRel = "etarel"
    /// Azimuth relative to the jet (`phirel`).
    case phiRel = "phirel"
    /// Transverse momentum over the jet's (`ptrel`).
    case ptRel = "ptrel"
    /// 1 for a real particle, 0 for padding (`mask`).
    case mask = "mask"

    public static var datasetName: String { "JetNet" }
}
