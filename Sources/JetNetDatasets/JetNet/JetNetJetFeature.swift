/// A JetNet jet feature, in jetnet's order: the class index, then the file's columns.
public enum JetNetJetFeature: String, JetFeatureName {
    /// The jet type's class index (`type`).
    case type = "type"
    /// Jet transverse momentum (`pt`).
    case pt = "pt"
    /// Jet pseudorapidity (`eta`).
    case eta = "eta"
    /// Jet mass (`mass`).
    case mass = "mass"
    /// Constituents, capped at the requested particle count (`num_particles`).
    case numParticles = "num_particles"

    public static var datasetName: String { "JetNet" }
}
