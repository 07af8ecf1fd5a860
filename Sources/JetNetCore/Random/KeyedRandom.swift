/// A random stream named by `(key, stream, substream)`: one Philox4x32-10 block of that name
/// (``Philox4x32``) gives the 64-bit start of a SplitMix64 sequence (Steele, Lea and Flood,
/// "Fast splittable pseudorandom number generators", OOPSLA 2014), whose k-th output is
/// `mix64(start + k * golden gamma)`.
///
/// Every number is thus a pure function of the name and its position, as with Philox alone,
/// at a fraction of Philox's cost per word: the per-jet streams of the augmentations draw tens
/// of normals per jet, and this keeps them cheap. Different names start at independent
/// 64-bit points of the sequence, so streams of up to millions of draws do not overlap in
/// practice (the chance is about draws^2 / 2^64).
///
/// ```swift
/// var random = KeyedRandom(key: seed, stream: jetIndex, substream: stage)
/// let angle = 2 * Double.pi * random.nextDouble()
/// ```
public struct KeyedRandom: Sendable, Equatable {
    @usableFromInline static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15
    @usableFromInline var state: UInt64

    /// The stream named `(key, stream, substream)`, at its first draw.
    /// - Parameters:
    ///   - key: the seed.
    ///   - stream: which stream, e.g. a jet's index.
    ///   - substream: which part of it, e.g. a pipeline stage.
    public init(key: UInt64, stream: UInt64, substream: UInt32 = 0) {
        let words = Philox4x32.block(
            (0, substream, UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32)),
            key: (UInt32(truncatingIfNeeded: key), UInt32(truncatingIfNeeded: key >> 32)))
        state = UInt64(words.0) | UInt64(words.1) << 32
    }

    /// The next 64 random bits (SplitMix64's `mix64` of the advanced state).
    @inlinable @inline(__always)
    public mutating func nextUInt64() -> UInt64 {
        state &+= Self.gamma
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double uniform in [0, 1) from the top 53 bits of a 64-bit word.
    @inlinable @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(nextUInt64() >> 11) * 0x1p-53
    }

    /// A standard normal double by NumPy's 256-step ziggurat over this stream.
    @inlinable @inline(__always)
    public mutating func nextStandardNormal() -> Double {
        zigguratStandardNormal()
    }

    /// Fills `normals` with standard normal doubles: the values of as many
    /// ``nextStandardNormal()`` calls, faster.
    /// - Parameter normals: `[count]`, overwritten.
    @inlinable
    public mutating func fillStandardNormals(_ normals: UnsafeMutableBufferPointer<Double>) {
        fillZigguratStandardNormals(normals)
    }

    /// An integer uniform in `0...upperBound` (Lemire's multiply-shift with rejection, so every
    /// value is equally likely).
    /// - Parameter upperBound: the largest value (non-negative).
    @inlinable @inline(__always)
    public mutating func nextInt(through upperBound: Int) -> Int {
        precondition(upperBound >= 0, "KeyedRandom.nextInt(through:): negative bound \(upperBound)")
        let range = UInt64(upperBound) &+ 1
        var (high, low) = nextUInt64().multipliedFullWidth(by: range)
        if low < range {
            let threshold = (0 &- range) % range
            while low < threshold {
                (high, low) = nextUInt64().multipliedFullWidth(by: range)
            }
        }
        return Int(high)
    }
}

extension KeyedRandom: RandomWordSource {}
