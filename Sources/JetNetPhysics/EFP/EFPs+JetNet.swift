import JetNetCore

/// Energy Flow Polynomials of jets in JetNet format, as `jetnet.utils.efps` computes them.
///
/// The features are reordered from JetNet's `[eta, phi, pt, (mass)]` to energyflow's
/// `[pt, y, phi, (m)]` (eta stands in for the rapidity) and evaluated with measure `hadr`,
/// beta 1, kappa 1, not normed, exactly jetnet's `EFPSet(*efpset_args, measure="hadr", beta=1,
/// normed=None, coords="ptyphim")`. Under `hadr` the mass column does not change the values.
///
/// jetnet's docstring says the default is "n=4, d=5, prime"; its code, and this function, use
/// `n==4, d==4, p==1` (5 EFPs).
///
/// - Parameters:
///   - jets: one jet `[particles, features]` or a batch `[jets, particles, features]`, features
///     `[eta, phi, pt]` or, with `particleMasses`, `[eta, phi, pt, mass]` (extra columns ignored).
///   - particleMasses: whether the fourth feature is the particle mass (default false: massless).
///   - selection: energyflow selection conditions (default `["n==4", "d==4", "p==1"]`).
/// - Returns: `[graphs]` for one jet or `[jets, graphs]`, in energyflow's graph order.
/// - Throws: ``EFPError`` for a wrong rank, too few features or a bad selection.
public func efps(_ jets: NDArray<Float>, particleMasses: Bool = false,
                 selection: [String] = ["n==4", "d==4", "p==1"]) throws -> NDArray<Double> {
    try jetNetEFPs(jets, particleMasses: particleMasses, selection: selection)
}

/// ``efps(_:particleMasses:selection:)`` of float64 jets, computed from their float64 values.
public func efps(_ jets: NDArray<Double>, particleMasses: Bool = false,
                 selection: [String] = ["n==4", "d==4", "p==1"]) throws -> NDArray<Double> {
    try jetNetEFPs(jets, particleMasses: particleMasses, selection: selection)
}

// One body for both element types; the public overloads let the compiler specialise it.
private func jetNetEFPs<T: NDArrayElement & BinaryFloatingPoint>(_ jets: NDArray<T>, particleMasses: Bool, selection: [String]) throws -> NDArray<Double> {
    guard jets.rank == 2 || jets.rank == 3 else {
        throw EFPError.wrongRank(expected: "[particles, features] or [jets, particles, features]", shape: jets.shape)
    }
    let needed = particleMasses ? 4 : 3
    guard let features = jets.shape.last, features >= needed else {
        throw EFPError.wrongFeatureCount(
            expected: particleMasses ? "4 features [eta, phi, pt, mass]" : "at least 3 features [eta, phi, pt]",
            shape: jets.shape)
    }
    // The input policy (finite values, pt >= 0); a single jet is checked as one of one.
    try InputPolicy.checkJets(jets.rank == 2 ? jets.reshaped([1] + jets.shape) : jets, name: "jets")
    let set = try EFPSet(selection, measure: .hadr, beta: 1, kappa: 1, normed: false, coordinates: .ptyphim)
    // energyflow's [pt, y, phi, (m)] read from JetNet's [eta, phi, pt, (m)] in place.
    let order = particleMasses ? [2, 0, 1, 3] : [2, 0, 1]
    if jets.rank == 2 {
        let values = try set.batchCompute(jets.reshaped([1] + jets.shape), featureOrder: order)
        return values.reshaped([values.shape[1]])
    }
    return try set.batchCompute(jets, featureOrder: order)
}
