import JetNetCore

/// A physics-inspired change to jets: the distortions of the metric sensitivity study (Kansal et
/// al., arXiv:2211.10295). For training-time augmentations see ``AugmentationPipeline``.
///
/// Every distortion acts on `[jets, particles, features]` arrays in JetNet order
/// `[etarel, phirel, ptrel, (mask)]`, leaves zero-padded particles untouched, and is
/// reproducible: randomness comes from ``NumPyGenerator`` with the given seed.
public enum JetDistortion: Sendable, Equatable, CustomStringConvertible {
    /// Multiplies each particle's `ptrel` by a Gaussian factor `1 + width * N(0, 1)` (clipped at
    /// zero), then renormalises each jet's `ptrel` to its original sum.
    case smearPt(width: Double)
    /// Adds `shift` to every particle's `etarel`.
    case shiftEta(shift: Double)
    /// Scales every particle's `etarel` and `phirel` by `factor`: the jet's angular spread, and
    /// so its mass (m ≈ pT·R/2 for two prongs), grows by that factor while pT is unchanged.
    case scaleAngles(factor: Double)
    /// Removes each particle with probability `fraction` (zeroing it and its mask), then
    /// renormalises `ptrel` to the original sum, as a generator that loses soft particles would.
    case dropParticles(fraction: Double)

    /// A short description for tables, such as `"pt smeared 10%"`.
    public var description: String {
        switch self {
        case .smearPt(let width): "particle pt smeared \(percent(width))"
        case .shiftEta(let shift): "eta shifted by \(shift)"
        case .scaleAngles(let factor): "angles scaled ×\(factor) (mass shift)"
        case .dropParticles(let fraction): "\(percent(fraction)) of particles dropped"
        }
    }

    /// Applies the distortion to a copy of `jets`.
    ///
    /// - Parameters:
    ///   - jets: `[jets, particles, 3 or 4]` in JetNet order; a particle is real when its mask
    ///     (4th feature) is non-zero, or, without a mask, when its `ptrel` is non-zero.
    ///   - seed: the seed of the random draws (unused by the deterministic distortions).
    /// - Returns: the distorted jets, same shape.
    /// - Throws: ``PhysicsError`` when `jets` is not `[jets, particles, >= 3]` or the
    ///   distortion's parameter is out of range (negative width, fraction outside [0, 1],
    ///   non-positive factor, non-finite values).
    public func apply(to jets: NDArray<Float>, seed: UInt64 = 0) throws -> NDArray<Float> {
        guard jets.rank == 3 else {
            throw PhysicsError.wrongRank(array: "jets", shape: jets.shape, expected: "3 axes [jets, particles, features]")
        }
        try PhysicsError.checkJets(jets.shape)
        try checkParameter()
        let (count, particles, features) = (jets.shape[0], jets.shape[1], jets.shape[2])
        let hasMask = features >= 4
        var generator = NumPyGenerator(seed: seed)
        var out = jets
        let draws: [Double]
        switch self {
        case .smearPt: draws = generator.standardNormal(count: count * particles)
        case .dropParticles: draws = generator.random(count: count * particles)
        default: draws = []
        }
        out.withUnsafeMutableBufferPointer { buffer in
            for jet in 0..<count {
                var originalSum = 0.0, newSum = 0.0
                for particle in 0..<particles {
                    let base = (jet * particles + particle) * features
                    let real = hasMask ? buffer[base + 3] != 0 : buffer[base + 2] != 0
                    guard real else { continue }
                    originalSum += Double(buffer[base + 2])
                    switch self {
                    case .smearPt(let width):
                        let factor = max(1 + width * draws[jet * particles + particle], 0)
                        buffer[base + 2] = Float(Double(buffer[base + 2]) * factor)
                        // A particle smeared to zero pt is gone: clear it (and its mask) entirely.
                        if buffer[base + 2] == 0 {
                            for feature in 0..<features { buffer[base + feature] = 0 }
                        }
                    case .shiftEta(let shift):
                        buffer[base] = Float(Double(buffer[base]) + shift)
                    case .scaleAngles(let factor):
                        buffer[base] = Float(Double(buffer[base]) * factor)
                        buffer[base + 1] = Float(Double(buffer[base + 1]) * factor)
                    case .dropParticles(let fraction):
                        if draws[jet * particles + particle] < fraction {
                            for feature in 0..<features { buffer[base + feature] = 0 }
                        }
                    }
                    newSum += Double(buffer[base + 2])
                }
                // Keep each jet's total ptrel: distortions change shapes, not normalisation.
                if case .smearPt = self, newSum > 0 { rescale(&buffer, jet, particles, features, originalSum / newSum) }
                if case .dropParticles = self, newSum > 0 { rescale(&buffer, jet, particles, features, originalSum / newSum) }
            }
        }
        return out
    }

    /// Rejects parameters that make no physical sense.
    private func checkParameter() throws {
        switch self {
        case .smearPt(let width) where !(width >= 0 && width.isFinite):
            throw PhysicsError.invalidArgument(name: "width", value: "\(width)", allowed: "non-negative and finite")
        case .shiftEta(let shift) where !shift.isFinite:
            throw PhysicsError.invalidArgument(name: "shift", value: "\(shift)", allowed: "finite")
        case .scaleAngles(let factor) where !(factor > 0 && factor.isFinite):
            throw PhysicsError.invalidArgument(name: "factor", value: "\(factor)", allowed: "positive and finite")
        case .dropParticles(let fraction) where !(0...1).contains(fraction):
            throw PhysicsError.invalidArgument(name: "fraction", value: "\(fraction)", allowed: "between 0 and 1")
        default:
            return
        }
    }

    private func rescale(_ buffer: inout UnsafeMutableBufferPointer<Float>, _ jet: Int, _ particles: Int, _ features: Int, _ factor: Double) {
        for particle in 0..<particles {
            let index = (jet * particles + particle) * features + 2
            buffer[index] = Float(Double(buffer[index]) * factor)
        }
    }
}

private func percent(_ fraction: Double) -> String {
    let value = fraction * 100
    return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
}
