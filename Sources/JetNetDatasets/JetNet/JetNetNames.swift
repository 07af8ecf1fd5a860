/// A JetNet jet type, named as jetnet names it; the raw value is also the file's stem
/// (`g.hdf5`, `g150.hdf5`).
public enum JetNetJetType: String, DatasetName {
    case gluon = "g"
    case quark = "q"
    case top = "t"
    case w = "w"
    case z = "z"

    public static var datasetName: String { "JetNet" }
    public static var kind: String { "jet type" }
}

/// A JetNet particle feature, in the order the files store them.
public enum JetNetParticleFeature: String, DatasetName {
    case etaRel = "etarel"
    case phiRel = "phirel"
    case ptRel = "ptrel"
    case mask = "mask"

    public static var datasetName: String { "JetNet" }
    public static var kind: String { "particle" }
}

/// A JetNet jet feature, in jetnet's order: the class index, then the file's columns.
public enum JetNetJetFeature: String, DatasetName {
    case type = "type"
    case pt = "pt"
    case eta = "eta"
    case mass = "mass"
    case numParticles = "num_particles"

    public static var datasetName: String { "JetNet" }
    public static var kind: String { "jet" }
}
