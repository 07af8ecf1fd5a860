/// Sorts doubles ascending, carrying a 32-bit tag with each, by an LSD radix sort of
/// order-preserving bit keys.
///
/// W1 distances spend most of their time sorting millions of values; a radix sort is linear
/// and skips the byte positions where every key agrees (the low 29 bits of doubles that were
/// floats), so float data costs five passes.
enum OrderedRadixSort {
    /// Maps a double to an unsigned key with the same order (negative values flipped).
    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Inverts ``key(_:)``.
    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
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
        var keys = [UInt64](unsafeUninitializedCapacity: n) { buffer, initialized in
            // -0.0 + 0.0 is +0.0, so both zeros share one key.
            for i in 0..<n { buffer[i] = key(values[i] + 0.0) }
            initialized = n
        }
        var tags = tags
        var counts = [Int](repeating: 0, count: 8 * 256)
        keys.withUnsafeBufferPointer { source in
            counts.withUnsafeMutableBufferPointer { histogram in
                for k in source {
                    for byte in 0..<8 { histogram[byte * 256 + Int((k >> UInt64(8 * byte)) & 0xff)] += 1 }
                }
            }
        }
        var scratchKeys = [UInt64](repeating: 0, count: n)
        var scratchTags = [UInt32](repeating: 0, count: n)
        for byte in 0..<8 {
            let histogram = counts[(byte * 256)..<(byte * 256 + 256)]
            // A byte on which every key agrees does not reorder anything.
            if histogram.contains(n) { continue }
            var offsets = [Int](repeating: 0, count: 256)
            var running = 0
            for bucket in 0..<256 {
                offsets[bucket] = running
                running += histogram[byte * 256 + bucket]
            }
            let shift = UInt64(8 * byte)
            keys.withUnsafeBufferPointer { sourceKeys in
                tags.withUnsafeBufferPointer { sourceTags in
                    scratchKeys.withUnsafeMutableBufferPointer { destinationKeys in
                        scratchTags.withUnsafeMutableBufferPointer { destinationTags in
                            offsets.withUnsafeMutableBufferPointer { next in
                                for i in 0..<n {
                                    let k = sourceKeys[i]
                                    let bucket = Int((k >> shift) & 0xff)
                                    let position = next[bucket]
                                    next[bucket] = position + 1
                                    destinationKeys[position] = k
                                    destinationTags[position] = sourceTags[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &scratchKeys)
            swap(&tags, &scratchTags)
        }
        let sorted = keys.map(value)
        return (sorted, tags)
    }
}
