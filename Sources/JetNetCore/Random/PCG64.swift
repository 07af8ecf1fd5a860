/// NumPy's `PCG64` bit generator: a 128-bit linear congruential generator with the XSL-RR
/// output function.
///
/// Reproduces `np.random.PCG64(seed)` bit for bit, including the buffering of 32-bit draws
/// (one 64-bit output serves two `nextUInt32()` calls, low half first).
public struct PCG64: Sendable, Equatable {
    // PCG_DEFAULT_MULTIPLIER_128 split into halves.
    private static let multiplierHigh: UInt64 = 2_549_297_995_355_413_924
    private static let multiplierLow: UInt64 = 4_865_540_595_714_422_341

    private var stateHigh: UInt64 = 0
    private var stateLow: UInt64 = 0
    private var incrementHigh: UInt64 = 0
    private var incrementLow: UInt64 = 0
    // The unused upper half of the last 64-bit output, for the next 32-bit draw.
    private var hasBufferedUInt32 = false
    private var bufferedUInt32: UInt32 = 0

    /// Seeds the generator as `np.random.PCG64(seed)` does (through `SeedSequence`).
    ///
    /// - Parameter seed: The seed.
    public init(seed: UInt64) {
        self.init(seedSequence: SeedSequence(seed: seed))
    }

    /// Seeds the generator from four 64-bit words of `seedSequence`'s state:
    /// the first two are the initial state, the last two the stream (high word first).
    ///
    /// - Parameter seedSequence: The mixed seed.
    public init(seedSequence: SeedSequence) {
        let words = seedSequence.generateState64(count: 4)
        // pcg_setseq_128_srandom_r: state = 0, inc = 2*seq + 1, step, state += seed, step.
        incrementHigh = words[2] << 1 | words[3] >> 63
        incrementLow = words[3] << 1 | 1
        step()
        let (low, carry) = stateLow.addingReportingOverflow(words[1])
        stateLow = low
        stateHigh = stateHigh &+ words[0] &+ (carry ? 1 : 0)
        step()
    }

    /// Advances the 128-bit state: `state = state * multiplier + increment (mod 2^128)`.
    @inline(__always)
    private mutating func step() {
        let (productHigh, productLow) = stateLow.multipliedFullWidth(by: Self.multiplierLow)
        var high = productHigh &+ stateHigh &* Self.multiplierLow &+ stateLow &* Self.multiplierHigh
        let (low, carry) = productLow.addingReportingOverflow(incrementLow)
        high = high &+ incrementHigh &+ (carry ? 1 : 0)
        stateHigh = high
        stateLow = low
    }

    /// Jumps `steps` 64-bit outputs ahead in O(log steps), as `PCG64.advance(steps)` moves the
    /// state (the buffered 32-bit half is left as it is: callers that track 32-bit draws set it).
    ///
    /// - Parameter steps: outputs to skip.
    public mutating func advance(by steps: UInt64) {
        // pcg_advance_lcg_128: the affine map x -> m x + c applied `steps` times, by squaring.
        typealias Pair = (high: UInt64, low: UInt64)
        func multiply(_ a: Pair, _ b: Pair) -> Pair {
            let (high, low) = a.low.multipliedFullWidth(by: b.low)
            return (high &+ a.high &* b.low &+ a.low &* b.high, low)
        }
        func add(_ a: Pair, _ b: Pair) -> Pair {
            let (low, carry) = a.low.addingReportingOverflow(b.low)
            return (a.high &+ b.high &+ (carry ? 1 : 0), low)
        }
        var (multiplier, increment): (Pair, Pair) = ((Self.multiplierHigh, Self.multiplierLow), (incrementHigh, incrementLow))
        var (accumulatedMultiplier, accumulatedIncrement): (Pair, Pair) = ((0, 1), (0, 0))
        var remaining = steps
        while remaining > 0 {
            if remaining & 1 == 1 {
                accumulatedMultiplier = multiply(accumulatedMultiplier, multiplier)
                accumulatedIncrement = add(multiply(accumulatedIncrement, multiplier), increment)
            }
            increment = multiply(add(multiplier, (0, 1)), increment)
            multiplier = multiply(multiplier, multiplier)
            remaining >>= 1
        }
        (stateHigh, stateLow) = add(multiply(accumulatedMultiplier, (stateHigh, stateLow)), accumulatedIncrement)
    }

    /// The next 64 random bits (`random_raw()`).
    @inline(__always)
    public mutating func nextUInt64() -> UInt64 {
        step()
        // XSL-RR: xor the halves, rotate right by the top six bits.
        let folded = stateHigh ^ stateLow
        let rotation = stateHigh >> 58
        return folded >> rotation | folded << ((64 &- rotation) & 63)
    }

    /// The next 32 random bits: the low half of a fresh 64-bit output, then its high half.
    @inline(__always)
    public mutating func nextUInt32() -> UInt32 {
        if hasBufferedUInt32 {
            hasBufferedUInt32 = false
            return bufferedUInt32
        }
        let next = nextUInt64()
        hasBufferedUInt32 = true
        bufferedUInt32 = UInt32(truncatingIfNeeded: next >> 32)
        return UInt32(truncatingIfNeeded: next)
    }

    /// Takes the buffered upper half of the last 64-bit output, if any (bulk 32-bit draws read
    /// it first, then whole outputs).
    mutating func takeBufferedUInt32() -> UInt32? {
        guard hasBufferedUInt32 else { return nil }
        hasBufferedUInt32 = false
        return bufferedUInt32
    }

    /// Records `value`, the upper half of the last 64-bit output, as `nextUInt32()` does: kept
    /// for the next `nextUInt32()` if `unused`, else kept only as state (so states compare equal).
    mutating func bufferUInt32(_ value: UInt32, unused: Bool) {
        hasBufferedUInt32 = unused
        bufferedUInt32 = value
    }

    /// A double in [0, 1) from the top 53 bits of a 64-bit output (`next_double`).
    @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(nextUInt64() >> 11) * 0x1p-53
    }
}
