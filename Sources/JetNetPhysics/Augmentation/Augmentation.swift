/// One physics-inspired change to a jet's particle cloud, for training: the augmentations of
/// JetCLR (Dillon et al., arXiv:2108.04253), the RODEM group's re-implementations and weaver's
/// ParticleNeXt input augmentations, with those codes' defaults.
///
/// Augmentations run in a ``AugmentationPipeline``, which gives each jet its own seeded random
/// stream:
///
/// ```swift
/// let pipeline = AugmentationPipeline([.rotation(), .collinearSplit(), .smear()])
/// let augmented = try pipeline.apply(to: particles, layout: .jetnet, seed: 1)
/// ```
///
/// Rules every augmentation keeps:
/// - Padded slots never move and never become particles, except that the collinear splits
///   write their new particles into free slots (and set their mask to 1).
/// - A removed particle is cleared entirely (every feature, mask included), as padding is stored.
/// - Particles stay where they are in the array (no re-sorting by pt); new ones take the
///   first free slots.
/// - Parameters in GeV (smearing strength, pt thresholds) are compared with the particle's pt
///   in GeV; in the relative frame that is `ptrel` times the jet pt (see ``ParticleLayout``).
/// - In the absolute frame, azimuths that move are wrapped into `[-pi, pi)`.
public struct Augmentation: Sendable, Equatable, Hashable {
    /// What the augmentation does, with its parameters.
    public enum Kind: Sendable, Equatable, Hashable {
        /// Rotation of each jet by an angle `~ U(0, 2 pi)` in the `(eta, phi)` plane about
        /// the jet axis.
        case rotation
        /// Translation of each jet's real particles by `d_eta ~ U(-w ptp_eta, w ptp_eta)`,
        /// `d_phi ~ U(-w ptp_phi, w ptp_phi)` clipped so `phi` stays in `[-pi, pi]`.
        case translation(width: Double)
        /// Soft smearing of each real particle's angles by `N(0, (strength / max(pt, ptMin))^2)`.
        case smear(strength: Double, ptMin: Double)
        /// JetCLR's collinear fill: `min(n, free slots)` distinct particles split at `r ~ U(0, 1)`.
        case collinearFill
        /// RODEM's collinear splitting: `U{0...min(maxSplits, free, splittable)}` distinct
        /// particles with pt above `minPT` split at `f ~ U(0.25, 0.75)`.
        case collinearSplit(maxSplits: Int, minPT: Double)
        /// Merging of close soft pairs (`dR < min(strength / (pt_i + pt_j), maxDeltaR)`), half of
        /// the candidates dropped at random, keeping at least `minParticles`.
        case merge(maxDeltaR: Double, strength: Double, minParticles: Int)
        /// Removal of `U{0...min(amount, n - minParticles)}` of the softest particles.
        case crop(amount: Int, minParticles: Int)
        /// A Lorentz boost along the jet axis with velocity `beta ~ U(0, maxBeta)`.
        case boost(maxBeta: Double)
        /// weaver's pt dropout: particles with pt (GeV) below a per-jet cut `~ N(0, sigma)` removed.
        case ptDropout(sigma: Double)
        /// weaver's input dropout: each particle removed with `probability`.
        case inputDropout(probability: Double)
        /// weaver's 4-vector scale: every pt of a jet multiplied by one factor `~ N(1, sigma)`.
        case fourVectorScale(sigma: Double)
        /// weaver's 4-vector smear: each particle's pt multiplied by its own factor `~ N(1, sigma)`.
        case fourVectorSmear(sigma: Double)
        /// weaver's 4-vector shift: each particle's `(eta, phi)` shifted by `N(0, sigma)` each.
        case fourVectorShift(sigma: Double)
    }

    /// What the augmentation does.
    public let kind: Kind

    /// Wraps a kind; the factories below give each source's defaults.
    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// Rotation about the jet axis by `U(0, 2 pi)` (JetCLR's `rotate_jets`, RODEM's
    /// `rotatate_constituents`; always on in JetCLR).
    ///
    /// The angle turns `(eta - eta_J, phi - phi_J)` about the jet axis `(eta_J, phi_J)`, the
    /// pt-weighted centroid of the real particles. JetCLR multiplies by the rotation matrix
    /// about the origin of its coordinates, which is the jet axis only for centred jets; here
    /// the centre is the axis whatever the frame, so absolute coordinates rotate correctly too.
    /// Particle pts are unchanged exactly; as a rotation in the `(eta, phi)` plane (not of
    /// 3-momenta) it keeps the jet's pt and mass to the small-angle approximation only.
    public static func rotation() -> Augmentation { Augmentation(.rotation) }

    /// Translation in `(eta, phi)` (JetCLR's `translate_jets`).
    ///
    /// The peak-to-peak spreads `ptp_eta`, `ptp_phi` and the `phi` limits are taken over the
    /// real particles only (JetCLR includes padded zeros in them); only real particles move.
    /// - Parameter width: `w`; JetCLR's training configuration uses 1 (its function default is 0.5).
    public static func translation(width: Double = 1) -> Augmentation { Augmentation(.translation(width: width)) }

    /// Soft smearing: each real particle's `eta` and `phi` move by independent
    /// `N(0, (strength / max(pt, ptMin))^2)` (JetCLR's `distort_jets`, RODEM's `smear_constituents`).
    ///
    /// JetCLR also moves padded slots (their zero pt is clipped to `ptMin`); here they stay put.
    /// - Parameters:
    ///   - strength: GeV (JetCLR and RODEM: 0.1).
    ///   - ptMin: GeV; JetCLR uses 0.1 (the default), RODEM 0.5.
    public static func smear(strength: Double = 0.1, ptMin: Double = 0.1) -> Augmentation {
        Augmentation(.smear(strength: strength, ptMin: ptMin))
    }

