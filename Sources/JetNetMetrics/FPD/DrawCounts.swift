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
        bits = largest.map { Double($0) <= Self.nibbleLimit * Double(rows) } == true ? 4 : 8
        counts.reserveCapacity(rows * (bits == 4 ? (capacity + 1) / 2 : capacity))
        sizes.reserveCapacity(capacity)
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
        let mask: UInt8 = bits == 4 ? 15 : 255
        let overflowed = counts.withUnsafeMutableBufferPointer { all in
            let row = UnsafeMutableBufferPointer(rebasing: all[(line * rows)..<((line + 1) * rows)])
            let one: UInt8 = 1 << shift
            var smallest = UInt8.max  // 0 once a count wraps around
            for index in indices {
                let value = row[Int(index)] &+ one
                row[Int(index)] = value
                smallest = min(smallest, (value >> shift) & mask)
            }
            if smallest == 0 {
                if shift == 0 {
                    row.update(repeating: 0)  // a wrapped low half carried into the still empty high half
                } else {
                    for i in row.indices { row[i] &= 15 }  // the even draw's counts stay
                }
            }
            return smallest == 0
        }
        if overflowed { spilled[draw] = indices.map { Int($0) } }
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
