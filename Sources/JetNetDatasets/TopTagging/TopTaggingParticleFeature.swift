/// A Top Quark Tagging particle feature (the `E_i`, `PX_i`, `PY_i`, `PZ_i` columns).
public enum TopTaggingParticleFeature: String, ParticleFeatureName {
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
