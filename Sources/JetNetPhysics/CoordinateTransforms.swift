import Foundation
import JetNetCore

/// Transforms between Cartesian and (relative) polar particle coordinates
/// (jetnet's `jetnet.utils.coord_transform`).
///
/// Arrays are `[..., 4]` (or `[..., 3]` for relative coordinates) with any leading axes; the
/// relative transforms treat the second-to-last axis as the particles of one jet. The guards
/// against division by zero are jetnet's: `eps` is the machine epsilon of the element type
/// (`Float.ulpOfOne` or `Double.ulpOfOne`, NumPy's `finfo(dtype).eps`), added to `pt`, `E +- pz`
/// and `cosh y` denominators. Arithmetic is in `Double`; results have the input's element type.
///
/// Relative `phi` is wrapped with NumPy's `(phi + pi) % (2 pi) - pi`, i.e. into `[-pi, pi)`.
public enum CoordinateTransforms {
    /// How jet 4-momenta passed to the relative-to-absolute transforms are written.
    public enum JetCoordinates: String, Sendable, CaseIterable {
        /// `(E, px, py, pz)`.
        case cartesian
        /// `(eta, phi, pt, E)`.
        case polar
    }

    /// Cartesian `(E, px, py, pz)` to polar `(eta, phi, pt, E)` for massless particles
    /// (jetnet's `cartesian_to_EtaPhiPtE`).
    ///
    /// - Parameter p4: 4-momenta of shape `[..., 4]` in order `(E, px, py, pz)`.
    /// - Returns: shape `[..., 4]` in order `(eta, phi, pt, E)`, `eta = asinh(pz / (pt + eps))`.
    /// - Throws: ``PhysicsError`` when the last axis does not hold 4 values.
    public static func cartesianToEtaPhiPtE<T: NDArrayElement & BinaryFloatingPoint>(_ p4: NDArray<T>) throws -> NDArray<T> {
        try check(p4, name: "p4", width: 4)
        let eps = Double(T.ulpOfOne)
        return mapRows(p4, width: 4) { v in etaPhiPtE(v[0], v[1], v[2], v[3], eps: eps) }
    }

    /// Polar `(eta, phi, pt, E)` to Cartesian `(E, px, py, pz)` for massless particles
    /// (jetnet's `EtaPhiPtE_to_cartesian`).
    ///
    /// - Parameter p4: 4-momenta of shape `[..., 4]` in order `(eta, phi, pt, E)`.
    /// - Returns: shape `[..., 4]` in order `(E, px, py, pz)`, `pz = pt sinh(eta)`.
    /// - Throws: ``PhysicsError`` when the last axis does not hold 4 values.
    public static func etaPhiPtEToCartesian<T: NDArrayElement & BinaryFloatingPoint>(_ p4: NDArray<T>) throws -> NDArray<T> {
        try check(p4, name: "p4", width: 4)
        return mapRows(p4, width: 4) { v in cartesian(eta: v[0], phi: v[1], pt: v[2], energy: v[3]) }
    }

    /// Cartesian `(E, px, py, pz)` to `(y, phi, pt, E)` with the rapidity `y`
    /// (jetnet's `cartesian_to_YPhiPtE`).
    ///
    /// - Parameter p4: 4-momenta of shape `[..., 4]` in order `(E, px, py, pz)`.
    /// - Returns: shape `[..., 4]` in order `(y, phi, pt, E)`,
    ///   `y = log((E + pz + eps) / (E - pz + eps)) / 2`.
    /// - Throws: ``PhysicsError`` when the last axis does not hold 4 values.
    public static func cartesianToYPhiPtE<T: NDArrayElement & BinaryFloatingPoint>(_ p4: NDArray<T>) throws -> NDArray<T> {
        try check(p4, name: "p4", width: 4)
        let eps = Double(T.ulpOfOne)
        return mapRows(p4, width: 4) { v in
            let (e, px, py, pz) = (v[0], v[1], v[2], v[3])
            let y = 0.5 * log((e + pz + eps) / (e - pz + eps))
            return [y, atan2(py, px), (px * px + py * py).squareRoot(), e]
        }
    }

    /// `(y, phi, pt, E)` to Cartesian `(E, px, py, pz)` (jetnet's `YPhiPtE_to_cartesian`).
    ///
    /// - Parameter p4: 4-momenta of shape `[..., 4]` in order `(y, phi, pt, E)`.
    /// - Returns: shape `[..., 4]` in order `(E, px, py, pz)`, `pz = E / (cosh y + eps) * sinh y`.
    /// - Throws: ``PhysicsError`` when the last axis does not hold 4 values.
    public static func yPhiPtEToCartesian<T: NDArrayElement & BinaryFloatingPoint>(_ p4: NDArray<T>) throws -> NDArray<T> {
        try check(p4, name: "p4", width: 4)
        let eps = Double(T.ulpOfOne)
        return mapRows(p4, width: 4) { v in
            let (y, phi, pt, e) = (v[0], v[1], v[2], v[3])
            let transverseMass = e / (cosh(y) + eps)
            return [e, pt * cos(phi), pt * sin(phi), transverseMass * sinh(y)]
        }
    }

