import Foundation
import JetNetCore

/// Jet masses for W1M: the invariant mass of the summed particle 4-vectors, as jetnet's
/// `utils.jet_features(jets)["mass"]`.
///
/// jetnet does this arithmetic in float32; so does this kernel for each particle's 4-vector
/// (one `exp`, `cos` and `sin` per particle), while the sums over particles and the final
/// `E^2 - p^2` are in `Double`. That keeps W1M an order of magnitude faster than jetnet with
/// masses as close to jetnet's as jetnet's float32 rounding allows (about 1e-5 relative);
/// `JetFeatures` gives all-`Double` masses when the last digits matter.
enum W1JetMasses {
    /// - Parameters:
    ///   - jets: shape `[jets, particles, features]`, features `[eta, phi, pt, (mass)]`, finite.
    ///   - threads: worker threads (nil: all processors); the result does not depend on it.
    /// - Returns: one signed mass per jet (`copysign(sqrt(|m^2|), m^2)`), shape `[jets]`.
    static func compute(_ jets: NDArray<Float>, threads: Int?) -> [Double] {
        let (jetCount, particles, width) = (jets.shape[0], jets.shape[1], jets.shape[2])
        let hasMass = width >= 4
        let chunk = 1024
        var masses = [Double](repeating: 0, count: jetCount)
        jets.withUnsafeBufferPointer { input in
            masses.withUnsafeMutableBufferPointer { output in
                nonisolated(unsafe) let source = input.baseAddress!
                nonisolated(unsafe) let sink = output.baseAddress!
                ParallelTasks.run((jetCount + chunk - 1) / chunk, threads: threads) { c in
                    for jet in (c * chunk)..<min(jetCount, (c + 1) * chunk) {
                        var px = 0.0, py = 0.0, pz = 0.0, energy = 0.0
                        var p = source + jet * particles * width
                        for _ in 0..<particles {
                            let eta = p[0], phi = p[1], pt = p[2]
                            let m: Float = hasMass ? p[3] : 0
                            p += width
                            if pt == 0 && m == 0 { continue }  // a zero-padded particle adds nothing
                            let e = exp(eta)
                            let z = pt * (0.5 * (e - 1 / e))
                            px += Double(pt * cos(phi))
                            py += Double(pt * sin(phi))
                            pz += Double(z)
                            energy += Double(max(m * abs(m) + pt * pt + z * z, 0).squareRoot())
                        }
                        let squared = energy * energy - px * px - py * py - pz * pz
                        sink[jet] = Double(signOf: squared, magnitudeOf: abs(squared).squareRoot())
                    }
                }
            }
        }
        return masses
    }
}