    /// JetCLR's collinear fill (`collinear_fill_jets`): with `n` real particles and `free` empty
    /// slots, `min(n, free)` distinct particles are each split into `r pt` (kept in place) and
    /// `(1 - r) pt` (a copy in the next free slot) at the same `(eta, phi)`, `r ~ U(0, 1)`.
    ///
    /// JetCLR applies it twice per view; list it twice in a pipeline to do the same. JetCLR
    /// writes the copies after the first `n` slots, assuming the particles come first; here they
    /// go to the slots that are actually free.
    public static func collinearFill() -> Augmentation { Augmentation(.collinearFill) }

    /// RODEM's collinear splitting (`collinear_splitting`): `U{0...min(maxSplits, free, splittable)}`
    /// distinct particles with pt above `minPT` are split, the copy taking `f pt` and the original
    /// keeping `(1 - f) pt`, `f ~ U(0.25, 0.75)`.
    ///
    /// RODEM picks among the first `splittable` slots, assuming pt order; here the candidates are
    /// the particles that pass the cut, wherever they are.
    /// - Parameters:
    ///   - maxSplits: at most this many splits per jet (RODEM: 20).
    ///   - minPT: GeV; softer particles are not split (RODEM: 0).
    public static func collinearSplit(maxSplits: Int = 20, minPT: Double = 0) -> Augmentation {
        Augmentation(.collinearSplit(maxSplits: maxSplits, minPT: minPT))
    }

    /// Merging of close soft pairs (RODEM's `merge_constituents`).
    ///
    /// Pairs of real particles with `dR < min(strength / (pt_i + pt_j), maxDeltaR)` are
    /// candidates; each is kept with probability 1/2, the kept ones are visited in random order
    /// and merged (4-momentum sum, stored as a massless particle at the sum's pseudorapidity and
    /// azimuth, the first particle's other features kept) when neither particle was merged yet,
    /// until only `minParticles` would remain.
    /// - Parameters:
    ///   - maxDeltaR: the largest separation considered (RODEM: 0.05).
    ///   - strength: GeV (RODEM: 0.2).
    ///   - minParticles: never leave fewer particles (RODEM: 10).
    public static func merge(maxDeltaR: Double = 0.05, strength: Double = 0.2, minParticles: Int = 10) -> Augmentation {
        Augmentation(.merge(maxDeltaR: maxDeltaR, strength: strength, minParticles: minParticles))
    }

    /// Cropping (RODEM's `crop_constituents`): `U{0...min(amount, n - minParticles)}` of the
    /// softest real particles are removed.
    ///
    /// RODEM removes the last slots, which are the softest for pt-ordered jets; here the softest
    /// by pt are removed wherever they are.
    /// - Parameters:
    ///   - amount: at most this many removed (RODEM: 10).
    ///   - minParticles: never leave fewer particles (RODEM: 10).
    public static func crop(amount: Int = 10, minParticles: Int = 10) -> Augmentation {
        Augmentation(.crop(amount: amount, minParticles: minParticles))
    }

    /// A Lorentz boost along the jet's 3-momentum with velocity `beta ~ U(0, maxBeta)`
    /// (RODEM's `random_boost`), particles massless.
    ///
    /// In the relative frame the particles are boosted as if the jet sat at `eta = 0`, and
    /// `ptrel` stays a fraction of the unboosted jet's pt, so the jet's gain in pt shows.
    /// - Parameter maxBeta: RODEM: 0.002.
    public static func boost(maxBeta: Double = 0.002) -> Augmentation { Augmentation(.boost(maxBeta: maxBeta)) }

    /// weaver's pt dropout (off by default there, so there is no default here): each jet draws
    /// a cut `~ N(0, sigma)` in GeV and loses the particles whose pt is not above it.
    public static func ptDropout(sigma: Double) -> Augmentation { Augmentation(.ptDropout(sigma: sigma)) }

    /// weaver's input dropout (off by default there): each real particle is removed with
    /// `probability`, as `nn.Dropout` on the mask.
    public static func inputDropout(probability: Double) -> Augmentation {
        Augmentation(.inputDropout(probability: probability))
    }

    /// weaver's Lorentz-vector scale (off by default there): one factor `~ N(1, sigma)` per jet
    /// multiplies every particle's pt (and so its 4-momentum).
    ///
    /// A particle whose factor is not positive is removed (weaver would keep a negative
    /// momentum). In the relative frame the angles are recentred on the new jet axis, as weaver
    /// recomputes its relative features, and `ptrel` stays a fraction of the original jet pt.
    public static func fourVectorScale(sigma: Double) -> Augmentation { Augmentation(.fourVectorScale(sigma: sigma)) }

    /// weaver's Lorentz-vector smear (off by default there): each particle's pt is multiplied by
    /// its own factor `~ N(1, sigma)`; otherwise as ``fourVectorScale(sigma:)``.
    public static func fourVectorSmear(sigma: Double) -> Augmentation { Augmentation(.fourVectorSmear(sigma: sigma)) }

    /// weaver's Lorentz-vector shift (off by default there): each particle's `eta` and `phi`
    /// move by independent `N(0, sigma)` (weaver shifts rapidity, which is `eta` for the massless
    /// particles here); in the relative frame the angles are then recentred on the new jet axis.
    public static func fourVectorShift(sigma: Double) -> Augmentation { Augmentation(.fourVectorShift(sigma: sigma)) }
}
