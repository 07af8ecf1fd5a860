/// NumPy's `Generator` over `PCG64`: `NumPyGenerator(seed: s)` draws exactly what
/// `np.random.default_rng(s)` draws.
///
/// Every method consumes the bit stream the way NumPy 2.x does (Lemire's bounded integers
/// with the 32-bit path for small ranges, mask-and-reject for shuffles, the 256-step
/// ziggurat for normals), so splits, bootstrap samples and metric values match jetnet's.
///
/// ```swift
/// var rng = NumPyGenerator(seed: 0)
/// let indices = rng.choice(50_000, count: 50_000)   // == default_rng(0).choice(50000, 50000)
/// ```
public struct NumPyGenerator: Sendable, Equatable {
    /// The underlying bit generator; its state advances with every draw.
    public var bitGenerator: PCG64

    /// Seeds the generator as `np.random.default_rng(seed)` does.
    ///
    /// - Parameter seed: The seed.
    public init(seed: UInt64) {
        bitGenerator = PCG64(seed: seed)
    }

    /// Wraps an existing bit generator.
    ///
    /// - Parameter bitGenerator: The bit generator to draw from.
    public init(bitGenerator: PCG64) {
        self.bitGenerator = bitGenerator
    }

    /// The next 64 random bits.
    public mutating func nextUInt64() -> UInt64 { bitGenerator.nextUInt64() }

    /// The next 32 random bits (half of a buffered 64-bit output).
    public mutating func nextUInt32() -> UInt32 { bitGenerator.nextUInt32() }

    /// Random integers in `[low, high)`, as `integers(low, high, size=count)` (int64).
    ///
    /// - Parameters:
    ///   - low: The smallest possible value.
    ///   - high: One past the largest possible value; must exceed `low`.
    ///   - count: How many integers to draw (non-negative).
    /// - Returns: The integers, shape `[count]`.
    public mutating func integers(low: Int64, high: Int64, count: Int) -> [Int64] {
        precondition(low < high, "NumPyGenerator.integers: low (\(low)) must be below high (\(high))")
        precondition(count >= 0, "NumPyGenerator.integers: negative count \(count)")
        // NumPy works with the inclusive width `high - 1 - low` as an unsigned number.
        let width = UInt64(bitPattern: high &- 1 &- low)
        let offset = UInt64(bitPattern: low)
        var result = [Int64](repeating: 0, count: count)
        for i in 0..<count {
            result[i] = Int64(bitPattern: offset &+ boundedUInt64(inclusiveWidth: width))
        }
        return result
    }

