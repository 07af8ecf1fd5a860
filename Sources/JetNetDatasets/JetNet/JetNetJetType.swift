/// A JetNet jet type, named as jetnet names it; the raw value is also the file's stem
/// (`g.hdf5`, `g150.hdf5`).
public enum JetNetJetType: String, JetTypeName {
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
}
