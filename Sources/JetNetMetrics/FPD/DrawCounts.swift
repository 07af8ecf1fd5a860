import CMetricKernels

/// How often each row of one sample is taken by each of a group of bootstrap draws: the
/// `[draws, rows]` count matrix that ``CountedMoments`` multiplies.
///
/// Counts take half a byte (two draws share a byte per row, the even draw in the low half) when
/// no draw is larger than ``nibbleLimit`` times the sample, so that a count above 15 is
/// practically impossible; otherwise a byte. A draw in which some row is taken more often than
/// a count holds keeps its row indices instead (`spilled`) and its counts stay zero.
struct DrawCounts: Sendable {
    /// Rows of the sample.
    let rows: Int
    /// Bits per count: 4 or 8.
    let bits: Int
    /// The counts: with 8 bits, per draw and row, shape `[draws, rows]` row-major; with 4 bits,
    /// per pair of draws and row, shape `[(draws + 1) / 2, rows]`.
    private(set) var counts: [UInt8] = []
    /// Per draw, its size (the sum of its counts), shape `[draws]`.
    private(set) var sizes: [Int] = []
    /// The row indices (with repeats) of the draws whose counts do not fit, by draw.
    private(set) var spilled: [Int: [Int]] = [:]

    /// Draws up to this many times the sample's rows are counted in half bytes: a row is then
    /// taken more than 15 times with probability below 1e-11 (Poisson with mean 1.5).
    static let nibbleLimit = 1.5

    /// - Parameters:
    ///   - rows: rows of the sample.
    ///   - capacity: draws to reserve room for (the counts are the group's largest allocation).
    ///   - largest: the largest draw that will be appended (nil: unknown, byte counts).
    init(rows: Int, capacity: Int = 0, largest: Int? = nil) {
        self.rows = rows
        bits = Self.bits(rows: rows, largest: largest)
        counts.reserveCapacity(rows * (bits == 4 ? (capacity + 1) / 2 : capacity))
        sizes.reserveCapacity(capacity)
    }

    /// Counts made elsewhere (``ParallelDrawCounts``).
    ///
    /// - Parameters:
    ///   - rows: rows of the sample.
    ///   - bits: bits per count, 4 or 8.
    ///   - counts: shape `[draws, rows]` (8 bits) or `[(draws + 1) / 2, rows]` (4 bits).
    ///   - sizes: each draw's size, shape `[draws]`.
    ///   - spilled: the row indices of the draws whose counts do not fit, by draw (their counts zero).
    init(rows: Int, bits: Int, counts: [UInt8], sizes: [Int], spilled: [Int: [Int]]) {
        precondition(bits == 4 || bits == 8, "DrawCounts: 4 or 8 bits per count")
        precondition(counts.count == rows * (bits == 4 ? (sizes.count + 1) / 2 : sizes.count), "DrawCounts: counts of every draw and row")
        (self.rows, self.bits, self.counts, self.sizes, self.spilled) = (rows, bits, counts, sizes, spilled)
    }

    /// Bits per count for draws up to `largest` from `rows` rows (see ``nibbleLimit``).
    static func bits(rows: Int, largest: Int?) -> Int {
        largest.map { Double($0) <= Self.nibbleLimit * Double(rows) } == true ? 4 : 8
    }

    var draws: Int { sizes.count }

    /// Adds a draw.
    ///
    /// - Parameter indices: the draw's row indices into the sample (with repeats), shape `[n]`.
    mutating func append(_ indices: [Int]) {
        indices.withUnsafeBufferPointer { append($0) }
    }

    /// Adds a draw.
    ///
    /// - Parameter indices: the draw's row indices into the sample (with repeats), shape `[n]`.
    mutating func append<Index: FixedWidthInteger>(_ indices: UnsafeBufferPointer<Index>) {
        let draw = sizes.count
        let (line, shift) = bits == 4 ? (draw / 2, UInt8(4 * (draw % 2))) : (draw, 0)
        if shift == 0 { counts.append(contentsOf: repeatElement(0, count: rows)) }
        sizes.append(indices.count)
        let overflowed = counts.withUnsafeMutableBufferPointer { all in
            let row = UnsafeMutableBufferPointer(rebasing: all[(line * rows)..<((line + 1) * rows)])
            if Self.add(indices, to: row, shift: shift, bits: bits) { return false }
            // A wrapped low half carried into the high half, which is still empty here.
            Self.clear(row, shift: shift, bits: shift == 0 ? 8 : bits)
            return true
        }
        if overflowed { spilled[draw] = indices.map { Int($0) } }
    }

    /// Adds one to the count of each index in one draw's row (its half of each byte from bit
    /// `shift`, with 4 bits).
    ///
    /// - Returns: false when some count wrapped around (a wrapped low half carries into the
    ///   high half); the row then needs ``clear(_:shift:bits:)``.
    @inline(__always)
    static func add<Index: FixedWidthInteger>(_ indices: UnsafeBufferPointer<Index>, to row: UnsafeMutableBufferPointer<UInt8>,
                                              shift: UInt8, bits: Int) -> Bool {
        let mask: UInt8 = bits == 4 ? 15 : 255
        let one: UInt8 = 1 << shift
        var smallest = UInt8.max  // 0 once a count wraps around
        for index in indices {
            let value = row[Int(index)] &+ one
            row[Int(index)] = value
            smallest = min(smallest, (value >> shift) & mask)
        }
        return smallest != 0
    }

    /// Zeroes one draw's counts in its row: the whole byte with 8 bits, else its half from bit `shift`.
    static func clear(_ row: UnsafeMutableBufferPointer<UInt8>, shift: UInt8, bits: Int) {
        if bits == 8 {
            row.update(repeating: 0)
        } else {
            let keep: UInt8 = shift == 0 ? 0xf0 : 0x0f
            for i in row.indices { row[i] &= keep }
        }
    }

    /// The counts of every draw for rows `start..<(start + count)` as doubles, shape `[draws, count]`.
    ///
    /// - Parameters:
    ///   - counts: ``counts``' storage.
    ///   - out: room for `draws * count` doubles.
    func doubles(rows start: Int, count: Int, from counts: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<Double>) {
        if bits == 4 {
            jetnet_fpd_nibble_counts_to_doubles(counts + start, rows, draws, count, out)
        } else {
            jetnet_fpd_counts_to_doubles(counts + start, rows, draws, count, out)
        }
    }
}
