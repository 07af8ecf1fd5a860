import Dispatch
import Foundation
import JetNetCore

/// Jet-level kinematics from the sum of the particles' Lorentz 4-vectors (jetnet's `jet_features`).
///
/// Every particle `(eta, phi, pt, mass)` becomes `(px, py, pz, E)` with
/// `E = sqrt(max(m|m| + (pt cosh eta)^2, 0))`, the 4-vectors are summed over the particles of
/// each jet, and the sum is read back as mass, pt, eta and phi the way the `vector` library that
/// jetnet uses does: the mass is signed (`copysign(sqrt(|m^2|), m^2)`), and NaN (e.g. the
/// pseudorapidity of an empty jet) becomes 0 while infinities become the largest finite value of
/// the input's element type, as `np.nan_to_num` does.
///
/// Differences from jetnet: the arithmetic is in `Double` (jetnet's follows the input's float32),
/// so values agree with jetnet to float32 rounding, and ``phi`` is returned as well.
public struct JetFeatures: Sendable, Equatable {
    /// Invariant mass of each jet, shape `[jets]`.
    public var mass: [Double]
    /// Transverse momentum of each jet, shape `[jets]`.
    public var pt: [Double]
    /// Pseudorapidity of each jet, shape `[jets]`.
    public var eta: [Double]
    /// Azimuthal angle of each jet in `[-pi, pi]`, shape `[jets]`.
    public var phi: [Double]

    /// Makes jet features from per-jet values (all of the same length).
    public init(mass: [Double], pt: [Double], eta: [Double], phi: [Double]) {
        precondition(mass.count == pt.count && pt.count == eta.count && eta.count == phi.count,
                     "JetFeatures: feature arrays differ in length")
        self.mass = mass
        self.pt = pt
        self.eta = eta
        self.phi = phi
    }

    /// The number of jets.
    public var count: Int { mass.count }

    /// Computes the features of one jet or a batch of jets.
    ///
    /// - Parameter jets: one jet `[particles, features]` or a batch `[jets, particles, features]`,
    ///   features in JetNet order `[eta, phi, pt, (mass)]`; without a fourth column the particles
    ///   are massless, columns after the fourth are ignored. Zero-padded particles add nothing.
    /// - Returns: one value per jet (a single jet gives arrays of length 1).
    /// - Throws: ``PhysicsError`` when `jets` is not of rank 2 or 3 or has fewer than 3 features.
    public static func compute<T: NDArrayElement & BinaryFloatingPoint>(_ jets: NDArray<T>) throws -> JetFeatures {
        try PhysicsError.checkJets(jets.shape)
        let (jetCount, particles, width) = jets.rank == 2
            ? (1, jets.shape[0], jets.shape[1]) : (jets.shape[0], jets.shape[1], jets.shape[2])
        let hasMass = width >= 4
        let largest = Double(T.greatestFiniteMagnitude)
        var sums = [Double](repeating: 0, count: jetCount * 4)
        jets.withUnsafeBufferPointer { input in
            sums.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let source = input.baseAddress!
                nonisolated(unsafe) let sink = out.baseAddress!
                let chunk = 256
                let chunks = (jetCount + chunk - 1) / chunk
                // Each jet is summed by one thread in particle order, so threads do not change results.
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    for jet in (c * chunk)..<min(jetCount, (c + 1) * chunk) {
                        var x = 0.0, y = 0.0, z = 0.0, t = 0.0
                        var p = source + jet * particles * width
                        for _ in 0..<particles {
                            let eta = Double(p[0]), phi = Double(p[1]), pt = Double(p[2])
                            let m = hasMass ? Double(p[3]) : 0
                            let pz = pt * sinh(eta)
                            x += pt * cos(phi)
                            y += pt * sin(phi)
                            z += pz
                            t += (max(m * abs(m) + pt * pt + pz * pz, 0)).squareRoot()
                            p += width
                        }
                        (sink + 4 * jet).update(from: [x, y, z, t], count: 4)
                    }
                }
            }
        }
        var mass = [Double](repeating: 0, count: jetCount)
        var pt = mass, eta = mass, phi = mass
        for jet in 0..<jetCount {
            let x = sums[4 * jet], y = sums[4 * jet + 1], z = sums[4 * jet + 2], t = sums[4 * jet + 3]
            let squared = t * t - x * x - y * y - z * z
            mass[jet] = nanToNum(Double(signOf: squared, magnitudeOf: abs(squared).squareRoot()), largest: largest)
            let rho = (x * x + y * y).squareRoot()
            pt[jet] = nanToNum(rho, largest: largest)
            eta[jet] = nanToNum(asinh(z / rho), largest: largest)
            phi[jet] = nanToNum(atan2(y, x), largest: largest)
        }
        return JetFeatures(mass: mass, pt: pt, eta: eta, phi: phi)
    }
}

/// NumPy's `nan_to_num`: NaN -> 0, +-infinity -> +-`largest`.
@inline(__always)
func nanToNum(_ value: Double, largest: Double) -> Double {
    if value.isNaN { return 0 }
    if value.isInfinite { return value > 0 ? largest : -largest }
    return value
}
