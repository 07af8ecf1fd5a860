/// A Quark Gluon jet feature: only the class index.
public enum QuarkGluonJetFeature: String, JetFeatureName {
    /// The class index, the file's `y` (`type`).
    case type = "type"

    public static var datasetName: String { "QuarkGluon" }
}
