/// Sorts doubles ascending, carrying a 32-bit tag with each, by an LSD radix sort of
/// order-preserving bit keys.
///
/// W1 distances spend most of their time sorting millions of values; a radix sort is linear
/// and skips the byte positions where every key agrees (the low 29 bits of doubles that were
/// floats); values that are all floats sort as 32-bit keys packed with their tags.
enum OrderedRadixSort {
    /// Maps a double to an unsigned key with the same order (negative values flipped).
    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Inverts the double `key(_:)`.
    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }

    /// Maps a float to an unsigned key with the same order.
    @inline(__always)
    static func key(_ value: Float) -> UInt32 {
        let bits = value.bitPattern
        return bits & (1 << 31) != 0 ? ~bits : bits | (1 << 31)
    }

    /// Inverts the float `key(_:)`.
    @inline(__always)
    static func float(key: UInt32) -> Float {
        Float(bitPattern: key & (1 << 31) != 0 ? key & ~(1 << 31) : ~key)
    }

    /// Sorts values that are all exactly floats, returning `key << 32 | tag` in ascending order.
    ///
    /// Sorting 32-bit keys packed with their tags moves 8 bytes per value in four passes,
    /// the fast path for particle features (float32 data).
    /// - Parameters:
    ///   - floats: values exactly representable as `Float`, shape `[n]`.
    ///   - tags: one tag per value, shape `[n]`.
    /// - Returns: the packed keys and tags, shape `[n]`; ``float(key:)`` of the high half is the value.
    static func sortPacked(floats: [Double], tags: [UInt32]) -> [UInt64] {
        precondition(floats.count == tags.count, "OrderedRadixSort: \(floats.count) values but \(tags.count) tags")
        let n = floats.count
        var items = [UInt64](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n { buffer[i] = UInt64(key(Float(floats[i] + 0.0))) << 32 | UInt64(tags[i]) }
            initialized = n
        }
        var noTags = [UInt32]()
        radixSort(&items, carrying: &noTags, bits: 32..<64)
        return items
    }

    /// Bits per radix digit: 2048 buckets (their counters stay in L1), 3 passes for 32-bit keys
    /// and 6 for 64-bit ones.
    static let digitBits = 11

    /// LSD radix sort of `keys` by the bits `bits` (least significant digit first), skipping
    /// digits on which every key agrees; `tags`, unless empty, move with their keys.
    static func radixSort(_ keys: inout [UInt64], carrying tags: inout [UInt32], bits: Range<Int>) {
        let n = keys.count
        let carriesTags = !tags.isEmpty
        let buckets = 1 << digitBits
        let shifts = Array(stride(from: bits.lowerBound, to: bits.upperBound, by: digitBits))
        let mask = UInt64(buckets - 1)
        var counts = [Int32](repeating: 0, count: shifts.count * buckets)
        keys.withUnsafeBufferPointer { source in
            counts.withUnsafeMutableBufferPointer { histogram in
                for key in source {
                    for (digit, shift) in shifts.enumerated() {
                        // (A last digit reaching past bit 63 reads zeros there.)
                        histogram[digit * buckets + Int((key >> UInt64(shift)) & mask)] += 1
                    }
                }
            }
        }
        var scratchKeys = [UInt64](repeating: 0, count: n)
        var scratchTags = [UInt32](repeating: 0, count: carriesTags ? n : 0)
        var offsets = [Int](repeating: 0, count: buckets)
        for (digit, shift) in shifts.enumerated() {
            let histogram = counts[(digit * buckets)..<((digit + 1) * buckets)]
            if histogram.contains(Int32(n)) { continue }
            var running = 0
            for (bucket, count) in histogram.enumerated() {
                offsets[bucket] = running
                running += Int(count)
            }
            let shift = UInt64(shift)
            keys.withUnsafeBufferPointer { sourceKeys in
                tags.withUnsafeBufferPointer { sourceTags in
                    scratchKeys.withUnsafeMutableBufferPointer { destinationKeys in
                        scratchTags.withUnsafeMutableBufferPointer { destinationTags in
                            offsets.withUnsafeMutableBufferPointer { next in
                                for i in 0..<n {
                                    let key = sourceKeys[i]
                                    let bucket = Int((key >> shift) & mask)
                                    let position = next[bucket]
                                    next[bucket] = position + 1
                                    destinationKeys[position] = key
                                    if carriesTags { destinationTags[position] = sourceTags[i] }
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &scratchKeys)
            if carriesTags { swap(&tags, &scratchTags) }
        }
    }

    /// LSD radix sort of `keys` in place by the bits `bits`, as ``radixSort(_:carrying:bits:)``
    /// without tags, using `scratch` (at least as long) instead of allocating.
    static func radixSort(_ keys: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>, bits: Range<Int>) {
        let n = keys.count
        precondition(scratch.count >= n, "OrderedRadixSort: scratch shorter than the keys")
        let buckets = 1 << digitBits
        let shifts = Array(stride(from: bits.lowerBound, to: bits.upperBound, by: digitBits))
        let mask = UInt64(buckets - 1)
        var counts = [Int](repeating: 0, count: shifts.count * buckets)
        counts.withUnsafeMutableBufferPointer { histogram in
            for key in keys {
                for (digit, shift) in shifts.enumerated() { histogram[digit * buckets + Int((key >> UInt64(shift)) & mask)] += 1 }
            }
            var (source, destination) = (keys.baseAddress!, scratch.baseAddress!)
            for (digit, shift) in shifts.enumerated() {
                let histogram = UnsafeMutableBufferPointer(rebasing: histogram[(digit * buckets)..<((digit + 1) * buckets)])
                if histogram.contains(n) { continue }
                var running = 0
                for bucket in 0..<buckets {
                    let count = histogram[bucket]
                    histogram[bucket] = running
                    running += count
                }
                let shift = UInt64(shift)
                for i in 0..<n {
                    let key = source[i]
                    let bucket = Int((key >> shift) & mask)
                    destination[histogram[bucket]] = key
                    histogram[bucket] += 1
                }
                swap(&source, &destination)
            }
            if source != keys.baseAddress! { keys.baseAddress!.update(from: source, count: n) }
        }
    }

    /// Sorts `values` ascending and applies the same reordering to `tags`.
    ///
    /// - Parameters:
    ///   - values: finite values, shape `[n]` (NaN has no place in the order).
    ///   - tags: one tag per value, shape `[n]`.
    /// - Returns: the sorted values and their tags, each shape `[n]`.
    static func sort(values: [Double], tags: [UInt32]) -> (values: [Double], tags: [UInt32]) {
        precondition(values.count == tags.count, "OrderedRadixSort: \(values.count) values but \(tags.count) tags")
        let n = values.count
        guard n < Int(UInt32.max) else { return sortWide(values: values, tags: tags) }
        // The high 32 bits of each key packed with the value's index: three passes sort them,
        // then each run of equal high halves is put in order by its full keys (and index).
        var items = [UInt64](unsafeUninitializedCapacity: n) { buffer, initialized in
            // -0.0 + 0.0 is +0.0, so both zeros share one key.
            for i in 0..<n { buffer[i] = key(values[i] + 0.0) & 0xFFFF_FFFF_0000_0000 | UInt64(i) }
            initialized = n
        }
        var noTags = [UInt32]()
        radixSort(&items, carrying: &noTags, bits: 32..<64)
        items.withUnsafeMutableBufferPointer { items in
            var start = 0
            while start < n {
                var end = start + 1
                while end < n && items[end] >> 32 == items[start] >> 32 { end += 1 }
                if end - start > 16 {
                    // Long runs (many equal or nearly equal values): a comparison sort.
                    var run = UnsafeMutableBufferPointer(rebasing: items[start..<end])
                    run.sort { a, b in
                        let (keyA, keyB) = (key(values[Int(a & 0xFFFF_FFFF)] + 0.0), key(values[Int(b & 0xFFFF_FFFF)] + 0.0))
                        return keyA < keyB || (keyA == keyB && a < b)
                    }
                } else if end - start > 1 {
                    // Insertion sort by (full key, index): runs are short.
                    for i in (start + 1)..<end {
                        let item = items[i]
                        let itemKey = key(values[Int(item & 0xFFFF_FFFF)] + 0.0)
                        var j = i
                        while j > start {
                            let previous = items[j - 1]
                            let previousKey = key(values[Int(previous & 0xFFFF_FFFF)] + 0.0)
                            if previousKey < itemKey || (previousKey == itemKey && previous < item) { break }
                            items[j] = previous
                            j -= 1
                        }
                        items[j] = item
                    }
                }
                start = end
            }
        }
        let order = items.map { Int($0 & 0xFFFF_FFFF) }
        return (order.map { values[$0] + 0.0 }, order.map { tags[$0] })
    }

    /// ``sort(values:tags:)`` by a radix sort of full 64-bit keys.
    private static func sortWide(values: [Double], tags: [UInt32]) -> (values: [Double], tags: [UInt32]) {
        let n = values.count
        var keys = [UInt64](unsafeUninitializedCapacity: n) { buffer, initialized in
            // -0.0 + 0.0 is +0.0, so both zeros share one key.
            for i in 0..<n { buffer[i] = key(values[i] + 0.0) }
            initialized = n
        }
        var tags = tags
        radixSort(&keys, carrying: &tags, bits: 0..<64)
        return (keys.map(value), tags)
    }
}
