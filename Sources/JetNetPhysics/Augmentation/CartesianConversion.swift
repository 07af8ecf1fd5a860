import Foundation

/// Augments `(E, px, py, pz)` particles through a working copy in absolute `(eta, phi, pt)`.
///
/// The working copy of a jet has columns `[eta, phi, pt, mask, E / |p|, other features...]`;
/// the ratio and the other features ride along when a particle is copied (collinear splits), so
/// writing back `E = (E / |p|) |p|` keeps each particle's velocity, and a split massive particle
/// keeps the jet's 4-momentum.
struct CartesianConversion: Sendable {
    let energy: Int, px: Int, py: Int, pz: Int
    let mask: Int?
    /// Features of the input that are not coordinates, copied unchanged.
    let others: [Int]
    /// Features per particle in the input.
    let width: Int

    /// The working copy's layout.
    static let workingLayout = ParticleLayout.absolute(eta: 0, phi: 1, pt: 2, mask: 3)
    static let ratioColumn = 4

    init(layout: ParticleLayout, width: Int) {
        let momentum = layout.momentum ?? [0, 1, 2, 3]
        (energy, px, py, pz) = (momentum[0], momentum[1], momentum[2], momentum[3])
        mask = layout.mask
        others = (0..<width).filter { !layout.indices.contains($0) }
        self.width = width
    }

    /// Converts one jet's `slots` particles at `particles`, hands the working copy to `body`,
    /// and writes the result back.
    func withWorkingCopy(of particles: UnsafeMutablePointer<Float>, slots: Int, _ body: (ParticleCloud) -> Void) {
        let columns = 5 + others.count
        withUnsafeTemporaryAllocation(of: Float.self, capacity: slots * columns) { scratch in
            let work = scratch.baseAddress!
            for p in 0..<slots {
                let input = particles + p * width, row = work + p * columns
                let (x, y, z) = (Double(input[px]), Double(input[py]), Double(input[pz]))
                let pt = (x * x + y * y).squareRoot()
                let real = mask.map { input[$0] != 0 } ?? (pt > 0)
                guard real else {
                    row.update(repeating: 0, count: columns)
                    continue
                }
                let length = (pt * pt + z * z).squareRoot()
                row[0] = Float(pt > 0 ? asinh(z / pt) : 0)
                row[1] = Float(atan2(y, x))
                row[2] = Float(pt)
                row[3] = 1
                row[Self.ratioColumn] = Float(length > 0 ? Double(input[energy]) / length : 1)
                for (k, feature) in others.enumerated() { row[5 + k] = input[feature] }
            }
            body(ParticleCloud(base: work, count: slots, width: columns, layout: Self.workingLayout, ptScale: 1))
            for p in 0..<slots {
                let output = particles + p * width, row = work + p * columns
                guard row[3] != 0 else {
                    output.update(repeating: 0, count: width)
                    continue
                }
                let (eta, phi, pt) = (Double(row[0]), Double(row[1]), Double(row[2]))
                output[px] = Float(pt * cos(phi))
                output[py] = Float(pt * sin(phi))
                output[pz] = Float(pt * sinh(eta))
                output[energy] = Float(Double(row[Self.ratioColumn]) * pt * cosh(eta))
                if let mask { output[mask] = 1 }
                for (k, feature) in others.enumerated() { output[feature] = row[5 + k] }
            }
        }
    }
}
