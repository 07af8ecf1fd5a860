/// The Philox4x32-10 counter-based generator (Salmon et al., "Parallel random numbers: as easy
/// as 1, 2, 3", SC'11; the generator of Random123, JAX and PyTorch's CUDA backend).
///
/// Every 128-bit output block is a pure function of a 64-bit key and a 128-bit counter, so a
/// stream is named rather than advanced: `Philox4x32(key: seed, stream: jet, substream: stage)`
/// gives the same numbers whichever thread draws them and whatever was drawn before. That is
/// what makes per-jet randomness independent of the thread count and of how jets are batched
/// (``KeyedRandom`` starts a cheaper stream from one block).
///
/// The counter is `(block, substream, stream low, stream high)`; a stream holds 2^32 blocks of
/// two 64-bit words each.
///
/// ```swift
/// var random = Philox4x32(key: 1, stream: 17, substream: 0)
/// let u = random.nextDouble()            // uniform in [0, 1)
/// let z = random.nextStandardNormal()    // NumPy's ziggurat over this stream
/// ```
public struct Philox4x32: Sendable, Equatable {
    // Round multipliers and Weyl key increments of Philox4x32 (Random123's defaults).
    private static let multiplier0: UInt32 = 0xD251_1F53
    private static let multiplier1: UInt32 = 0xCD9E_8D57
    private static let weyl0: UInt32 = 0x9E37_79B9
    private static let weyl1: UInt32 = 0xBB67_AE85

    private let key0: UInt32
    private let key1: UInt32
    private let substream: UInt32
    private let streamLow: UInt32
    private let streamHigh: UInt32
    private var block: UInt32 = 0
    // The second 64-bit word of the last block, served by the next `nextUInt64()`.
    private var buffered: UInt64 = 0
    private var hasBuffered = false

    /// A stream named by `(key, stream, substream)`, positioned at its first block.
    ///
    /// - Parameters:
    ///   - key: the seed.
    ///   - stream: which stream, e.g. a jet's index.
    ///   - substream: which part of the stream, e.g. a pipeline stage.
    public init(key: UInt64, stream: UInt64, substream: UInt32 = 0) {
        key0 = UInt32(truncatingIfNeeded: key)
        key1 = UInt32(truncatingIfNeeded: key >> 32)
        self.substream = substream
        streamLow = UInt32(truncatingIfNeeded: stream)
        streamHigh = UInt32(truncatingIfNeeded: stream >> 32)
    }

    /// The output block for `counter` under `key`: ten rounds of Philox4x32.
    ///
    /// - Parameters:
    ///   - counter: the four counter words `(c0, c1, c2, c3)`.
    ///   - key: the two key words `(k0, k1)`.
    /// - Returns: the four output words.
    @inline(__always)
    public static func block(
        _ counter: (UInt32, UInt32, UInt32, UInt32), key: (UInt32, UInt32)
    ) -> (UInt32, UInt32, UInt32, UInt32) {
        var (c0, c1, c2, c3) = counter
        var (k0, k1) = key
        for round in 0..<10 {
            if round > 0 {
                k0 &+= weyl0
                k1 &+= weyl1
            }
            let product0 = UInt64(multiplier0) &* UInt64(c0)
            let product1 = UInt64(multiplier1) &* UInt64(c2)
            let high0 = UInt32(truncatingIfNeeded: product0 >> 32), low0 = UInt32(truncatingIfNeeded: product0)
            let high1 = UInt32(truncatingIfNeeded: product1 >> 32), low1 = UInt32(truncatingIfNeeded: product1)
            (c0, c1, c2, c3) = (high1 ^ c1 ^ k0, low1, high0 ^ c3 ^ k1, low0)
        }
        return (c0, c1, c2, c3)
    }

    /// The next 64 random bits: words 0-1 of a fresh block, then words 2-3.
    @inline(__always)
    public mutating func nextUInt64() -> UInt64 {
        if hasBuffered {
            hasBuffered = false
            return buffered
        }
        let words = Self.block((block, substream, streamLow, streamHigh), key: (key0, key1))
        block &+= 1
        buffered = UInt64(words.2) | UInt64(words.3) << 32
        hasBuffered = true
        return UInt64(words.0) | UInt64(words.1) << 32
    }

    /// A double uniform in [0, 1) from the top 53 bits of a 64-bit word.
    @inline(__always)
    public mutating func nextDouble() -> Double {
        nextUniformDouble()
    }

    /// A standard normal double by NumPy's 256-step ziggurat over this stream.
    @inline(__always)
    public mutating func nextStandardNormal() -> Double {
        zigguratStandardNormal()
    }
}

extension Philox4x32: RandomWordSource {}
