import Foundation

/// A jet's mass from float32 particle 4-vectors summed in `Double`, four particles at a time.
///
/// The sums kept are `a = sum(E + pz)` and `b = sum(E - pz)` (so `E^2 - pz^2 = a b`), `px`
/// and `py`. For a massless particle `E + pz = pt e^eta` and `E - pz = pt e^-eta`, which needs
/// no square root; a group with a mass takes `E = sqrt(m|m| + pt^2 + pz^2)` as jetnet does.
enum JetMassKernel {
    typealias Sums = (a: SIMD4<Float>, b: SIMD4<Float>, px: SIMD4<Float>, py: SIMD4<Float>)

    /// The signed mass `copysign(sqrt(|m^2|), m^2)` of the jet whose `particles` particles start
    /// at `jet`, `width` floats apart, read four at a time by `load`. `finite` becomes `false`
    /// if a value is NaN or infinite (such groups all go through ``scalar(_:finite:)``).
    /// `end` is the end of the readable buffer: a last group of fewer than four particles is
    /// loaded whole, lanes past the jet zeroed, when four particles' values are readable there.
    @inline(__always)
    static func mass(
        _ jet: UnsafePointer<Float>, particles: Int, width: Int, end: UnsafePointer<Float>, finite: inout Bool,
        load: (UnsafePointer<Float>) -> FourParticles
    ) -> Double {
        var a = SIMD4<Double>(), b = SIMD4<Double>(), px = SIMD4<Double>(), py = SIMD4<Double>()
        let full = particles / 4
        for group in 0..<((particles + 3) / 4) {
            let start = jet + 4 * group * width
            let p: FourParticles
            if group < full {
                p = load(start)
            } else if end - start >= 4 * width {
                let inJet = SIMD4<Int32>(0, 1, 2, 3) .< SIMD4(repeating: Int32(particles - 4 * full))
                let whole = load(start)
                p = FourParticles(eta: whole.eta.replacing(with: 0, where: .!inJet), phi: whole.phi.replacing(with: 0, where: .!inJet),
                                  pt: whole.pt.replacing(with: 0, where: .!inJet), m: whole.m.replacing(with: 0, where: .!inJet))
            } else {
                p = FourParticles.partial(start, count: particles - 4 * full, width: width)
            }
            let etaInRange = FloatVectorMath.magnitude(p.eta) .<= SIMD4(repeating: FloatVectorMath.expRange)
            let phiInRange = FloatVectorMath.magnitude(p.phi) .<= SIMD4(repeating: FloatVectorMath.sinCosRange)
            // pt in [0, max]: NaN and negative pt take the scalar path, which flags them.
            let ptFinite = (p.pt .>= 0) .& (p.pt .<= SIMD4(repeating: .greatestFiniteMagnitude))
            let mFinite = FloatVectorMath.magnitude(p.m) .<= SIMD4(repeating: .greatestFiniteMagnitude)
            let fourVectors: Sums
            if all(etaInRange .& phiInRange .& ptFinite .& mFinite) {
                let (sine, cosine) = FloatVectorMath.sinCos(p.phi)
                let e = FloatVectorMath.exp(p.eta)
                fourVectors = all(p.m .== 0)
                    ? (p.pt * e, p.pt / e, p.pt * cosine, p.pt * sine)
                    : massive(p, exp: e, cos: cosine, sin: sine)
            } else {
                fourVectors = scalar(p, finite: &finite)
            }
            a += SIMD4<Double>(fourVectors.a)
            b += SIMD4<Double>(fourVectors.b)
            px += SIMD4<Double>(fourVectors.px)
            py += SIMD4<Double>(fourVectors.py)
        }
        let (x, y) = (px.sum(), py.sum())
        let squared = a.sum() * b.sum() - x * x - y * y
        return Double(signOf: squared, magnitudeOf: abs(squared).squareRoot())
    }

    /// Four particles of which some have a mass.
    private static func massive(
        _ p: FourParticles, exp e: SIMD4<Float>, cos: SIMD4<Float>, sin: SIMD4<Float>
    ) -> Sums {
        let z: SIMD4<Float> = p.pt * (0.5 * (e - 1 / e))
        let squared: SIMD4<Float> = p.m * FloatVectorMath.magnitude(p.m) + p.pt * p.pt + z * z
        let energy = squared.replacing(with: 0, where: squared .< 0).squareRoot()
        return (energy + z, energy - z, p.pt * cos, p.pt * sin)
    }

    /// libm, for four particles with values outside ``FloatVectorMath``'s ranges or not finite.
    private static func scalar(
        _ p: FourParticles, finite: inout Bool
    ) -> Sums {
        var x = SIMD4<Float>(), y = SIMD4<Float>(), z = SIMD4<Float>(), e = SIMD4<Float>()
        for lane in 0..<4 {
            (x[lane], y[lane], z[lane], e[lane]) = scalarFourVector(eta: p.eta[lane], phi: p.phi[lane], pt: p.pt[lane], m: p.m[lane])
        }
        // (Also a zero-padded particle's eta and phi, which add nothing, must be finite.)
        if (p.eta + p.phi + p.pt + p.m) * 0 != SIMD4() || any(p.pt .< 0) { finite = false }
        return (e + z, e - z, x, y)
    }

    /// One particle's float32 `(px, py, pz, E)` with libm.
    private static func scalarFourVector(eta: Float, phi: Float, pt: Float, m: Float) -> (Float, Float, Float, Float) {
        if pt == 0 && m == 0 { return (0, 0, 0, 0) }  // a zero-padded particle adds nothing
        let e = Foundation.exp(eta)
        let z = pt * (0.5 * (e - 1 / e))
        return (pt * Foundation.cos(phi), pt * Foundation.sin(phi), z, max(m * abs(m) + pt * pt + z * z, 0).squareRoot())
    }
}
