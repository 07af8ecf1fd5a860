import JetNetCore

/// JetNet jets `[etarel, phirel, ptrel, mask]` split into kinematics and mask.
public enum ParticleMask {
    /// The first three features with masked-out particles zeroed, and the mask (the fourth
    /// feature) when there is one.
    ///
    /// - Parameter jets: `[jets, particles, features]` in JetNet order; a fourth feature is the
    ///   mask (0 = no particle), later features are dropped.
    /// - Returns: the kinematics `[jets, particles, 3]` and the mask `[jets, particles]`, or the
    ///   jets themselves and `nil` when they have no fourth feature.
    public static func split(_ jets: NDArray<Float>) -> (kinematics: NDArray<Float>, mask: NDArray<Float>?) {
        guard jets.rank == 3, jets.shape[2] >= 4 else { return (jets, nil) }
        let mask = jets.selectingLast([3])
        var kinematics = jets.selectingLast([0, 1, 2])
        kinematics.withUnsafeMutableBufferPointer { values in
            for particle in 0..<mask.count where mask.storage[particle] == 0 {
                for feature in 0..<3 { values[particle * 3 + feature] = 0 }
            }
        }
        return (kinematics, mask.reshaped(Array(jets.shape.prefix(2))))
    }
}
