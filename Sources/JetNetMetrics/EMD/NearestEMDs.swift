import Foundation

/// The nearest-neighbour EMDs that COV and MMD need, without computing every EMD.
///
/// For each batch of `n` generated and `n` real jets, COV needs each generated jet's nearest
/// real jet (the first on ties, as `argmin`) and MMD each real jet's EMD to its nearest
/// generated jet. A pair can matter only if its EMD is at most its row's or its column's
/// minimum, so a pair whose lower bound exceeds the smallest exact EMD found so far in both its
/// row and its column is skipped. Per batch:
///
/// 1. a cheap lower bound of every pair (``EMDCalculator/lowerBound(_:_:_:_:)``);
/// 2. the pairs in increasing order of that bound: a pair still within reach of its row's or
///    column's best gets the tighter bound (``EMDCalculator/loadedRefinedLowerBound(threshold:)``) and,
///    if that is within reach too, its exact EMD (both from one build of the pair's costs),
///    which updates the row's and column's best.
///
/// Every pair that attains a row's or a column's minimum is among the computed ones (its
/// bounds are at most its EMD, which is at most every best of its row and column), and every
/// computed EMD is the network simplex's exact value, so the nearest indices and distances are
/// those of the full matrix, bit for bit. Batches run in parallel, each in order on one
/// worker, so even which pairs get computed does not depend on the thread count.
struct NearestEMDs {
    /// One batch: which rows of the generated and the real jets it compares (`n` each).
    struct Batch: Sendable {
        var gen: [Int]
        var real: [Int]
    }

    /// One batch's answer.
    struct Nearest: Sendable {
        /// For each generated jet, the index (into the batch's real rows) of its nearest real jet.
        var realIndexOfGen: [Int]
        /// For each real jet, the EMD to its nearest generated jet.
        var distanceOfReal: [Double]
    }

    /// Relative margin on the bound test: bounds and EMDs carry rounding of order 1e-15.
    static let margin = 1e-9

    let gen: EMDJets
    let real: EMDJets
    let ground: EMDGroundDistance

    /// The nearest jets of every batch (the EMD is unnormalised, `norm = false`, as jetnet's),
    /// on at most `threads` threads (nil: all processors).
    ///
    /// - Throws: ``EMDError`` when the solver fails on a pair that had to be computed (the
    ///   first failing batch's).
    func callAsFunction(_ batches: [Batch], threads: Int? = nil) throws(EMDError) -> [Nearest] {
        var results = [Result<Nearest, EMDError>?](repeating: nil, count: batches.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each batch's slot is written by exactly one worker.
            nonisolated(unsafe) let slots = buffer
            ParallelTasks.run(batches.count, threads: threads) { index in
                slots[index] = Result { () throws(EMDError) -> Nearest in try nearestInBatch(batches[index]) }
            }
        }
        var nearest: [Nearest] = []
        for result in results { nearest.append(try result!.get()) }
        return nearest
    }

    /// One batch, in order, with one calculator (its solver's buffers reused for every pair).
    private func nearestInBatch(_ batch: Batch) throws(EMDError) -> Nearest {
        let n = batch.gen.count
        precondition(batch.real.count == n, "a batch compares n x n jets")
        let calculator = EMDCalculator(ground: ground, norm: false)
        let pairs = n * n
        var bounds = [Double](repeating: 0, count: pairs)
        for pair in 0..<pairs {
            bounds[pair] = try calculator.lowerBound(gen, batch.gen[pair / n], real, batch.real[pair % n])
        }
        let order = (0..<pairs).sorted { bounds[$0] < bounds[$1] || (bounds[$0] == bounds[$1] && $0 < $1) }

        // The smallest exact EMD so far in each row (generated jet) and column (real jet);
        // skipped pairs keep +infinity, strictly above their row's and column's minimum.
        var rowBest = [Double](repeating: .infinity, count: n)
        var columnBest = [Double](repeating: .infinity, count: n)
        var exact = [Double](repeating: .infinity, count: pairs)
        for pair in order {
            let g = pair / n, r = pair % n
            let best = max(rowBest[g], columnBest[r])
            let reach = best + Self.margin * best
            guard bounds[pair] <= reach else { continue }
            // The refined bound and the exact EMD share the pair's problem, built once.
            var value = 0.0
            if try calculator.load(gen, batch.gen[g], real, batch.real[r]) {
                guard calculator.loadedRefinedLowerBound(threshold: reach) <= reach else { continue }
                guard let exact = try calculator.solveLoaded(jet0: batch.gen[g], jet1: batch.real[r], abandonAbove: reach)
                else { continue }
                value = exact
            }
            exact[pair] = value
            rowBest[g] = min(rowBest[g], value)
            columnBest[r] = min(columnBest[r], value)
        }

        var nearestIndex = [Int](repeating: 0, count: n)
        for g in 0..<n {
            var best = 0
            for r in 0..<n where exact[g * n + r] < exact[g * n + best] { best = r }
            nearestIndex[g] = best
        }
        return Nearest(realIndexOfGen: nearestIndex, distanceOfReal: columnBest)
    }
}
