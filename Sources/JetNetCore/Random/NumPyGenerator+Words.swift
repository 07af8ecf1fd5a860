/// Positioning in the 32-bit word stream that bounded integer draws read, so that draws far
/// apart in a sequence can be made out of order (on several threads) and reconciled: a draw of
/// `choice` reads one word per index plus one per rejected word (Lemire's method), so where a
/// later draw starts is known only up to the rejections before it.
extension NumPyGenerator {
    /// This generator after `words` more `nextUInt32()` calls, in O(log words) steps.
    ///
    /// - Parameter words: 32-bit words to skip (non-negative).
    public func skippingWords(_ words: Int) -> NumPyGenerator {
        precondition(words >= 0, "NumPyGenerator.skippingWords: negative count \(words)")
        var skipped = self
        var remaining = words
        if remaining > 0, skipped.bitGenerator.takeBufferedUInt32() != nil { remaining -= 1 }
        skipped.bitGenerator.advance(by: UInt64(remaining / 2))
        if remaining % 2 == 1 { _ = skipped.bitGenerator.nextUInt32() }
        return skipped
    }

    /// ``choice(_:into:)-(_,UnsafeMutableBufferPointer<Int32>)`` that also tells how many 32-bit
    /// words it read.
    ///
    /// - Parameters:
    ///   - n: the population size (2 ... 2^31 - 1).
    ///   - indices: receives the indices, shape `[count]`.
    /// - Returns: the words read: `indices.count` plus the rejected words.
    public mutating func choiceReadingWords(_ n: Int, into indices: UnsafeMutableBufferPointer<Int32>) -> Int {
        precondition(n > 1 && n <= Int(Int32.max), "NumPyGenerator.choiceReadingWords: population size must be in 2...2^31-1, got \(n)")
        return lemire32(width: UInt32(n - 1), into: indices)
    }

    /// The indices in `0..<n` that `choice(n, ...)` makes from exactly the next `words` 32-bit
    /// words (a rejected word makes none), in order.
    ///
    /// - Parameters:
    ///   - n: the population size (2 ... 2^31 - 1).
    ///   - words: words to read.
    /// - Returns: the indices, shape `[words - rejected]`.
    public mutating func choice(_ n: Int, fromWords words: Int) -> [Int32] {
        precondition(n > 1 && n <= Int(Int32.max), "NumPyGenerator.choice(fromWords:): population size must be in 2...2^31-1, got \(n)")
        let exclusive = UInt64(n)
        let threshold = (UInt32.max &- UInt32(n - 1)) % UInt32(n)
        var indices = [Int32]()
        for _ in 0..<words {
            let product = UInt64(bitGenerator.nextUInt32()) &* exclusive
            if UInt32(truncatingIfNeeded: product) >= threshold { indices.append(Int32(truncatingIfNeeded: product >> 32)) }
        }
        return indices
    }
}
