/// A Quark Gluon jet type; the class index is the file's `y` label.
public enum QuarkGluonJetType: String, DatasetName {
    case gluon = "g"
    case quark = "q"

    public static var datasetName: String { "QuarkGluon" }
    public static var kind: String { "jet type" }
}

/// A Quark Gluon particle feature, in the order of the files' `X` array
/// (`eta` is energyflow's rapidity `y`; jetnet calls it `eta`).
public enum QuarkGluonParticleFeature: String, DatasetName {
    case pt = "pt"
    case eta = "eta"
    case phi = "phi"
    case pdgid = "pdgid"

    public static var datasetName: String { "QuarkGluon" }
    public static var kind: String { "particle" }
}

/// A Quark Gluon jet feature: only the class index.
public enum QuarkGluonJetFeature: String, DatasetName {
    case type = "type"

    public static var datasetName: String { "QuarkGluon" }
    public static var kind: String { "jet" }
}
