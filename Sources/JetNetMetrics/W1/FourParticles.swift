import Foundation

/// Four particles' `eta`, `phi`, `pt` and mass, one per lane, loaded from `[particles, features]`
/// rows (zeros past a jet's last particle: they add nothing, like zero-padded particles).
struct FourParticles {
    var eta: SIMD4<Float>
    var phi: SIMD4<Float>
    var pt: SIMD4<Float>
    var m: SIMD4<Float>

    /// `[eta, phi, pt]` rows: three vector loads, shuffled into lanes.
    @inline(__always)
    static func threeFeatures(_ p: UnsafePointer<Float>) -> FourParticles {
        let raw = UnsafeRawPointer(p)
        let a = raw.loadUnaligned(as: SIMD4<Float>.self)
        let b = raw.loadUnaligned(fromByteOffset: 16, as: SIMD4<Float>.self)
        let c = raw.loadUnaligned(fromByteOffset: 32, as: SIMD4<Float>.self)
        return FourParticles(
            eta: SIMD4(a[0], a[3], b[2], c[1]), phi: SIMD4(a[1], b[0], b[3], c[2]),
            pt: SIMD4(a[2], b[1], c[0], c[3]), m: SIMD4())
    }

    /// `[eta, phi, pt, mass]` rows: a 4 x 4 transpose.
    @inline(__always)
    static func fourFeatures(_ p: UnsafePointer<Float>) -> FourParticles {
        let raw = UnsafeRawPointer(p)
        let a = raw.loadUnaligned(as: SIMD4<Float>.self)
        let b = raw.loadUnaligned(fromByteOffset: 16, as: SIMD4<Float>.self)
        let c = raw.loadUnaligned(fromByteOffset: 32, as: SIMD4<Float>.self)
        let d = raw.loadUnaligned(fromByteOffset: 48, as: SIMD4<Float>.self)
        return FourParticles(
            eta: SIMD4(a[0], b[0], c[0], d[0]), phi: SIMD4(a[1], b[1], c[1], d[1]),
            pt: SIMD4(a[2], b[2], c[2], d[2]), m: SIMD4(a[3], b[3], c[3], d[3]))
    }

    /// Rows of any width of at least 3 (the mass is the fourth feature, if any).
    @inline(__always)
    static func strided(_ p: UnsafePointer<Float>, width: Int) -> FourParticles {
        partial(p, count: 4, width: width)
    }

    /// The first `count` (at most 4) particles; the other lanes are zero.
    static func partial(_ p: UnsafePointer<Float>, count: Int, width: Int) -> FourParticles {
        var group = FourParticles(eta: SIMD4(), phi: SIMD4(), pt: SIMD4(), m: SIMD4())
        for lane in 0..<count {
            let row = p + lane * width
            group.eta[lane] = row[0]
            group.phi[lane] = row[1]
            group.pt[lane] = row[2]
            if width >= 4 { group.m[lane] = row[3] }
        }
        return group
    }
}