    /// Random indices in `0..<n` with replacement, as `choice(n, size=count)`.
    ///
    /// - Parameters:
    ///   - n: The population size (positive).
    ///   - count: How many indices to draw (non-negative).
    /// - Returns: The indices, shape `[count]`.
    public mutating func choice(_ n: Int, count: Int) -> [Int] {
        precondition(n > 0, "NumPyGenerator.choice: population size must be positive, got \(n)")
        precondition(count >= 0, "NumPyGenerator.choice: negative count \(count)")
        return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
            choice(n, into: buffer)
            initialized = count
        }
    }

    /// Fills `indices` with random indices in `0..<n` with replacement, as
    /// `choice(n, size=indices.count)` draws them, without allocating.
    ///
    /// - Parameters:
    ///   - n: The population size (positive).
    ///   - indices: Receives the indices, shape `[count]`.
    public mutating func choice(_ n: Int, into indices: UnsafeMutableBufferPointer<Int>) {
        precondition(n > 0, "NumPyGenerator.choice: population size must be positive, got \(n)")
        // integers(low: 0, high: n), written straight into the result.
        let width = UInt64(n - 1)
        if width > 0 && width < UInt64(UInt32.max) {
            lemire32(width: UInt32(width), into: indices)
        } else {
            for i in indices.indices { indices[i] = Int(truncatingIfNeeded: boundedUInt64(inclusiveWidth: width)) }
        }
    }

    /// Fills `indices` with random indices in `0..<n` with replacement, as
    /// `choice(n, size=indices.count)` draws them, without allocating.
    ///
    /// - Parameters:
    ///   - n: The population size (positive, below 2^31).
    ///   - indices: Receives the indices, shape `[count]`.
    public mutating func choice(_ n: Int, into indices: UnsafeMutableBufferPointer<Int32>) {
        precondition(n > 0 && n <= Int(Int32.max), "NumPyGenerator.choice: population size must be in 1...2^31-1, got \(n)")
        let width = UInt64(n - 1)
        if width > 0 {
            lemire32(width: UInt32(width), into: indices)
        } else {
            indices.update(repeating: 0)
        }
    }

    /// A random permutation of `0..<n`, as `permutation(n)`.
    ///
    /// - Parameter n: The number of elements (non-negative).
    /// - Returns: The permuted indices, shape `[n]`.
    public mutating func permutation(_ n: Int) -> [Int] {
        precondition(n >= 0, "NumPyGenerator.permutation: negative n \(n)")
        var values = Array(0..<n)
        shuffle(&values)
        return values
    }

    /// Shuffles an array in place, as `shuffle(x)` on a one-dimensional NumPy array.
    ///
    /// - Parameter values: The elements, shape `[n]`.
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        // Fisher-Yates from the end, j uniform in 0...i by mask-and-reject (`random_interval`).
        for i in stride(from: values.count - 1, through: 1, by: -1) {
            let j = Int(interval(UInt64(i)))
            values.swapAt(i, j)
        }
    }

    /// Doubles uniform in [0, 1), as `random(size=count)`.
    ///
    /// - Parameter count: How many to draw (non-negative).
    /// - Returns: The doubles, shape `[count]`.
    public mutating func random(count: Int) -> [Double] {
        precondition(count >= 0, "NumPyGenerator.random: negative count \(count)")
        var result = [Double](repeating: 0, count: count)
        for i in 0..<count { result[i] = bitGenerator.nextDouble() }
        return result
    }

    // MARK: - NumPy's integer primitives (numpy/random/src/distributions/distributions.c)

    /// `random_bounded_uint64` without masking: uniform in `0...inclusiveWidth` by Lemire's
    /// method, from a 32-bit draw when the width fits in 32 bits.
    @inline(__always)
    mutating func boundedUInt64(inclusiveWidth width: UInt64) -> UInt64 {
        if width == 0 { return 0 }
        if width < UInt64(UInt32.max) { return UInt64(lemire32(UInt32(width))) }
        if width == UInt64(UInt32.max) { return UInt64(bitGenerator.nextUInt32()) }
        if width == UInt64.max { return bitGenerator.nextUInt64() }
        return lemire64(width)
    }

    @inline(__always)
    private mutating func lemire32(_ width: UInt32) -> UInt32 {
        let exclusive = width &+ 1
        var product = UInt64(bitGenerator.nextUInt32()) &* UInt64(exclusive)
        var leftover = UInt32(truncatingIfNeeded: product)
        if leftover < exclusive {
            let threshold = (UInt32.max &- width) % exclusive
            while leftover < threshold {
                product = UInt64(bitGenerator.nextUInt32()) &* UInt64(exclusive)
                leftover = UInt32(truncatingIfNeeded: product)
            }
        }
        return UInt32(truncatingIfNeeded: product >> 32)
    }

    /// Fills `buffer` with `lemire32(width)` draws, reading the 32-bit stream as `nextUInt32()`
    /// does (the buffered half first, then both halves of each 64-bit output, low first) without
    /// testing the buffer at every draw. A draw is rejected, and the next 32 bits used, exactly
    /// when ``lemire32(_:)`` would reject it.
    ///
    /// - Returns: the 32-bit words read: the draws plus the rejected words.
    @inline(__always) @discardableResult
    mutating func lemire32<Index: FixedWidthInteger>(width: UInt32, into buffer: UnsafeMutableBufferPointer<Index>) -> Int {
        let exclusive = UInt64(width) &+ 1
        let threshold = (UInt32.max &- width) % UInt32(exclusive)
        var filled = 0
        var rejected = 0
        @inline(__always) func take(_ bits: UInt32) {
            let product = UInt64(bits) &* exclusive
            guard UInt32(truncatingIfNeeded: product) >= threshold else {
                rejected += 1
                return
            }
            buffer[filled] = Index(truncatingIfNeeded: product >> 32)
            filled += 1
        }
        if filled < buffer.count, let first = bitGenerator.takeBufferedUInt32() { take(first) }
        while filled < buffer.count {
            let bits = bitGenerator.nextUInt64()
            take(UInt32(truncatingIfNeeded: bits))
            let high = UInt32(truncatingIfNeeded: bits >> 32)
            let unused = filled == buffer.count
            if !unused { take(high) }
            if filled == buffer.count { bitGenerator.bufferUInt32(high, unused: unused) }
        }
        return filled + rejected
    }

    @inline(__always)
    private mutating func lemire64(_ width: UInt64) -> UInt64 {
        let exclusive = width &+ 1
        var (high, low) = bitGenerator.nextUInt64().multipliedFullWidth(by: exclusive)
        if low < exclusive {
            let threshold = (UInt64.max &- width) % exclusive
            while low < threshold {
                (high, low) = bitGenerator.nextUInt64().multipliedFullWidth(by: exclusive)
            }
        }
        return high
    }

    /// `random_interval`: uniform in `0...max` by masking to the smallest covering bit mask
    /// and rejecting values above `max`.
    @inline(__always)
    mutating func interval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        mask |= mask >> 32
        if max <= UInt64(UInt32.max) {
            while true {
                let value = UInt64(bitGenerator.nextUInt32()) & mask
                if value <= max { return value }
            }
        }
        while true {
            let value = bitGenerator.nextUInt64() & mask
            if value <= max { return value }
        }
    }
}
