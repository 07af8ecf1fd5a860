/// A Top Quark Tagging jet feature: the class index and the `truth*` four-momentum
/// (the top quark's; zeros for QCD jets — that is what jetnet returns).
public enum TopTaggingJetFeature: String, JetFeatureName {
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
}
