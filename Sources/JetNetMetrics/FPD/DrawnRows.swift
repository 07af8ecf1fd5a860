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
            self = .counts(DrawCounts(rows: rows, capacity: sizes.count))
        } else {
            self = .indices([])
        }
    }

    /// Adds a draw: its row indices (with repeats), shape `[n]`.
    mutating func append(_ indices: [Int]) {
        switch self {
        case .counts(var counts):
            self = .indices([])  // releases the only other reference, so `counts` grows in place
            counts.append(indices)
            self = .counts(counts)
        case .indices(var all):
            self = .indices([])
            all.append(indices)
            self = .indices(all)
        }
    }

    /// The moments of every draw of each sample, all samples' work shared among the workers.
    ///
    /// - Parameters:
    ///   - groups: centred samples with the rows their draws take.
    ///   - threads: worker threads (nil: all processors); results do not depend on it.
    /// - Returns: per group, per draw, the mean (shape `[d]`) and covariance (shape `[d, d]`).
    static func moments(
        _ groups: [(sample: BootstrapMoments.CentredSample, rows: DrawnRows)], threads: Int?
    ) -> [[(mean: [Double], covariance: [Double])]] {
        let counted = groups.indices.compactMap { g -> (Int, BootstrapMoments.CentredSample, DrawCounts)? in
            if case .counts(let counts) = groups[g].rows { return (g, groups[g].sample, counts) }
            return nil
        }
        var results = [[(mean: [Double], covariance: [Double])]](repeating: [], count: groups.count)
        for (job, moments) in zip(counted, CountedMoments.moments(counted.map { ($0.1, $0.2) }, threads: threads)) {
            results[job.0] = moments
        }
        for (g, group) in groups.enumerated() {
            if case .indices(let draws) = group.rows {
                let moments = BootstrapMoments(sample: group.sample, draws: draws, threads: threads)
                results[g] = Array(zip(moments.means, moments.covariances)).map { (mean: $0.0, covariance: $0.1) }
            }
        }
        return results
    }
}
