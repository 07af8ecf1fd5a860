extension FeaturewiseLinearBounded {
    /// The normalisation of `[etarel, phirel, ptrel]` used to train FPND's ParticleNet
    /// (jetnet's `JetNet.fpnd_norm`, from arXiv:2106.11535).
    public static let fpnd = FeaturewiseLinearBounded(
        norms: [1.0], shifts: [0.0, 0.0, -0.5],
        maxes: [1.6211985349655151, 0.520724892616272, 0.8934717178344727])
}
