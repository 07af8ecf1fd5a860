/// One sample's rows taken by a group of bootstrap draws, kept the way their moments are
/// computed cheapest: as row counts for ``CountedMoments`` when the draws take a fair share of
/// the sample, else as row indices for ``BootstrapMoments``.
enum DrawnRows: Sendable {
    case counts(DrawCounts)
    case indices([[Int]])

    /// An empty group for draws of `sizes` from a sample of `rows` rows.
    ///
    /// - Parameters:
    ///   - rows: rows of the sample.
    ///   - sizes: the sizes of the draws that will be appended, shape `[draws]`.
    init(rows: Int, sizes: [Int]) {
        if CountedMoments.prefersCounts(sizes: sizes, rows: rows) {
            self = .counts(DrawCounts(rows: rows, capacity: sizes.count, largest: sizes.max()))
        } else {
            self = .indices([])
        }
    }

    /// Adds a draw: its row indices (with repeats), shape `[n]`.
    mutating func append(_ indices: [Int]) {
        indices.withUnsafeBufferPointer { append($0) }
    }

    /// Adds a draw: its row indices (with repeats), shape `[n]` (copied when kept as indices).
    mutating func append<Index: FixedWidthInteger>(_ indices: UnsafeBufferPointer<Index>) {
        switch self {
        case .counts(var counts):
            self = .indices([])  // releases the only other reference, so `counts` grows in place
            counts.append(indices)
            self = .counts(counts)
        case .indices(var all):
            self = .indices([])
            all.append(indices.map { Int($0) })
            self = .indices(all)
        }
    }

    /// The moments of every draw of each sample, all samples' work shared among the workers.
    ///
    /// - Parameters:
    ///   - groups: centred samples with the rows their draws take.
    ///   - threads: worker threads (nil: all processors); results do not depend on it.
    ///   - storage: arrays whose storage the integer sums reuse (``DrawMoments/integerTotals``), if any.
    /// - Returns: per group, each draw's mean (shape `[d]`) and covariance (shape `[d, d]`).
    static func moments(
        _ groups: [(sample: BootstrapMoments.CentredSample, rows: DrawnRows)], threads: Int?,
        reusing storage: RecycledStorage<Int64>? = nil
    ) -> [DrawMoments] {
        let counted = groups.indices.compactMap { g -> (Int, BootstrapMoments.CentredSample, DrawCounts)? in
            if case .counts(let counts) = groups[g].rows { return (g, groups[g].sample, counts) }
            return nil
        }
        var results = [DrawMoments](repeating: .listed([]), count: groups.count)
        for (job, sums) in zip(counted, CountedMoments.moments(counted.map { ($0.1, $0.2) }, threads: threads, reusing: storage)) {
            results[job.0] = .counted(sums)
        }
        for (g, group) in groups.enumerated() {
            if case .indices(let draws) = group.rows {
                let moments = BootstrapMoments(sample: group.sample, draws: draws, threads: threads)
                results[g] = .listed(Array(zip(moments.means, moments.covariances)).map { (mean: $0.0, covariance: $0.1) })
            }
        }
        return results
    }
}

/// The moments of a group's draws: listed, or made per draw from the summed count products.
enum DrawMoments: RandomAccessCollection, Sendable {
    case listed([(mean: [Double], covariance: [Double])])
    case counted(CountedMoments.Sums)

    var startIndex: Int { 0 }
    var endIndex: Int {
        switch self {
        case .listed(let all): all.count
        case .counted(let sums): sums.count
        }
    }

    /// The draw's mean (shape `[d]`) and covariance (shape `[d, d]`).
    subscript(draw: Int) -> (mean: [Double], covariance: [Double]) {
        switch self {
        case .listed(let all): all[draw]
        case .counted(let sums): sums[draw]
        }
    }

    /// The exact integer sums behind counted moments, if any (storage for the next group's).
    var integerTotals: [Int64]? {
        if case .counted(let sums) = self, case .integers(let totals, _, _) = sums.products { return totals }
        return nil
    }
}
