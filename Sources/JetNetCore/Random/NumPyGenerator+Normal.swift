import Foundation

extension NumPyGenerator {
    /// Standard normal doubles, as `standard_normal(size=count)`.
    ///
    /// Uses NumPy's 256-step ziggurat (`random_standard_normal`) with its constant tables,
    /// so the values are bit-identical to NumPy's on the same platform math library.
    /// - Parameter count: How many to draw (non-negative).
    /// - Returns: The doubles, shape `[count]`.
    public mutating func standardNormal(count: Int) -> [Double] {
        precondition(count >= 0, "NumPyGenerator.standardNormal: negative count \(count)")
        var result = [Double](repeating: 0, count: count)
        for i in 0..<count { result[i] = nextStandardNormal() }
        return result
    }

    /// One standard normal double (`random_standard_normal`).
    public mutating func nextStandardNormal() -> Double {
        bitGenerator.zigguratStandardNormal()
    }
}

/// A source of uniform 64-bit words: what NumPy's distributions consume.
@usableFromInline
protocol RandomWordSource {
    /// The next 64 random bits.
    mutating func nextUInt64() -> UInt64
}

extension RandomWordSource {
    /// A double in [0, 1) from the top 53 bits of a 64-bit word (`next_double`).
    @inlinable @inline(__always)
    mutating func nextUniformDouble() -> Double {
        Double(nextUInt64() >> 11) * 0x1p-53
    }

    /// One standard normal double by NumPy's 256-step ziggurat (`random_standard_normal`).
    @inlinable @inline(__always)
    mutating func zigguratStandardNormal() -> Double {
        ZigguratNormal.ki.withUnsafeBufferPointer { ki in
            ZigguratNormal.wi.withUnsafeBufferPointer { wi in
                ZigguratNormal.fi.withUnsafeBufferPointer { fi in
                    zigguratStandardNormal(ki: ki.baseAddress!, wi: wi.baseAddress!, fi: fi.baseAddress!)
                }
            }
        }
    }

    /// Standard normal doubles by NumPy's ziggurat into `normals`, the same values as as many
    /// ``zigguratStandardNormal()`` calls, with the tables looked up once for all of them.
    @inlinable
    mutating func fillZigguratStandardNormals(_ normals: UnsafeMutableBufferPointer<Double>) {
        ZigguratNormal.ki.withUnsafeBufferPointer { ki in
            ZigguratNormal.wi.withUnsafeBufferPointer { wi in
                ZigguratNormal.fi.withUnsafeBufferPointer { fi in
                    for i in normals.indices {
                        normals[i] = zigguratStandardNormal(ki: ki.baseAddress!, wi: wi.baseAddress!, fi: fi.baseAddress!)
                    }
                }
            }
        }
    }

    /// The ziggurat over tables `ki`, `wi`, `fi` (NumPy's, 256 entries each).
    @inlinable @inline(__always)
    mutating func zigguratStandardNormal(ki: UnsafePointer<UInt64>, wi: UnsafePointer<Double>, fi: UnsafePointer<Double>) -> Double {
        while true {
            var bits = nextUInt64()
            let index = Int(bits & 0xff)
            bits >>= 8
            let magnitude = (bits >> 1) & 0x000f_ffff_ffff_ffff
            // magnitude < 2^52, so the signed conversion is exact (and one instruction); the
            // sign is set without a branch, which would be mispredicted half of the time.
            let positive = Double(Int64(bitPattern: magnitude)) * wi[index]
            let x = Double(bitPattern: positive.bitPattern | (bits & 1) << 63)
            if magnitude < ki[index] { return x }  // ~99.3% of draws
            if index == 0 {
                // The tail beyond r; 1 - U avoids log(0) (NumPy gh-13361).
                while true {
                    let xx = -ZigguratNormal.inverseR * log1p(-nextUniformDouble())
                    let yy = -log1p(-nextUniformDouble())
                    if yy + yy > xx * xx {
                        return (magnitude >> 8) & 1 == 1 ? -(ZigguratNormal.r + xx) : ZigguratNormal.r + xx
                    }
                }
            }
            let u = nextUniformDouble()
            if (fi[index - 1] - fi[index]) * u + fi[index] < exp(-0.5 * x * x) {
                return x
            }
        }
    }
}

extension PCG64: RandomWordSource {}

