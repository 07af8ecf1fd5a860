/// A Quark Gluon jet type; the class index is the file's `y` label.
public enum QuarkGluonJetType: String, JetTypeName {
    /// Gluon jets (`g`, label 0).
    case gluon = "g"
    /// Quark jets (`q`, label 1).
    case quark = "q"

    public static var datasetName: String { "QuarkGluon" }
}
