import Foundation

/// The nearest-neighbour EMDs that COV and MMD need, without computing every EMD.
///
/// For each batch of `n` generated and `n` real jets, COV needs each generated jet's nearest
/// real jet (the first on ties, as `argmin`) and MMD each real jet's EMD to its nearest
/// generated jet. A pair can matter only if its EMD is at most its row's or its column's
/// minimum, so a pair whose lower bound exceeds the smallest exact EMD found so far in both its
/// row and its column is skipped:
///
/// 1. a cheap lower bound of every pair (``EMDCalculator/lowerBound(_:_:_:_:)``);
/// 2. the pairs in order of that bound, in blocks of ``blockSize``: a pair still within reach
///    of its row's or column's best gets the tighter bound
///    (``EMDCalculator/refinedLowerBound(_:_:_:_:)``) and, if that is within reach too, its
///    exact EMD; the row and column bests are updated after each block.
///
/// Every pair that attains a row's or a column's minimum is among the computed ones (its
/// bounds are at most its EMD, which is at most every best of its row and column), and every
/// computed EMD is the network simplex's exact value, so the nearest indices and distances are
/// those of the full matrix, bit for bit. The blocks are fixed, so even which pairs get
/// computed does not depend on the thread count.
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
    /// Pairs evaluated in parallel between two updates of the row and column bests.
    static let blockSize = 64

    let gen: EMDJets
    let real: EMDJets
    let ground: EMDGroundDistance

    /// The nearest jets of every batch (the EMD is unnormalised, `norm = false`, as jetnet's).
    ///
    /// - Throws: ``EMDError`` when the solver fails on a pair that had to be computed.
    func callAsFunction(_ batches: [Batch]) throws(EMDError) -> [Nearest] {
        guard let n = batches.first?.gen.count, n > 0 else { return batches.map { _ in Nearest(realIndexOfGen: [], distanceOfReal: []) } }
        precondition(batches.allSatisfy { $0.gen.count == n && $0.real.count == n }, "every batch compares n x n jets")
        let perBatch = n * n
        let pairs = batches.count * perBatch
        // One calculator (and its solver's buffers) per worker, reused for every pair.
        let workers = ParallelTasks.defaultThreads
        let calculators = (0..<workers).map { _ in EMDCalculator(ground: ground, norm: false) }
        func evaluate(
            _ pairs: [Int], limits: [Double]? = nil,
            _ body: @Sendable (EMDCalculator, EMDJets, Int, EMDJets, Int, Double) throws(EMDError) -> Double
        ) throws(EMDError) -> [Double] {
            try self.evaluate(pairs, batches: batches, n: n, limits: limits, calculators: calculators, body)
        }

        let bounds = try evaluate(Array(0..<pairs)) { calculator, jets0, i, jets1, j, _ throws(EMDError) in
            try calculator.lowerBound(jets0, i, jets1, j)
        }
        let order = (0..<pairs).sorted { bounds[$0] < bounds[$1] || (bounds[$0] == bounds[$1] && $0 < $1) }

        // The smallest exact EMD so far in each row (generated jet) and column (real jet).
        var rowBest = [Double](repeating: .infinity, count: batches.count * n)
        var columnBest = [Double](repeating: .infinity, count: batches.count * n)
        func limit(_ pair: Int) -> Double {
            let batch = pair / perBatch
            let best = max(rowBest[batch * n + (pair / n) % n], columnBest[batch * n + pair % n])
            return best + Self.margin * best
        }
        var exact = [Double](repeating: .infinity, count: pairs)
        var cursor = 0
        var block: [Int] = []
        var limits: [Double] = []
        while cursor < order.count {
            block.removeAll(keepingCapacity: true)
            limits.removeAll(keepingCapacity: true)
            while cursor < order.count && block.count < Self.blockSize {
                let pair = order[cursor]
                cursor += 1
                let reach = limit(pair)
                // The bests only decrease, so a pair out of reach now stays out of reach.
                if bounds[pair] <= reach {
                    block.append(pair)
                    limits.append(reach)
                }
            }
            let values = try evaluate(block, limits: limits) { calculator, jets0, i, jets1, j, reach throws(EMDError) in
                try calculator.refinedLowerBound(jets0, i, jets1, j) > reach ? .infinity : calculator.distance(jets0, i, jets1, j)
            }
            for (pair, value) in zip(block, values) where value < .infinity {
                exact[pair] = value
                let batch = pair / perBatch
                let row = batch * n + (pair / n) % n, column = batch * n + pair % n
                rowBest[row] = min(rowBest[row], value)
                columnBest[column] = min(columnBest[column], value)
            }
        }

        // Skipped pairs stay +infinity: strictly above their row's and column's minimum.
        return (0..<batches.count).map { batch in
            let base = batch * perBatch
            var nearestDistance = [Double](repeating: .infinity, count: n)
            var nearestIndex = [Int](repeating: 0, count: n)
            for g in 0..<n {
                var best = 0
                for r in 0..<n {
                    let value = exact[base + g * n + r]
                    if value < nearestDistance[r] { nearestDistance[r] = value }
                    if value < exact[base + g * n + best] { best = r }
                }
                nearestIndex[g] = best
            }
            return Nearest(realIndexOfGen: nearestIndex, distanceOfReal: nearestDistance)
        }
    }

    /// `body` for each pair (batch-major, then generated row, then real column) with its
    /// limit (infinity when `limits` is nil), in parallel: worker `k` takes the `k`-th slice
    /// and uses `calculators[k]`.
    private func evaluate(
        _ pairs: [Int], batches: [Batch], n: Int, limits: [Double]?, calculators: [EMDCalculator],
        _ body: @Sendable (EMDCalculator, EMDJets, Int, EMDJets, Int, Double) throws(EMDError) -> Double
    ) throws(EMDError) -> [Double] {
        var values = [Double](repeating: 0, count: pairs.count)
        guard !pairs.isEmpty else { return values }
        let chunks = min(pairs.count, calculators.count)
        var failures = [EMDError?](repeating: nil, count: chunks)
        let perBatch = n * n
        let gen = gen, real = real
        values.withUnsafeMutableBufferPointer { outputBuffer in
            failures.withUnsafeMutableBufferPointer { failureBuffer in
                // Each value and each chunk's failure slot is written by exactly one worker.
                nonisolated(unsafe) let output = outputBuffer
                nonisolated(unsafe) let failure = failureBuffer
                // Each calculator is used by its own worker only.
                nonisolated(unsafe) let calculators = calculators
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let calculator = calculators[chunk]
                    for k in (pairs.count * chunk / chunks)..<(pairs.count * (chunk + 1) / chunks) {
                        let pair = pairs[k]
                        let batch = batches[pair / perBatch]
                        do throws(EMDError) {
                            output[k] = try body(calculator, gen, batch.gen[(pair / n) % n], real, batch.real[pair % n], limits?[k] ?? .infinity)
                        } catch {
                            failure[chunk] = error
                            return
                        }
                    }
                }
            }
        }
        if let error = failures.lazy.compactMap({ $0 }).first { throw error }
        return values
    }
}
