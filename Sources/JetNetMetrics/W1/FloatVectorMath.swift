/// `exp`, `sin` and `cos` of four floats at once, for W1M's jet-mass kernel.
///
/// libm's scalar calls dominated that kernel; these are Cephes' single-precision polynomials
/// (`expf`, `sinf`, `cosf`), accurate to about 1 ulp like the libm/NumPy float32 functions jetnet
/// uses, written with plain SSE2 operations (rounding by the `1.5 * 2^23` trick, no `roundps`).
/// They are only valid on the reduced ranges ``expRange`` and ``sinCosRange``; callers fall back
/// to libm outside them.
enum FloatVectorMath {
    /// `|x|` up to which ``exp(_:)`` is valid (2^n stays a normal float).
    static let expRange: Float = 80
    /// `|x|` up to which ``sinCos(_:)`` is valid (the three-part Cody–Waite reduction stays exact).
    static let sinCosRange: Float = 8192

    /// Adding then subtracting 1.5 * 2^23 rounds a float of magnitude below 2^22 to the nearest
    /// integer; the integer is also the low bits of the sum's bit pattern.
    private static let roundingMagic: Float = 12_582_912
    private static let roundingMagicBits: UInt32 = 0x4B40_0000

    @inline(__always)
    private static func bits(_ x: SIMD4<Float>) -> SIMD4<UInt32> { unsafeBitCast(x, to: SIMD4<UInt32>.self) }

    @inline(__always)
    private static func float(_ x: SIMD4<UInt32>) -> SIMD4<Float> { unsafeBitCast(x, to: SIMD4<Float>.self) }

    /// `|x|` (the stdlib's generic `pointwiseMax` is not inlined).
    @inline(__always)
    static func magnitude(_ x: SIMD4<Float>) -> SIMD4<Float> { float(bits(x) & 0x7FFF_FFFF) }

    /// `e^x` for `|x| <=` ``expRange``.
    @inline(__always)
    static func exp(_ x: SIMD4<Float>) -> SIMD4<Float> {
        let shifted = x * 1.442_695_04 + roundingMagic
        let n = shifted - roundingMagic
        // x - n ln 2 in two parts; n * 0.693359375 is exact.
        let r = (x - n * 0.693_359_375) + n * 2.121_944_40e-4
        var p = 1.987_569_150_0e-4 * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let expR = p * (r * r) + r + 1
        let exponent = (bits(shifted) &- roundingMagicBits &+ 127) &<< 23
        return expR * float(exponent)
    }

    /// `(sin x, cos x)` for `|x| <=` ``sinCosRange``.
    @inline(__always)
    static func sinCos(_ x: SIMD4<Float>) -> (sin: SIMD4<Float>, cos: SIMD4<Float>) {
        // Jet-relative angles are almost always within 0.78 < pi/4, where no reduction is needed (the
        // reduction below would leave them unchanged).
        if all(magnitude(x) .<= SIMD4(repeating: 0.78)) { return sinCosReduced(x) }
        let shifted = x * 0.636_619_772 + roundingMagic
        let n = shifted - roundingMagic
        let quadrant = bits(shifted) & 3  // n mod 4
        // x - n pi/2 in three parts (Cephes' DP1..DP3, doubled); each product is exact.
        let r = ((x - n * 1.570_312_5) - n * 4.837_512_969_970_703_125e-4) - n * 7.549_789_954_891_882_16e-8
        let (sinR, cosR) = sinCosReduced(r)
        let odd = (quadrant & 1) .!= 0
        let sinValue = sinR.replacing(with: cosR, where: odd)
        let cosValue = cosR.replacing(with: sinR, where: odd)
        // sin is negative in quadrants 2 and 3, cos in quadrants 1 and 2.
        let sinSign = (quadrant & 2) &<< 30
        let cosSign = ((quadrant &+ 1) & 2) &<< 30
        return (float(bits(sinValue) ^ sinSign), float(bits(cosValue) ^ cosSign))
    }

    /// Cephes' minimax polynomials for `(sin r, cos r)`, `|r| <= pi/4`.
    @inline(__always)
    private static func sinCosReduced(_ r: SIMD4<Float>) -> (sin: SIMD4<Float>, cos: SIMD4<Float>) {
        let z = r * r
        let sinR = ((-1.951_529_589_1e-4 * z + 8.332_160_873_6e-3) * z - 1.666_665_461_1e-1) * z * r + r
        let cosR = ((2.443_315_711_809_948e-5 * z - 1.388_731_625_493_765e-3) * z + 4.166_664_568_298_827e-2) * (z * z)
            - 0.5 * z + 1
        return (sinR, cosR)
    }
}