    /// Cartesian `(E, px, py, pz)` particles to coordinates relative to their jet, the sum of the
    /// particles on the second-to-last axis (jetnet's `cartesian_to_relEtaPhiPt`).
    ///
    /// - Parameter p4: particles of shape `[..., particles, 4]` in order `(E, px, py, pz)`.
    /// - Returns: shape `[..., particles, 3]` in order `(etarel, phirel, ptrel)`.
    /// - Throws: ``PhysicsError`` when the rank is below 2 or the last axis does not hold 4 values.
    public static func cartesianToRelEtaPhiPt<T: NDArrayElement & BinaryFloatingPoint>(_ p4: NDArray<T>) throws -> NDArray<T> {
        try check(p4, name: "p4", width: 4, minRank: 2)
        let eps = Double(T.ulpOfOne)
        return relative(p4, eps: eps) { v in
            let polar = etaPhiPtE(v[0], v[1], v[2], v[3], eps: eps)
            return ((v[0], v[1], v[2], v[3]), (polar[0], polar[1], polar[2]))
        }
    }

    /// Polar `(eta, phi, pt, E)` particles to coordinates relative to their jet, the sum of the
    /// particles on the second-to-last axis (jetnet's `EtaPhiPtE_to_relEtaPhiPt`).
    ///
    /// - Parameter p4: particles of shape `[..., particles, 4]` in order `(eta, phi, pt, E)`.
    /// - Returns: shape `[..., particles, 3]` in order `(etarel, phirel, ptrel)`.
    /// - Throws: ``PhysicsError`` when the rank is below 2 or the last axis does not hold 4 values.
    public static func etaPhiPtEToRelEtaPhiPt<T: NDArrayElement & BinaryFloatingPoint>(_ p4: NDArray<T>) throws -> NDArray<T> {
        try check(p4, name: "p4", width: 4, minRank: 2)
        let eps = Double(T.ulpOfOne)
        return relative(p4, eps: eps) { v in
            // The particles keep their own (eta, phi, pt); only the jet goes through Cartesian sums.
            let c = cartesian(eta: v[0], phi: v[1], pt: v[2], energy: v[3])
            return ((c[0], c[1], c[2], c[3]), (v[0], v[1], v[2]))
        }
    }

    /// Relative `(etarel, phirel, ptrel)` particles to absolute `(eta, phi, pt, E)` given their
    /// jets (jetnet's `relEtaPhiPt_to_EtaPhiPt`); `E = pt cosh(eta)` (massless particles), and
    /// `phi` is not wrapped.
    ///
    /// - Parameters:
    ///   - relative: particles of shape `[..., particles, 3]` in order `(etarel, phirel, ptrel)`.
    ///   - jets: one 4-momentum per jet, shape `[..., 1, 4]` or `[..., 4]` (the leading axes of
    ///     `relative`), written as `jetCoordinates` says.
    ///   - jetCoordinates: `.cartesian` `(E, px, py, pz)` (jetnet's default) or `.polar`
    ///     `(eta, phi, pt, E)`.
    /// - Returns: shape `[..., particles, 4]` in order `(eta, phi, pt, E)`.
    /// - Throws: ``PhysicsError`` when the shapes do not fit together.
    public static func relEtaPhiPtToEtaPhiPt<T: NDArrayElement & BinaryFloatingPoint>(
        _ relative: NDArray<T>, jets: NDArray<T>, jetCoordinates: JetCoordinates = .cartesian
    ) throws -> NDArray<T> {
        try check(relative, name: "relative", width: 3, minRank: 2)
        try check(jets, name: "jets", width: 4)
        let leading = Array(relative.shape.dropLast(2))
        guard jets.shape == leading + [4] || jets.shape == leading + [1, 4] else {
            throw PhysicsError.shapeMismatch(first: "relative", firstShape: relative.shape, second: "jets", secondShape: jets.shape)
        }
        let eps = Double(T.ulpOfOne)
        let particles = relative.shape[relative.rank - 2]
        let groups = particles == 0 ? 0 : relative.count / (3 * particles)
        let jetPolar: [Double] = jets.storage.map(\.doubleValue)
        var out = [T](repeating: 0, count: groups * particles * 4)
        relative.withUnsafeBufferPointer { rel in
            for g in 0..<groups {
                var j = Array(jetPolar[(4 * g)..<(4 * g + 4)])
                if jetCoordinates == .cartesian { j = etaPhiPtE(j[0], j[1], j[2], j[3], eps: eps) }
                for p in 0..<particles {
                    let r = (g * particles + p) * 3
                    let pt = Double(rel[r + 2]) * j[2]
                    let eta = Double(rel[r]) + j[0]
                    let phi = Double(rel[r + 1]) + j[1]
                    let o = (g * particles + p) * 4
                    out[o] = T(eta); out[o + 1] = T(phi); out[o + 2] = T(pt); out[o + 3] = T(pt * cosh(eta))
                }
            }
        }
        return NDArray(shape: Array(relative.shape.dropLast()) + [4], storage: out)
    }

