import Foundation

/// One jet's particles inside a batch buffer, read and written through a ``ParticleLayout``.
///
/// A working view for the augmentations: it points into the batch (no copy), so every write
/// lands in the output array. Angles and pts are read as `Double` and stored back as `Float`.
struct ParticleCloud {
    /// The jet's first feature: particle `p`'s feature `f` is at `base[p * width + f]`.
    let base: UnsafeMutablePointer<Float>
    /// Particle slots (real and padded).
    let count: Int
    /// Features per particle.
    let width: Int
    let etaIndex: Int
    let phiIndex: Int
    let ptIndex: Int
    let maskIndex: Int?
    let frame: ParticleLayout.Frame
    /// GeV per unit of the pt feature: the jet pt for `ptrel`, 1 for absolute pt.
    let ptScale: Double

    init(base: UnsafeMutablePointer<Float>, count: Int, width: Int, layout: ParticleLayout, ptScale: Double) {
        self.base = base
        self.count = count
        self.width = width
        etaIndex = layout.eta
        phiIndex = layout.phi
        ptIndex = layout.pt
        maskIndex = layout.mask
        frame = layout.frame
        self.ptScale = ptScale
    }

    // Slot arithmetic uses wrapping operators: indices are below count * width, which the
    // batch's buffer already holds, so the overflow checks would only cost time.

    /// Whether slot `p` holds a particle: its mask is non-zero, or, without a mask, its pt is
    /// positive (JetCLR's convention).
    @inline(__always) func isReal(_ p: Int) -> Bool {
        if let maskIndex { return base[p &* width &+ maskIndex] != 0 }
        return base[p &* width &+ ptIndex] > 0
    }

    @inline(__always) func eta(_ p: Int) -> Double { Double(base[p &* width &+ etaIndex]) }
    @inline(__always) func phi(_ p: Int) -> Double { Double(base[p &* width &+ phiIndex]) }
    @inline(__always) func pt(_ p: Int) -> Double { Double(base[p &* width &+ ptIndex]) }
    /// Particle `p`'s pt in GeV.
    @inline(__always) func ptGeV(_ p: Int) -> Double { pt(p) * ptScale }

    @inline(__always) func setEta(_ p: Int, _ value: Double) { base[p &* width &+ etaIndex] = Float(value) }
    /// Stores `phi`, wrapped into `[-pi, pi)` in the absolute frame where it is a detector angle.
    @inline(__always) func setPhi(_ p: Int, _ value: Double) {
        base[p &* width &+ phiIndex] = Float(frame == .absolute ? wrappedAngle(value) : value)
    }
    @inline(__always) func setPT(_ p: Int, _ value: Double) { base[p &* width &+ ptIndex] = Float(value) }

    /// The number of real particles.
    func realCount() -> Int {
        var n = 0
        for p in 0..<count where isReal(p) { n += 1 }
        return n
    }

    /// Empties slot `p`: every feature (mask included) becomes zero, as padding is stored.
    @inline(__always) func clear(_ p: Int) {
        (base + p &* width).update(repeating: 0, count: width)
    }

    /// Copies every feature of particle `source` into slot `target` and marks it real.
    @inline(__always) func copy(_ source: Int, to target: Int) {
        (base + target &* width).update(from: base + source &* width, count: width)
        if let maskIndex { base[target &* width &+ maskIndex] = 1 }
    }

    /// Writes `(eta, phi, pt)` of a 3-momentum `(px, py, pz)` (massless particle) into slot `p`;
    /// `eta` is the pseudorapidity `asinh(pz / pt)`.
    @inline(__always) func setMomentum(_ p: Int, px: Double, py: Double, pz: Double) {
        let pt = (px * px + py * py).squareRoot()
        setEta(p, pt > 0 ? asinh(pz / pt) : 0)
        setPhi(p, atan2(py, px))
        setPT(p, pt)
    }

    /// Particle `p`'s 3-momentum `(px, py, pz)` in units of the pt feature (massless).
    @inline(__always) func momentum(_ p: Int) -> (x: Double, y: Double, z: Double) {
        let pt = pt(p), phi = phi(p)
        return (pt * cos(phi), pt * sin(phi), pt * sinh(eta(p)))
    }

    /// The jet axis used for rotations and recentring: the pt-weighted centroid of the real
    /// particles in `(eta, phi)`, with azimuths unwrapped around the first real particle.
    ///
    /// This is the small-angle jet axis (the 4-momentum direction to first order in the
    /// particles' distance from it) and costs no transcendental function per particle.
    /// - Returns: `nil` when the jet has no real particle with positive pt.
    func axis() -> (eta: Double, phi: Double)? {
        var sumPT = 0.0, sumEta = 0.0, sumPhi = 0.0
        var reference: Double?
        for p in 0..<count where isReal(p) {
            let pt = pt(p)
            let phi = phi(p)
            let anchor = reference ?? phi
            reference = anchor
            sumPT += pt
            sumEta += pt * eta(p)
            sumPhi += pt * (anchor + angleDifference(phi, anchor))
        }
        guard sumPT > 0 else { return nil }
        return (sumEta / sumPT, sumPhi / sumPT)
    }

    /// The sum of the real particles' 3-momenta (massless), in units of the pt feature.
    func jetMomentum() -> (x: Double, y: Double, z: Double, energy: Double) {
        var x = 0.0, y = 0.0, z = 0.0, e = 0.0
        for p in 0..<count where isReal(p) {
            let pt = pt(p), eta = eta(p), phi = phi(p)
            x += pt * cos(phi)
            y += pt * sin(phi)
            z += pt * sinh(eta)
            e += pt * cosh(eta)
        }
        return (x, y, z, e)
    }

    /// Slots that hold no particle, in index order, written to `into`; returns how many.
    func freeSlots(into slots: UnsafeMutableBufferPointer<Int>) -> Int {
        var n = 0
        for p in 0..<count where !isReal(p) {
            slots[n] = p
            n += 1
        }
        return n
    }
}

/// `a - b` wrapped into `[-pi, pi)`.
@inline(__always) func angleDifference(_ a: Double, _ b: Double) -> Double {
    wrappedAngle(a - b)
}

/// `angle` wrapped into `[-pi, pi)` (NumPy's `(x + pi) % (2 pi) - pi`); angles already in
/// range are returned unchanged, so wrapping never perturbs them.
@inline(__always) func wrappedAngle(_ angle: Double) -> Double {
    if angle >= -Double.pi && angle < Double.pi { return angle }
    let twoPi = 2 * Double.pi
    var shifted = (angle + Double.pi).truncatingRemainder(dividingBy: twoPi)
    if shifted < 0 { shifted += twoPi }
    return shifted - Double.pi
}
