/// NumPy's `SeedSequence`: turns a seed into well-mixed 32-bit words for a bit generator.
///
/// This reproduces `np.random.SeedSequence(seed)` (no spawn key, pool of four words) bit for
/// bit, so `PCG64` seeded from it follows the same stream as `np.random.PCG64(seed)`.
///
/// ```swift
/// let words = SeedSequence(seed: 0).generateState(count: 8)  // == SeedSequence(0).generate_state(8)
/// ```
public struct SeedSequence: Sendable, Equatable {
    // Constants of the hash in numpy/random/bit_generator.pyx.
    private static let initA: UInt32 = 0x43b0_d7e5
    private static let multA: UInt32 = 0x931e_8875
    private static let initB: UInt32 = 0x8b51_f9dd
    private static let multB: UInt32 = 0x58f3_8ded
    private static let mixMultL: UInt32 = 0xca01_f9dd
    private static let mixMultR: UInt32 = 0x4973_f715
    private static let xShift: UInt32 = 16
    private static let poolSize = 4

    /// The mixed entropy pool (four 32-bit words) every generated state is derived from.
    public let pool: [UInt32]

    /// Mixes a non-negative integer seed, as `np.random.SeedSequence(seed)` does.
    ///
    /// - Parameter seed: The seed; NumPy splits it into little-endian 32-bit words.
    public init(seed: UInt64) {
        let low = UInt32(truncatingIfNeeded: seed)
        let high = UInt32(truncatingIfNeeded: seed >> 32)
        // NumPy drops leading zero words but keeps at least one word (0 -> [0]).
        self.init(entropy: high == 0 ? [low] : [low, high])
    }

    /// Mixes entropy given as 32-bit words, least significant word first.
    ///
    /// - Parameter entropy: The seed's 32-bit words, shape `[words]`, as NumPy's
    ///   `_coerce_to_uint32_array` produces them.
    public init(entropy: [UInt32]) {
        var hashConst = Self.initA
        func hashmix(_ value: UInt32) -> UInt32 {
            var value = value ^ hashConst
            hashConst &*= Self.multA
            value &*= hashConst
            return value ^ (value >> Self.xShift)
        }
        func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
            let result = Self.mixMultL &* x &- Self.mixMultR &* y
            return result ^ (result >> Self.xShift)
        }

        var mixer = [UInt32](repeating: 0, count: Self.poolSize)
        for i in 0..<Self.poolSize {
            mixer[i] = hashmix(i < entropy.count ? entropy[i] : 0)
        }
        // Mix all words together so late words affect early ones.
        for source in 0..<Self.poolSize {
            for destination in 0..<Self.poolSize where source != destination {
                mixer[destination] = mix(mixer[destination], hashmix(mixer[source]))
            }
        }
        // Entropy beyond the pool size is folded into every pool word.
        if entropy.count > Self.poolSize {
            for source in Self.poolSize..<entropy.count {
                for destination in 0..<Self.poolSize {
                    mixer[destination] = mix(mixer[destination], hashmix(entropy[source]))
                }
            }
        }
        pool = mixer
    }

    /// The first `count` 32-bit words of state, as `generate_state(count, np.uint32)`.
    ///
    /// - Parameter count: The number of words (non-negative).
    /// - Returns: The words, shape `[count]`.
    public func generateState(count: Int) -> [UInt32] {
        precondition(count >= 0, "SeedSequence.generateState: negative count \(count)")
        var hashConst = Self.initB
        var state = [UInt32](repeating: 0, count: count)
        for i in 0..<count {
            var value = pool[i % pool.count] ^ hashConst
            hashConst &*= Self.multB
            value &*= hashConst
            state[i] = value ^ (value >> Self.xShift)
        }
        return state
    }

    /// The first `count` 64-bit words of state, as `generate_state(count, np.uint64)`.
    ///
    /// Each 64-bit word is two consecutive 32-bit words, the first one low.
    /// - Parameter count: The number of 64-bit words (non-negative).
    /// - Returns: The words, shape `[count]`.
    public func generateState64(count: Int) -> [UInt64] {
        let words = generateState(count: 2 * count)
        return (0..<count).map { UInt64(words[2 * $0]) | UInt64(words[2 * $0 + 1]) << 32 }
    }
}
