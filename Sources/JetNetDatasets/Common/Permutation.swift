import JetNetCore

/// `numpy.random.default_rng(seed).permutation(length)`, the shuffle jetnet splits with.
///
/// A minimal, private reproduction of NumPy's SeedSequence + PCG64 (XSL-RR) + `shuffle`
/// (`_shuffle_raw`: i from n-1 down to 1, swap with `random_interval(i)`, 32-bit draws
/// buffered two per 64-bit output), used until the package-wide `NumPyGenerator` is
/// available; golden/rng.json checks it.
func jetnetPermutation(_ length: Int, seed: UInt64) -> [Int] {
    var generator = PermutationPCG64(seed: seed)
    var values = Array(0..<length)
    guard length > 1 else { return values }
    for i in stride(from: length - 1, through: 1, by: -1) {
        let j = Int(generator.interval(UInt64(i)))
        values.swapAt(i, j)
    }
    return values
}

/// NumPy's PCG64 seeded through SeedSequence, with the 32-bit buffer of `next_uint32`.
private struct PermutationPCG64 {
    private var stateHigh: UInt64 = 0, stateLow: UInt64 = 0
    private var incrementHigh: UInt64 = 0, incrementLow: UInt64 = 0
    private var bufferedUInt32: UInt32?

    private static let multiplierHigh: UInt64 = 2_549_297_995_355_413_924
    private static let multiplierLow: UInt64 = 4_865_540_595_714_422_341

    init(seed: UInt64) {
        // SeedSequence: the seed as 32-bit words (little-endian), mixed into a pool of 4.
        var entropy = [UInt32]()
        var rest = seed
        repeat { entropy.append(UInt32(truncatingIfNeeded: rest)); rest >>= 32 } while rest > 0
        var hashConstant: UInt32 = 0x43b0_d7e5
        func hashmix(_ value: UInt32) -> UInt32 {
            var value = value ^ hashConstant
            hashConstant = hashConstant &* 0x931e_8875
            value = value &* hashConstant
            return value ^ (value >> 16)
        }
        func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
            let result = 0xca01_f9dd &* x &- 0x4973_f715 &* y
            return result ^ (result >> 16)
        }
        var pool = [UInt32](repeating: 0, count: 4)
        for i in 0..<4 { pool[i] = hashmix(i < entropy.count ? entropy[i] : 0) }
        for source in 0..<4 {
            for destination in 0..<4 where source != destination {
                pool[destination] = mix(pool[destination], hashmix(pool[source]))
            }
        }
        for source in 4..<max(4, entropy.count) {
            for destination in 0..<4 { pool[destination] = mix(pool[destination], hashmix(entropy[source])) }
        }
        // generate_state(4, uint64): 8 words of 32 bits, paired little-endian.
        var generateConstant: UInt32 = 0x8b51_f9dd
        var words = [UInt32]()
        for i in 0..<8 {
            var value = pool[i % 4] ^ generateConstant
            generateConstant = generateConstant &* 0x58f3_8ded
            value = value &* generateConstant
            words.append(value ^ (value >> 16))
        }
        let state = (0..<4).map { UInt64(words[2 * $0]) | UInt64(words[2 * $0 + 1]) << 32 }
        // pcg64_set_seed: initstate = (state[0], state[1]), initseq = (state[2], state[3]).
        incrementHigh = state[2] << 1 | state[3] >> 63
        incrementLow = state[3] << 1 | 1
        step()
        let (low, carry) = stateLow.addingReportingOverflow(state[1])
        stateLow = low
        stateHigh = stateHigh &+ state[0] &+ (carry ? 1 : 0)
        step()
    }

    private mutating func step() {
        // state = state * multiplier + increment (mod 2^128).
        let product = stateLow.multipliedFullWidth(by: Self.multiplierLow)
        var high = product.high &+ stateHigh &* Self.multiplierLow &+ stateLow &* Self.multiplierHigh
        let (low, carry) = product.low.addingReportingOverflow(incrementLow)
        high = high &+ incrementHigh &+ (carry ? 1 : 0)
        stateHigh = high
        stateLow = low
    }

    mutating func next64() -> UInt64 {
        step()
        let rotation = stateHigh >> 58
        let value = stateHigh ^ stateLow
        return value >> rotation | value << ((64 - rotation) & 63)
    }

    mutating func next32() -> UInt32 {
        if let buffered = bufferedUInt32 {
            bufferedUInt32 = nil
            return buffered
        }
        let next = next64()
        bufferedUInt32 = UInt32(truncatingIfNeeded: next >> 32)
        return UInt32(truncatingIfNeeded: next)
    }

    /// A uniform integer in `0...max` by mask-and-reject (NumPy's `random_interval`, which
    /// `shuffle` uses for 1-D arrays: checked against numpy 1.26 and 2.4).
    mutating func interval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        for shift: UInt64 in [1, 2, 4, 8, 16, 32] { mask |= mask >> shift }
        if max <= 0xffff_ffff {
            while true {
                let value = UInt64(next32()) & mask
                if value <= max { return value }
            }
        }
        while true {
            let value = next64() & mask
            if value <= max { return value }
        }
    }
}
