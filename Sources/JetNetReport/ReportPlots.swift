import JetNetCore
import JetNetPhysics

/// The distributions a report plots for one sample of jets: jet kinematics, particle features
/// and the average jet image.
struct ReportDistributions: Sendable {
    /// Relative jet mass of each jet (mass of the summed particles in relative coordinates).
    var mass: [Double]
    /// Relative jet pt of each jet.
    var pt: [Double]
    /// etarel, phirel and ptrel of every real (unmasked, non-zero) particle.
    var particles: [[Double]]
    /// The average pt-weighted image, `imageSize x imageSize`, rows in eta.
    var image: [Double]

    static let imageSize = 25
    static let imageExtent = 0.4

    /// - Parameter jets: `[jets, particles, 3 or 4]` in JetNet order (the fourth feature the mask).
    init(_ jets: NDArray<Float>) throws {
        let masked = Self.maskedKinematics(jets)
        let features = try JetFeatures.compute(masked)
        mass = features.mass
        pt = features.pt
        particles = [[], [], []]
        let values = masked.storage
        for particle in 0..<(values.count / 3) where values[particle * 3 + 2] != 0 {
            for feature in 0..<3 { particles[feature].append(Double(values[particle * 3 + feature])) }
        }
        let images = try JetImage.images(masked, size: Self.imageSize, maxR: Self.imageExtent)
        let pixels = Self.imageSize * Self.imageSize
        var average = [Double](repeating: 0, count: pixels)
        let count = masked.shape[0]
        for jet in 0..<count {
            for pixel in 0..<pixels { average[pixel] += images.storage[jet * pixels + pixel] }
        }
        image = average.map { $0 / Double(max(count, 1)) }
    }

    /// `[..., :3]` with particles whose mask is zero cleared.
    static func maskedKinematics(_ jets: NDArray<Float>) -> NDArray<Float> {
        guard jets.rank == 3, jets.shape[2] >= 4 else { return jets }
        var kinematics = jets.selectingLast([0, 1, 2])
        let width = jets.shape[2]
        kinematics.withUnsafeMutableBufferPointer { values in
            for particle in 0..<(values.count / 3) where jets.storage[particle * width + 3] == 0 {
                for feature in 0..<3 { values[particle * 3 + feature] = 0 }
            }
        }
        return kinematics
    }
}

/// Viridis, the perceptually uniform colour map, by linear interpolation between 9 stops.
func viridis(_ t: Double) -> (UInt8, UInt8, UInt8) {
    let stops: [(Double, Double, Double)] = [
        (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
        (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
    ]
    let x = min(max(t.isFinite ? t : 0, 0), 1) * Double(stops.count - 1)
    let index = min(Int(x), stops.count - 2)
    let f = x - Double(index)
    let (a, b) = (stops[index], stops[index + 1])
    return (UInt8(a.0 + (b.0 - a.0) * f), UInt8(a.1 + (b.1 - a.1) * f), UInt8(a.2 + (b.2 - a.2) * f))
}
