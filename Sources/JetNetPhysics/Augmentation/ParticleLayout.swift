import JetNetCore

/// Where an augmentation finds each particle's coordinates in the feature axis, and whether
/// they are relative to the jet or absolute.
///
/// ```swift
/// let jetnet = ParticleLayout.jetnet                                   // [etarel, phirel, ptrel, mask]
/// let absolute = ParticleLayout.absolute(eta: 1, phi: 2, pt: 0)        // JetCLR's (pt, eta, phi)
/// ```
///
/// Parameters measured in GeV (smearing strength, pt thresholds) need a pt in GeV. In the
/// absolute frame the pt feature is in GeV; in the relative frame `ptrel` is a fraction of the
/// jet's pt and is multiplied by ``jetPT`` (or by the per-jet pts passed to
/// ``AugmentationPipeline/apply(to:layout:seed:jetIndices:jetPT:threads:)``).
public struct ParticleLayout: Sendable, Equatable, Hashable {
    /// How the angular and pt features are measured.
    public enum Frame: String, Sendable, CaseIterable {
        /// `(etarel, phirel, ptrel)`: angles from the jet axis, pt as a fraction of the jet's.
        case relative
        /// `(eta, phi, pt)`: detector angles, pt in GeV, `phi` kept in `[-pi, pi]`.
        case absolute
        /// `(E, px, py, pz)` in GeV: converted to absolute `(eta, phi, pt)` for the
        /// augmentations and back, each particle keeping its ratio `E / |p|` (so a massive
        /// particle split collinearly keeps the jet's 4-momentum).
        case cartesian
    }

    /// Relative or absolute coordinates.
    public var frame: Frame
    /// The feature index of (relative) pseudorapidity.
    public var eta: Int
    /// The feature index of (relative) azimuth.
    public var phi: Int
    /// The feature index of (relative) transverse momentum.
    public var pt: Int
    /// The feature index of the mask (non-zero for a real particle), or `nil` when a particle
    /// is real exactly when its pt is positive.
    public var mask: Int?
    /// The feature indices of `(E, px, py, pz)` in the Cartesian frame, else `nil`.
    public var momentum: [Int]?
    /// The jet pt in GeV that converts `ptrel` to GeV when no per-jet pts are given (relative
    /// frame only). JetNet's jets have pt near 1 TeV, hence the default.
    public var jetPT: Double

    /// A layout; see ``relative(eta:phi:pt:mask:jetPT:)`` and ``absolute(eta:phi:pt:mask:)``.
    public init(frame: Frame, eta: Int, phi: Int, pt: Int, mask: Int? = nil, jetPT: Double = 1000) {
        self.frame = frame
        self.eta = eta
        self.phi = phi
        self.pt = pt
        self.mask = mask
        self.jetPT = jetPT
    }

    /// Relative coordinates `(etarel, phirel, ptrel)` at the given feature indices.
    public static func relative(eta: Int = 0, phi: Int = 1, pt: Int = 2, mask: Int? = nil, jetPT: Double = 1000) -> ParticleLayout {
        ParticleLayout(frame: .relative, eta: eta, phi: phi, pt: pt, mask: mask, jetPT: jetPT)
    }

    /// Cartesian 4-momenta `(E, px, py, pz)` (GeV) at the given feature indices; a particle is
    /// real when its mask is non-zero or, without a mask, when its pt is positive.
    public static func cartesian(energy: Int = 0, px: Int = 1, py: Int = 2, pz: Int = 3, mask: Int? = nil) -> ParticleLayout {
        // eta, phi and pt name the columns of the converted working copy.
        var layout = ParticleLayout(frame: .cartesian, eta: 0, phi: 1, pt: 2, mask: mask, jetPT: 1)
        layout.momentum = [energy, px, py, pz]
        return layout
    }

    /// Absolute coordinates `(eta, phi, pt)` (pt in GeV) at the given feature indices.
    public static func absolute(eta: Int = 0, phi: Int = 1, pt: Int = 2, mask: Int? = nil) -> ParticleLayout {
        ParticleLayout(frame: .absolute, eta: eta, phi: phi, pt: pt, mask: mask, jetPT: 1)
    }

    /// JetNet's particle features `[etarel, phirel, ptrel, mask]`.
    public static let jetnet = ParticleLayout.relative(eta: 0, phi: 1, pt: 2, mask: 3)

    /// JetNet's particle features without the mask, `[etarel, phirel, ptrel]`.
    public static let jetnetWithoutMask = ParticleLayout.relative(eta: 0, phi: 1, pt: 2)

    /// The smallest feature count this layout can index.
    var requiredFeatures: Int { (indices.max() ?? 0) + 1 }

    /// Every feature index the layout names.
    var indices: [Int] {
        (frame == .cartesian ? momentum ?? [] : [eta, phi, pt]) + (mask.map { [$0] } ?? [])
    }

    /// Rejects indices that are negative, repeated or beyond `features`.
    func check(features: Int) throws {
        guard indices.allSatisfy({ $0 >= 0 }), Set(indices).count == indices.count,
              frame != .cartesian || momentum?.count == 4 else {
            throw PhysicsError.invalidArgument(
                name: "layout", value: "\(frame) features \(indices)",
                allowed: "distinct non-negative feature indices")
        }
        guard features >= requiredFeatures else {
            throw PhysicsError.tooFewFeatures(array: "particles", shape: [features], needed: requiredFeatures)
        }
        guard jetPT > 0, jetPT.isFinite else {
            throw PhysicsError.invalidArgument(name: "jetPT", value: "\(jetPT)", allowed: "positive and finite (GeV)")
        }
    }
}

extension ParticleLayout {
    /// Which slots hold a particle by this layout's rule: the mask is non-zero or, without a
    /// mask, the pt (in the Cartesian frame `hypot(px, py)`) is positive.
    ///
    /// - Parameter particles: `[jets, particles, features]` or `[particles, features]`.
    /// - Returns: one flag per slot, `[jets * particles]` in row-major order.
    /// - Throws: ``PhysicsError`` when the shape does not fit the layout.
    public func realParticles(in particles: NDArray<Float>) throws -> [Bool] {
        try PhysicsError.checkJets(particles.shape, name: "particles", features: 1)
        let width = particles.shape[particles.rank - 1]
        try check(features: width)
        let values = particles.storage
        return (0..<(particles.count / max(width, 1))).map { slot in
            let row = slot * width
            if let mask { return values[row + mask] != 0 }
            if frame == .cartesian, let momentum {
                let (x, y) = (values[row + momentum[1]], values[row + momentum[2]])
                return x * x + y * y > 0
            }
            return values[row + pt] > 0
        }
    }
}