    /// Relative `(etarel, phirel, ptrel)` particles to Cartesian `(E, px, py, pz)` given their
    /// jets (jetnet's `relEtaPhiPt_to_cartesian`).
    ///
    /// - Parameters:
    ///   - relative: particles of shape `[..., particles, 3]` in order `(etarel, phirel, ptrel)`.
    ///   - jets: one 4-momentum per jet, shape `[..., 1, 4]` or `[..., 4]`.
    ///   - jetCoordinates: how `jets` is written (see ``JetCoordinates``).
    /// - Returns: shape `[..., particles, 4]` in order `(E, px, py, pz)`.
    /// - Throws: ``PhysicsError`` when the shapes do not fit together.
    public static func relEtaPhiPtToCartesian<T: NDArrayElement & BinaryFloatingPoint>(
        _ relative: NDArray<T>, jets: NDArray<T>, jetCoordinates: JetCoordinates = .cartesian
    ) throws -> NDArray<T> {
        try etaPhiPtEToCartesian(relEtaPhiPtToEtaPhiPt(relative, jets: jets, jetCoordinates: jetCoordinates))
    }

    // MARK: - Helpers

    private static func check<T>(_ array: NDArray<T>, name: String, width: Int, minRank: Int = 1) throws {
        guard array.rank >= minRank else {
            throw PhysicsError.wrongRank(array: name, shape: array.shape, expected: "at least \(minRank) axes")
        }
        guard array.shape[array.rank - 1] == width else {
            throw PhysicsError.shapeMismatch(first: name, firstShape: array.shape, second: "the expected last axis", secondShape: [width])
        }
    }

    private static func etaPhiPtE(_ e: Double, _ px: Double, _ py: Double, _ pz: Double, eps: Double) -> [Double] {
        let pt = (px * px + py * py).squareRoot()
        return [asinh(pz / (pt + eps)), atan2(py, px), pt, e]
    }

    private static func cartesian(eta: Double, phi: Double, pt: Double, energy: Double) -> [Double] {
        [energy, pt * cos(phi), pt * sin(phi), pt * sinh(eta)]
    }

    /// Applies `transform` to each `width`-long row of the last axis.
    private static func mapRows<T: NDArrayElement & BinaryFloatingPoint>(
        _ array: NDArray<T>, width: Int, _ transform: ([Double]) -> [Double]
    ) -> NDArray<T> {
        var out = [T](repeating: 0, count: array.count)
        var row = [Double](repeating: 0, count: width)
        array.withUnsafeBufferPointer { input in
            for start in stride(from: 0, to: array.count, by: width) {
                for k in 0..<width { row[k] = Double(input[start + k]) }
                let result = transform(row)
                for k in 0..<width { out[start + k] = T(result[k]) }
            }
        }
        return NDArray(shape: array.shape, storage: out)
    }

    /// Relative coordinates of each particle to the sum of its group's Cartesian 4-momenta;
    /// `convert` gives a particle's Cartesian 4-momentum and its own `(eta, phi, pt)`.
    private static func relative<T: NDArrayElement & BinaryFloatingPoint>(
        _ p4: NDArray<T>, eps: Double,
        convert: ([Double]) -> (cartesian: (Double, Double, Double, Double), polar: (Double, Double, Double))
    ) -> NDArray<T> {
        let particles = p4.shape[p4.rank - 2]
        let groups = particles == 0 ? 0 : p4.count / (4 * particles)
        var out = [T](repeating: 0, count: groups * particles * 3)
        var row = [Double](repeating: 0, count: 4)
        var polar = [(Double, Double, Double)](repeating: (0, 0, 0), count: particles)
        p4.withUnsafeBufferPointer { input in
            for g in 0..<groups {
                var sum = (0.0, 0.0, 0.0, 0.0)
                for p in 0..<particles {
                    for k in 0..<4 { row[k] = Double(input[(g * particles + p) * 4 + k]) }
                    let (c, own) = convert(row)
                    polar[p] = own
                    sum.0 += c.0; sum.1 += c.1; sum.2 += c.2; sum.3 += c.3
                }
                let jet = etaPhiPtE(sum.0, sum.1, sum.2, sum.3, eps: eps)
                for p in 0..<particles {
                    let (eta, phi, pt) = polar[p]
                    let o = (g * particles + p) * 3
                    out[o] = T(eta - jet[0])
                    out[o + 1] = T(wrapPhi(phi - jet[1]))
                    out[o + 2] = T(pt / (jet[2] + eps))
                }
            }
        }
        return NDArray(shape: Array(p4.shape.dropLast()) + [3], storage: out)
    }
}

/// NumPy's `(phi + pi) % (2 pi) - pi`: Python's floor modulo, so the result lies in `[-pi, pi)`.
@inlinable
public func wrapPhi(_ phi: Double) -> Double {
    let period = 2 * Double.pi
    var r = fmod(phi + Double.pi, period)
    if r != 0 {
        if r < 0 { r += period }
    } else {
        r = 0
    }
    return r - Double.pi
}
