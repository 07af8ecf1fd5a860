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
        let masked = ParticleMask.split(jets).kinematics
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
}
