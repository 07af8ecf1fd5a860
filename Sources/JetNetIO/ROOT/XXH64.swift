/// The 64-bit xxHash (XXH64), which ROOT stores before every LZ4 block as a checksum.
///
/// Written from the xxHash specification; equals Python `xxhash.xxh64(data).intdigest()`.
public enum XXH64 {
    static let prime1: UInt64 = 11_400_714_785_074_694_791
    static let prime2: UInt64 = 14_029_467_366_897_019_727
    static let prime3: UInt64 = 1_609_587_929_392_839_161
    static let prime4: UInt64 = 9_650_029_242_287_828_579
    static let prime5: UInt64 = 2_870_177_450_012_600_261

    /// Hashes a byte buffer.
    ///
    /// - Parameters:
    ///   - data: the bytes, shape `[n]`.
    ///   - seed: the seed (ROOT uses 0).
    /// - Returns: the 64-bit digest.
    public static func hash(_ data: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let n = data.count
        var i = 0
        @inline(__always) func read64(_ at: Int) -> UInt64 { UInt64(littleEndian: data.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        @inline(__always) func read32(_ at: Int) -> UInt32 { UInt32(littleEndian: data.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        @inline(__always) func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
        @inline(__always) func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
            rotl(acc &+ input &* prime2, 31) &* prime1
        }
        @inline(__always) func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
            (acc ^ round(0, value)) &* prime1 &+ prime4
        }
        var h: UInt64
        if n >= 32 {
            var v1 = seed &+ prime1 &+ prime2
            var v2 = seed &+ prime2
            var v3 = seed
            var v4 = seed &- prime1
            while i + 32 <= n {
                v1 = round(v1, read64(i))
                v2 = round(v2, read64(i + 8))
                v3 = round(v3, read64(i + 16))
                v4 = round(v4, read64(i + 24))
                i += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(h, v1)
            h = merge(h, v2)
            h = merge(h, v3)
            h = merge(h, v4)
        } else {
            h = seed &+ prime5
        }
        h = h &+ UInt64(n)
        while i + 8 <= n {
            h ^= round(0, read64(i))
            h = rotl(h, 27) &* prime1 &+ prime4
            i += 8
        }
        if i + 4 <= n {
            h ^= UInt64(read32(i)) &* prime1
            h = rotl(h, 23) &* prime2 &+ prime3
            i += 4
        }
        while i < n {
            h ^= UInt64(data[i]) &* prime5
            h = rotl(h, 11) &* prime1
            i += 1
        }
        h ^= h >> 33
        h = h &* prime2
        h ^= h >> 29
        h = h &* prime3
        h ^= h >> 32
        return h
    }

    /// Hashes a byte array.
    ///
    /// - Parameters:
    ///   - bytes: the bytes, shape `[n]`.
    ///   - seed: the seed (ROOT uses 0).
    /// - Returns: the 64-bit digest.
    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }
}
