/// How often each row of one sample is taken by each of a group of bootstrap draws: the
/// `[draws, rows]` count matrix that ``CountedMoments`` multiplies, one byte per count.
///
/// A draw in which some row is taken more than 255 times keeps its row indices instead
/// (`spilled`) and its count row stays zero; only draws much larger than the sample can do that.
struct DrawCounts: Sendable {
    /// Rows of the sample.
    let rows: Int
    /// Per draw and row, the number of times the draw takes the row, shape `[draws, rows]` row-major.
    private(set) var counts: [UInt8] = []
    /// Per draw, its size (the sum of its counts), shape `[draws]`.
    private(set) var sizes: [Int] = []
    /// The row indices (with repeats) of the draws whose counts do not fit in a byte, by draw.
    private(set) var spilled: [Int: [Int]] = [:]

    /// - Parameters:
    ///   - rows: rows of the sample.
    ///   - capacity: draws to reserve room for (the counts are the group's largest allocation).
    init(rows: Int, capacity: Int = 0) {
        self.rows = rows
        counts.reserveCapacity(rows * capacity)
        sizes.reserveCapacity(capacity)
    }

    var draws: Int { sizes.count }

    /// Adds a draw.
    ///
    /// - Parameter indices: the draw's row indices into the sample (with repeats), shape `[n]`.
    mutating func append(_ indices: [Int]) {
        let draw = sizes.count
        counts.append(contentsOf: repeatElement(0, count: rows))
        sizes.append(indices.count)
        let overflowed = counts.withUnsafeMutableBufferPointer { all in
            let row = UnsafeMutableBufferPointer(rebasing: all[(draw * rows)..<((draw + 1) * rows)])
            var smallest = UInt8.max  // 0 once a count wraps around
            for index in indices {
                row[index] &+= 1
                smallest = min(smallest, row[index])
            }
            if smallest == 0 { row.update(repeating: 0) }
            return smallest == 0
        }
        if overflowed { spilled[draw] = indices }
    }
}
