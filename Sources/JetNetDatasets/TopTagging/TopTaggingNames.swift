/// A Top Quark Tagging jet type; the class index is the `is_signal_new` value.
public enum TopTaggingJetType: String, DatasetName {
    case qcd = "qcd"
    case top = "top"

    public static var datasetName: String { "TopTagging" }
    public static var kind: String { "jet type" }
}

/// A Top Quark Tagging particle feature (the `E_i`, `PX_i`, `PY_i`, `PZ_i` columns).
public enum TopTaggingParticleFeature: String, DatasetName {
    case energy = "E"
    case px = "px"
    case py = "py"
    case pz = "pz"

    public static var datasetName: String { "TopTagging" }
    public static var kind: String { "particle" }
}

/// A Top Quark Tagging jet feature: the class index and the `truth*` four-momentum
/// (the top quark's; zeros for QCD jets — that is what jetnet returns).
public enum TopTaggingJetFeature: String, DatasetName {
    case type = "type"
    case energy = "E"
    case px = "px"
    case py = "py"
    case pz = "pz"

    public static var datasetName: String { "TopTagging" }
    public static var kind: String { "jet" }
}
