/// NumPy's `np.random.default_rng(seed).choice(n, size)` (uniform, with replacement), bit for bit:
/// `SeedSequence(seed)` -> `PCG64` (128-bit LCG, XSL-RR output) -> `integers(0, n)` with Lemire's
/// bounded method (the 32-bit path, on buffered 32-bit halves, when `n - 1` fits in 32 bits).
///
/// The minimal generator FPD and KPD need; a full `default_rng` lives with JetNetCore's random
/// numbers.
struct NumPyChoice: ChoiceDrawing {
    private var state: (high: UInt64, low: UInt64)
    private let increment: (high: UInt64, low: UInt64)
    private var bufferedHalf: UInt32?

    init(seed: UInt64) {
        let words = Self.seedSequenceState(seed)
        let value = { (k: Int) in UInt64(words[2 * k]) | UInt64(words[2 * k + 1]) << 32 }
        // pcg64_set_seed: state = (value[0] high, value[1] low), inc = (value[2], value[3]).
        let initState = (high: value(0), low: value(1))
        let sequence = (high: value(2), low: value(3))
        increment = (sequence.high << 1 | sequence.low >> 63, sequence.low << 1 | 1)
        state = (0, 0)
        step()
        state = Self.add(state, initState)
        step()
    }

    mutating func choice(_ n: Int, size: Int) -> [Int] {
        precondition(n > 0 && size >= 0, "choice needs n > 0 and size >= 0")
        let range = UInt64(n - 1)
        if range == 0 { return [Int](repeating: 0, count: size) }
        var out = [Int](repeating: 0, count: size)
        if range <= UInt64(UInt32.max) {
            if range == UInt64(UInt32.max) {
                for i in 0..<size { out[i] = Int(nextUInt32()) }
            } else {
                let exclusive = UInt32(range) &+ 1
                for i in 0..<size { out[i] = Int(boundedLemire32(exclusive, range: UInt32(range))) }
            }
        } else {
            for i in 0..<size { out[i] = Int(boundedLemire64(range)) }
        }
        return out
    }

    // MARK: - Bounded integers (numpy/random/src/distributions/distributions.c)

    private mutating func boundedLemire32(_ exclusive: UInt32, range: UInt32) -> UInt32 {
        var m = UInt64(nextUInt32()) * UInt64(exclusive)
        var leftover = UInt32(truncatingIfNeeded: m)
        if leftover < exclusive {
            let threshold = (UInt32.max - range) % exclusive
            while leftover < threshold {
                m = UInt64(nextUInt32()) * UInt64(exclusive)
                leftover = UInt32(truncatingIfNeeded: m)
            }
        }
        return UInt32(m >> 32)
    }

    private mutating func boundedLemire64(_ range: UInt64) -> UInt64 {
        let exclusive = range &+ 1
        var m = nextUInt64().multipliedFullWidth(by: exclusive)
        if m.low < exclusive {
            let threshold = (UInt64.max - range) % exclusive
            while m.low < threshold { m = nextUInt64().multipliedFullWidth(by: exclusive) }
        }
        return m.high
    }

    // MARK: - PCG64

    private static let multiplier = (high: UInt64(2_549_297_995_355_413_924), low: UInt64(4_865_540_595_714_422_341))

    private static func add(_ a: (high: UInt64, low: UInt64), _ b: (high: UInt64, low: UInt64)) -> (high: UInt64, low: UInt64) {
        let (low, carry) = a.low.addingReportingOverflow(b.low)
        return (a.high &+ b.high &+ (carry ? 1 : 0), low)
    }

    private mutating func step() {
        let product = state.low.multipliedFullWidth(by: Self.multiplier.low)
        let high = product.high &+ state.low &* Self.multiplier.high &+ state.high &* Self.multiplier.low
        state = Self.add((high, product.low), increment)
    }

    private mutating func nextUInt64() -> UInt64 {
        step()
        let rotation = UInt64(state.high >> 58)
        let value = state.high ^ state.low
        return (value >> rotation) | (value << ((64 &- rotation) & 63))
    }

    /// 32-bit draws use both halves of a 64-bit output, low half first.
    private mutating func nextUInt32() -> UInt32 {
        if let half = bufferedHalf {
            bufferedHalf = nil
            return half
        }
        let value = nextUInt64()
        bufferedHalf = UInt32(value >> 32)
        return UInt32(truncatingIfNeeded: value)
    }

    // MARK: - SeedSequence (numpy/random/bit_generator.pyx)

    /// `SeedSequence(seed).generate_state(4, np.uint64)` as eight 32-bit words.
    static func seedSequenceState(_ seed: UInt64) -> [UInt32] {
        let xshift: UInt32 = 16
        var entropy = [UInt32(truncatingIfNeeded: seed)]
        if seed >> 32 != 0 { entropy.append(UInt32(seed >> 32)) }
        var hashConstant: UInt32 = 0x43b0_d7e5
        func hashmix(_ input: UInt32) -> UInt32 {
            var value = input ^ hashConstant
            hashConstant = hashConstant &* 0x931e_8875
            value = value &* hashConstant
            return value ^ (value >> xshift)
        }
        func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
            let result = 0xca01_f9dd &* x &- 0x4973_f715 &* y
            return result ^ (result >> xshift)
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
        var outputConstant: UInt32 = 0x8b51_f9dd
        return (0..<8).map { i in
            var value = pool[i % 4] ^ outputConstant
            outputConstant = outputConstant &* 0x58f3_8ded
            value = value &* outputConstant
            return value ^ (value >> xshift)
        }
    }
}
