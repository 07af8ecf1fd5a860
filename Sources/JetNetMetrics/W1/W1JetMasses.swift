import CMetricKernels
import Foundation
import JetNetCore

/// Jet masses for W1M: the invariant mass of the summed particle 4-vectors, as jetnet's
/// `utils.jet_features(jets)["mass"]`.
///
/// jetnet does this arithmetic in float32; so does CMetricKernels' `jetnet_w1_jet_masses` for
/// each particle's 4-vector, sixteen particles of a jet at a time with vector
/// `exp`/`sin`/`cos` (Cephes' polynomials; libm for the rare particle outside their ranges),
/// while the sums over particles and the final `E^2 - p^2` are in `Double`. It is C so that one
/// build carries AVX-512, AVX2 and baseline versions (chosen at load time, all giving the same
/// floats), which the package's baseline x86-64 Swift cannot. The masses are as close to
/// jetnet's as jetnet's float32 rounding allows (about 1e-5 relative); `JetFeatures` gives
/// all-`Double` masses when the last digits matter.
enum W1JetMasses {
    /// - Parameters:
    ///   - jets: shape `[jets, particles, features]`, features `[eta, phi, pt, (mass)]`, finite.
    ///   - threads: worker threads (nil: all processors); the result does not depend on it.
    /// - Returns: one signed mass per jet (`copysign(sqrt(|m^2|), m^2)`), shape `[jets]`.
    static func compute(_ jets: NDArray<Float>, threads: Int?) -> [Double] {
        computeChecked(jets, threads: threads).masses
    }

    /// The masses, and whether every value of the first four features was finite and every pt
    /// non-negative (the ``InputPolicy``) — the check rides along with the kernel's single read
    /// of the jets.
    ///
    /// - Parameters:
    ///   - jets: shape `[jets, particles, features]`, features `[eta, phi, pt, (mass)]`.
    ///   - threads: worker threads (nil: all processors); the result does not depend on it.
    /// - Returns: the masses, shape `[jets]`, and `false` if some value may be NaN or infinite or a pt negative
    ///   (then the masses are meaningless; a `true` is certain, a `false` may be a false alarm
    ///   when finite values overflow, so callers check exactly before throwing).
    static func computeChecked(_ jets: NDArray<Float>, threads: Int?) -> (masses: [Double], finite: Bool) {
        let jetCount = jets.shape[0]
        let chunks = (jetCount + chunkJets - 1) / chunkJets
        var masses = [Double](repeating: 0, count: jetCount)
        var finite = [Bool](repeating: true, count: chunks)
        jets.withUnsafeBufferPointer { input in
            masses.withUnsafeMutableBufferPointer { output in
                finite.withUnsafeMutableBufferPointer { flags in
                    nonisolated(unsafe) let (source, sink, flagSink) = (input.baseAddress!, output.baseAddress!, flags.baseAddress!)
                    ParallelTasks.run(chunks, threads: threads) { c in
                        let jetRange = (c * chunkJets)..<min(jetCount, (c + 1) * chunkJets)
                        flagSink[c] = jetnet_w1_jet_masses(
                            source, jetCount, jets.shape[1], jets.shape[2], jetRange.lowerBound, jetRange.upperBound, sink)
                    }
                }
            }
        }
        return (masses, finite.allSatisfy { $0 })
    }

    /// Jets per parallel task.
    private static let chunkJets = 1024
}
