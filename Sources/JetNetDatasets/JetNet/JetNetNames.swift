/// A JetNet jet type, named as jetnet names it; the raw value is also the file's stem
/// (`g.hdf5`, `g150.hdf5`).
public enum JetNetJetType: String, DatasetName {
    /// Gluon jets (`g`).
    case gluon = "g"
    /// Light-quark jets (`q`).
    case quark = "q"
    /// Top-quark jets (`t`).
    case top = "t"
    /// W-boson jets (`w`).
    case w = "w"
    /// Z-boson jets (`z`).
    case z = "z"

    public static var datasetName: String { "JetNet" }
    public static var kind: String { "jet type" }
}

/// A JetNet particle feature, in the order the files store them.
public enum JetNetParticleFeature: String, DatasetName {
    /// Pseudorapidity relative to the jet (`etarel`).
    case etaRel = "etarel"
    /// Azimuth relative to the jet (`phirel`).
    case phiRel = "phirel"
    /// Transverse momentum over the jet's (`ptrel`).
    case ptRel = "ptrel"
    /// 1 for a real particle, 0 for padding (`mask`).
    case mask = "mask"

    public static var datasetName: String { "JetNet" }
    public static var kind: String { "particle" }
}

/// A JetNet jet feature, in jetnet's order: the class index, then the file's columns.
public enum JetNetJetFeature: String, DatasetName {
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
    public static var kind: String { "jet" }
}
