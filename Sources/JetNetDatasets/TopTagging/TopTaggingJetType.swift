/// A Top Quark Tagging jet type; the class index is the `is_signal_new` value.
public enum TopTaggingJetType: String, JetTypeName {
    /// QCD (light quark and gluon) jets (`qcd`).
    case qcd = "qcd"
    /// Top-quark jets (`top`).
    case top = "top"

    public static var datasetName: String { "TopTagging" }
}
