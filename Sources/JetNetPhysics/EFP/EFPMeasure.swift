import Foundation

/// The energy and angular measure of Energy Flow Polynomials (energyflow's `measure`).
public enum EFPMeasure: String, Sendable, CaseIterable {
    /// Hadronic: `z_i = pt_i^kappa`, `theta_ij = (dy^2 + dphi^2)^(beta/2)` with dphi wrapped to [0, pi].
    case hadr
    /// Hadronic dot product: `z_i = pt_i^kappa`, `theta_ij = |2 p_i.p_j / (pt_i pt_j)|^(beta/2)`.
    case hadrdot
    /// e+e-: `z_i = E_i^kappa`, `theta_ij = |2 p_i.p_j / (E_i E_j)|^(beta/2)`.
    case ee
}

/// The meaning of the particle feature columns (energyflow's `coords`).
public enum EFPCoordinates: String, Sendable, CaseIterable {
    /// `[pt, y, phi]` or `[pt, y, phi, m]` (massless without the fourth column).
    case ptyphim
    /// `[E, px, py, pz]`.
    case epxpypz
}

/// Energies and pairwise angles of one jet under a measure, keeping only particles with a
/// non-zero energy weight (zero-pt padding contributes nothing to any EFP).
struct EFPMeasureEvaluator: Sendable {
    let measure: EFPMeasure
    let coordinates: EFPCoordinates
    let beta: Double
    let kappa: Double
    let normed: Bool

    /// Fills `z[0..<M]` and `theta[0..<M*M]` (row-major, stride M) and returns M.
    /// - Parameters:
    ///   - particle: reads feature `f` of particle `i`.
    ///   - count: particles in the jet.
    ///   - features: feature columns (3 or 4, validated by the caller).
    ///   - scratch: at least `5 * count` doubles.
    func evaluate(count: Int, features: Int, particle: (Int, Int) -> Double,
                  z: UnsafeMutablePointer<Double>, theta: UnsafeMutablePointer<Double>,
                  scratch: UnsafeMutablePointer<Double>) -> Int {
        // Per kept particle: energy weight, then (y, phi) or (E, px, py, pz) normalised.
        let first = scratch, second = scratch + count, third = scratch + 2 * count, fourth = scratch + 3 * count
        var total = 0.0
        var kept = 0
        for i in 0..<count {
            var energy: Double
            var p4 = (0.0, 0.0, 0.0, 0.0)
            if coordinates == .ptyphim {
                let pt = particle(i, 0), y = particle(i, 1), phi = particle(i, 2)
                let mass = features > 3 ? particle(i, 3) : 0
                if measure != .hadr {
                    let transverseMass = (pt * pt + mass * mass).squareRoot()
                    p4 = (transverseMass * cosh(y), pt * cos(phi), pt * sin(phi), transverseMass * sinh(y))
                }
                energy = measure == .ee ? p4.0 : pt
                if measure == .hadr { p4 = (0, y, phi, 0) }
            } else {
                p4 = (particle(i, 0), particle(i, 1), particle(i, 2), particle(i, 3))
                energy = measure == .ee ? p4.0 : (p4.1 * p4.1 + p4.2 * p4.2).squareRoot()
                if measure == .hadr {
                    let allZero = p4 == (0, 0, 0, 0)
                    var phi = atan2(p4.2, p4.1)
                    if phi < 0 { phi += 2 * Double.pi }
                    p4 = (0, allZero ? 0 : atanh(p4.3 / p4.0), phi, 0)
                }
            }
            total += energy
            let weight = kappa == 1 ? energy : pow(energy, kappa)
            guard weight != 0 else { continue }
            z[kept] = weight
            if measure == .hadr {
                first[kept] = p4.1
                second[kept] = p4.2
            } else {
                // p-hat: the four-vector divided by its pt (hadrdot) or energy (ee).
                first[kept] = p4.0 / energy
                second[kept] = p4.1 / energy
                third[kept] = p4.2 / energy
                fourth[kept] = p4.3 / energy
            }
            kept += 1
        }
        if normed {
            // energyflow's default kappa_normed_behavior 'new': z_i = E_i^kappa / (sum E)^kappa.
            let norm = kappa == 1 ? total : pow(total, kappa)
            for i in 0..<kept { z[i] = norm == 0 ? 0 : z[i] / norm }
        }
        let halfBeta = beta / 2
        for i in 0..<kept {
            theta[i * kept + i] = measure == .hadr ? 0 : power(abs(2 * (first[i] * first[i] - second[i] * second[i]
                - third[i] * third[i] - fourth[i] * fourth[i])), halfBeta)
            for j in (i + 1)..<max(i + 1, kept) {
                let squared: Double
                if measure == .hadr {
                    let dy = first[i] - first[j]
                    let dphi = Double.pi - abs(abs(second[i] - second[j]) - Double.pi)
                    squared = dy * dy + dphi * dphi
                    let value = power(squared, halfBeta)
                    theta[i * kept + j] = value
                    theta[j * kept + i] = value
                } else {
                    let dot = first[i] * first[j] - second[i] * second[j] - third[i] * third[j] - fourth[i] * fourth[j]
                    let value = power(abs(2 * dot), halfBeta)
                    theta[i * kept + j] = value
                    theta[j * kept + i] = value
                }
            }
        }
        return kept
    }

    @inline(__always)
    private func power(_ x: Double, _ exponent: Double) -> Double {
        exponent == 0.5 ? x.squareRoot() : exponent == 1 ? x : pow(x, exponent)
    }
}
