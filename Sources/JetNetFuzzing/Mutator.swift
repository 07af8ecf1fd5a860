/// Seeded mutations of real files: bit flips, byte overwrites, "interesting" 32- and 64-bit
/// values (sizes, counts, offsets and header fields read as huge or negative), truncations and
/// splices. Mutant `index` of a run depends only on the seed and the index, so any one mutant
/// can be made again on its own (a crash is reproduced by its index).
public struct Mutator: Sendable {
    /// The unmutated files.
    public let corpus: [[UInt8]]
    /// The run's seed.
    public let seed: UInt64

    /// A mutator of `corpus` (at least one non-empty file).
    public init(corpus: [[UInt8]], seed: UInt64) {
        precondition(!corpus.isEmpty, "a mutator needs at least one file")
        self.corpus = corpus
        self.seed = seed
    }

    /// Mutant number `index`: a copy of one corpus file with one to four edits.
    public func mutant(_ index: Int) -> [UInt8] {
        var generator = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15))
        var data = corpus[Int(generator.next() % UInt64(corpus.count))]
        Self.mutate(&data, &generator)
        return data
    }

    static func mutate(_ data: inout [UInt8], _ generator: inout SplitMix64) {
        guard !data.isEmpty else { return }
        let edits = 1 + Int(generator.next() % 4)
        // Headers carry most of the structure: half the edits land in the first 512 bytes.
        for _ in 0 ..< edits {
            let span = generator.next() % 2 == 0 ? min(data.count, 512) : data.count
            let position = Int(generator.next() % UInt64(span))
            switch generator.next() % 8 {
            case 0: data[position] ^= UInt8(1 << (generator.next() % 8))
            case 1: data[position] = UInt8(truncatingIfNeeded: generator.next())
            case 2:  // an interesting 32-bit value, big-endian (ROOT) or little-endian (the rest)
                let values: [UInt32] = [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x4000_0000, 0x4000_FFFF, 255, 0xFFFF]
                let value = values[Int(generator.next() % UInt64(values.count))]
                let bigEndian = generator.next() % 2 == 0
                for k in 0 ..< 4 where position + k < data.count {
                    data[position + k] = UInt8(truncatingIfNeeded: value >> (bigEndian ? 24 - 8 * k : 8 * k))
                }
            case 3:  // a huge 64-bit little-endian field (zip64 sizes, HDF5 addresses)
                let values: [UInt64] = [.max, 1 << 63, 1 << 62, 0x7FFF_FFFF_FFFF_FFFF, 1 << 40]
                let value = values[Int(generator.next() % UInt64(values.count))]
                for k in 0 ..< 8 where position + k < data.count { data[position + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
            case 4: data.removeLast(min(data.count - 1, Int(generator.next() % UInt64(max(1, data.count / 2)))))
            case 5:  // copy a run of bytes elsewhere (plausible structures in wrong places)
                let source = Int(generator.next() % UInt64(data.count))
                let length = min(Int(generator.next() % 32), data.count - max(source, position))
                if length > 0 { for k in 0 ..< length { data[position + k] = data[source + k] } }
            case 6:  // a decimal digit run in a text header (.npy shapes): make a number huge
                let digits = Array("99999999999999999999".utf8.prefix(1 + Int(generator.next() % 20)))
                for (k, digit) in digits.enumerated() where position + k < data.count && (data[position + k] >= 48 && data[position + k] <= 57) {
                    data[position + k] = digit
                }
            default: data[position] = data[position] &+ 1
            }
        }
    }
}

/// A tiny seeded generator (SplitMix64) for reproducible fuzzing.
public struct SplitMix64: Sendable {
    private var state: UInt64
    /// The generator for `seed`.
    public init(seed: UInt64) { state = seed }
    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
