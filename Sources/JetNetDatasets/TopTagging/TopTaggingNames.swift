/// A Top Quark Tagging jet type; the class index is the `is_signal_new` value.
public enum TopTaggingJetType: String, DatasetName {
    /// QCD (light quark and gluon) jets (`qcd`).
    case qcd = "qcd"
    /// Top-quark jets (`top`).
    case top = "top"

    public static var datasetName: String { "TopTagging" }
    public static var kind: String { "jet type" }
}

/// A Top Quark Tagging particle feature (the `E_i`, `PX_i`, `PY_i`, `PZ_i` columns).
public enum TopTaggingParticleFeature: String, DatasetName {
    /// Energy (`E`).
    case energy = "E"
    /// Momentum along x (`px`).
    case px = "px"
    /// Momentum along y (`py`).
    case py = "py"
    /// Momentum along z (`pz`).
    case pz = "pz"

    public static var datasetName: String { "TopTagging" }
    public static var kind: String { "particle" }
}

/// A Top Quark Tagging jet feature: the class index and the `truth*` four-momentum
/// (the top quark's; zeros for QCD jets — that is what jetnet returns).
public enum TopTaggingJetFeature: String, DatasetName {
    /// The class index, `is_signal_new` (`type`).
    case type = "type"
    /// Energy (`E`).
    case energy = "E"
    /// Momentum along x (`px`).
    case px = "px"
    /// Momentum along y (`py`).
    case py = "py"
    /// Momentum along z (`pz`).
    case pz = "pz"

    public static var datasetName: String { "TopTagging" }
    public static var kind: String { "jet" }
}
