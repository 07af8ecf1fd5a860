/// A Quark Gluon particle feature, in the order of the files' `X` array
/// (`eta` is energyflow's rapidity `y`; jetnet calls it `eta`).
public enum QuarkGluonParticleFeature: String, ParticleFeatureName {
    /// Transverse momentum (`pt`).
    case pt = "pt"
    /// Rapidity (`eta`).
    case eta = "eta"
    /// Azimuth (`phi`).
    case phi = "phi"
    /// PDG particle id (`pdgid`).
    case pdgid = "pdgid"

    public static var datasetName: String { "QuarkGluon" }
}
