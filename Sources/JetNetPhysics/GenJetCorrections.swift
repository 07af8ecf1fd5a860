import JetNetCore

/// Clean-ups for generated jets (jetnet's `gen_jet_corrections`): zero the particles whose mask
/// (the last feature) is below 0.5 and clip negative pt to 0.
public enum GenJetCorrections {
    /// Corrects generated jets and splits off their mask (jetnet's default,
    /// `ret_mask_separate=True`).
    ///
    /// - Parameters:
    ///   - jets: jets of shape `[jets, particles, features]` whose last feature is the mask.
    ///   - zeroMaskedParticles: set every feature of particles with mask `< 0.5` to 0.
    ///   - zeroNegativePt: set negative values of feature `ptIndex` to 0.
    ///   - ptIndex: index of pt on the last axis (jetnet's default 2).
    /// - Returns: the particles without the mask column, shape `[jets, particles, features - 1]`,
    ///   and the mask `mask >= 0.5` (NaN counts as masked), shape `[jets, particles]`.
    /// - Throws: ``PhysicsError`` when `jets` is not of rank 3, has fewer than 2 features, or
    ///   `ptIndex` is not a feature index.
    public static func correctSeparatingMask<T: NDArrayElement & BinaryFloatingPoint>(
        _ jets: NDArray<T>, zeroMaskedParticles: Bool = true, zeroNegativePt: Bool = true, ptIndex: Int = 2
    ) throws -> (particles: NDArray<T>, mask: NDArray<Bool>) {
        let (corrected, mask) = try correct(jets, useMask: true, zeroMaskedParticles: zeroMaskedParticles,
                                            zeroNegativePt: zeroNegativePt, ptIndex: ptIndex)
        let width = jets.shape[2]
        return (corrected.selectingLast(Array(0..<(width - 1))), mask!)
    }

    /// Corrects generated jets keeping the mask column in place (jetnet's
    /// `ret_mask_separate=False`).
    ///
    /// - Parameters:
    ///   - jets: jets of shape `[jets, particles, features]` whose last feature is the mask.
    ///   - zeroMaskedParticles: set every feature (the mask too) of particles with mask `< 0.5` to 0.
    ///   - zeroNegativePt: set negative values of feature `ptIndex` to 0.
    ///   - ptIndex: index of pt on the last axis (jetnet's default 2).
    /// - Returns: the corrected jets, shape `[jets, particles, features]`.
    /// - Throws: ``PhysicsError`` as ``correctSeparatingMask(_:zeroMaskedParticles:zeroNegativePt:ptIndex:)``.
    public static func correct<T: NDArrayElement & BinaryFloatingPoint>(
        _ jets: NDArray<T>, zeroMaskedParticles: Bool = true, zeroNegativePt: Bool = true, ptIndex: Int = 2
    ) throws -> NDArray<T> {
        try correct(jets, useMask: zeroMaskedParticles, zeroMaskedParticles: zeroMaskedParticles,
                    zeroNegativePt: zeroNegativePt, ptIndex: ptIndex).jets
    }

    private static func correct<T: NDArrayElement & BinaryFloatingPoint>(
        _ jets: NDArray<T>, useMask: Bool, zeroMaskedParticles: Bool, zeroNegativePt: Bool, ptIndex: Int
    ) throws -> (jets: NDArray<T>, mask: NDArray<Bool>?) {
        guard jets.rank == 3 else {
            throw PhysicsError.wrongRank(array: "jets", shape: jets.shape, expected: "3 axes [jets, particles, features]")
        }
        let width = jets.shape[2]
        guard width >= 2 else { throw PhysicsError.tooFewFeatures(array: "jets", shape: jets.shape, needed: 2) }
        guard ptIndex >= 0, ptIndex < width else {
            throw PhysicsError.invalidArgument(name: "ptIndex", value: "\(ptIndex)", allowed: "a feature index in 0..<\(width)")
        }
        let rows = jets.count / width
        var out = jets
        var mask = [Bool](repeating: false, count: useMask ? rows : 0)
        out.withUnsafeMutableBufferPointer { values in
            for row in 0..<rows {
                let base = row * width
                if useMask {
                    let kept = values[base + width - 1] >= 0.5
                    mask[row] = kept
                    if zeroMaskedParticles && !kept {
                        for k in 0..<width { values[base + k] = 0 }
                    }
                }
                if zeroNegativePt && values[base + ptIndex] < 0 { values[base + ptIndex] = 0 }
            }
        }
        return (out, useMask ? NDArray(shape: Array(jets.shape.dropLast()), storage: mask) : nil)
    }
}
