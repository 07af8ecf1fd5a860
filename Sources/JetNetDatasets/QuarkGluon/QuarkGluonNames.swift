/// A Quark Gluon jet type; the class index is the file's `y` label.
public enum QuarkGluonJetType: String, DatasetName {
    /// Gluon jets (`g`, label 0).
    case gluon = "g"
    /// Quark jets (`q`, label 1).
    case quark = "q"

    public static var datasetName: String { "QuarkGluon" }
    public static var kind: String { "jet type" }
}

/// A Quark Gluon particle feature, in the order of the files' `X` array
/// (`eta` is energyflow's rapidity `y`; jetnet calls it `eta`).
public enum QuarkGluonParticleFeature: String, DatasetName {
    /// Transverse momentum (`pt`).
    case pt = "pt"
    /// Rapidity (`eta`).
    case eta = "eta"
    /// Azimuth (`phi`).
    case phi = "phi"
    /// PDG particle id (`pdgid`).
    case pdgid = "pdgid"

    public static var datasetName: String { "QuarkGluon" }
    public static var kind: String { "particle" }
}

/// A Quark Gluon jet feature: only the class index.
public enum QuarkGluonJetFeature: String, DatasetName {
    /// The class index, the file's `y` (`type`).
    case type = "type"

    public static var datasetName: String { "QuarkGluon" }
    public static var kind: String { "jet" }
}
