import CBLAS
import Dispatch
import Foundation
import JetNetCore

/// Precision, recall, density and coverage of generated samples against real ones
/// (Naeem et al., ICML 2020, arXiv:2002.09797).
public struct PRDC: Sendable, Equatable, Codable {
    /// Fraction of generated samples inside some real sample's k-NN ball.
    public var precision: Double
    /// Fraction of real samples inside some generated sample's k-NN ball.
    public var recall: Double
    /// Mean number of real k-NN balls holding a generated sample, divided by k.
    public var density: Double
    /// Fraction of real samples whose k-NN ball holds a generated sample.
    public var coverage: Double
}

extension Metrics {
    /// PRDC as the `prdc` package's `compute_prdc(real_features, fake_features, nearest_k)`
    /// (which the CaloChallenge evaluation calls with k = 5): Euclidean distances, a sample's
    /// radius is the distance to its k-th nearest neighbour in its own set (itself excluded),
    /// comparisons strict (`<`).
    ///
    /// Distances are `sqrt(max(|x|^2 + |y|^2 - 2 x.y, 0))` as scikit-learn's, computed in
    /// blocks with BLAS `dgemm` so no N x N matrix is stored; blocks run in parallel and the
    /// counts merge exactly, so results do not depend on the thread count.
    ///
    /// - Parameters:
    ///   - real: real samples, shape `[samples, features]`.
    ///   - gen: generated samples, shape `[samples, features]`.
    ///   - nearestK: k (at least 1; each sample needs k + 2 rows, as the prdc package).
    /// - Returns: the four fractions.
    /// - Throws: ``MetricError`` for arrays that are not `[samples, features]`, differ in
    ///   feature count or hold NaN/infinity, or a k that leaves no neighbour.
    /// - Complexity: O((N + M)^2 D) time, O((N + M) D) memory.
    public static func prdc(real: NDArray<Double>, gen: NDArray<Double>, nearestK: Int = 5) throws -> PRDC {
        try prdc(real: real, gen: gen, nearestK: nearestK, threads: nil)
    }

    /// ``prdc(real:gen:nearestK:)`` on at most `threads` threads (nil: all processors); the
    /// result does not depend on it.
    static func prdc(real: NDArray<Double>, gen: NDArray<Double>, nearestK: Int, threads: Int?) throws -> PRDC {
        try FeatureSampling.checkPair(real, gen)
        try FeatureSampling.positive(nearestK, "nearestK")
        let n = real.shape[0], m = gen.shape[0]
        // The prdc package's k-th value (np.argpartition at k + 1) needs k + 2 samples.
        for (rows, name) in [(n, "real"), (m, "gen")] where rows < nearestK + 2 {
            throw MetricError.tooFewSamples(array: name, rows: rows, needed: nearestK + 2)
        }
        let realRadii = kthNeighbourDistances(real, k: nearestK, threads: threads)
        let genRadii = kthNeighbourDistances(gen, k: nearestK, threads: threads)
        // Per real row: inside some generated ball (recall), nearest generated sample inside its
        // own ball (coverage). Per generated column: real balls holding it (precision, density).
        let recallHits = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        let coverageHits = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        defer {
            recallHits.deallocate()
            coverageHits.deallocate()
        }
        let blocks = PairwiseBlocks(x: real, y: gen, threads: threads)
        let ballCounts = blocks.reduceColumns(columns: m) { rowRange, distances, counts in
            for (offset, i) in rowRange.enumerated() {
                let row = distances + offset * m
                var inGenBall = false, nearest = Double.infinity
                for j in 0..<m {
                    let d = row[j]
                    if d < realRadii[i] { counts[j] += 1 }
                    if d < genRadii[j] { inGenBall = true }
                    if d < nearest { nearest = d }
                }
                recallHits[i] = inGenBall
                coverageHits[i] = nearest < realRadii[i]
            }
        }
        let precision = Double(ballCounts.filter { $0 > 0 }.count) / Double(m)
        let density = 1 / Double(nearestK) * (Double(ballCounts.reduce(0, +)) / Double(m))
        return PRDC(precision: precision, recall: Double(recallHits.filter { $0 }.count) / Double(n),
                    density: density, coverage: Double(coverageHits.filter { $0 }.count) / Double(n))
    }

    /// The distance of every row to its k-th nearest other row (`get_kth_value(d, k + 1)`:
    /// the (k+1)-th smallest distance, the row's own zero included), shape `[rows]`.
    static func kthNeighbourDistances(_ x: NDArray<Double>, k: Int, threads: Int?) -> [Double] {
        let n = x.shape[0]
        let radii = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer { radii.deallocate() }
        _ = PairwiseBlocks(x: x, y: x, threads: threads).reduceColumns(columns: 0) { rowRange, distances, _ in
            var smallest = [Double](repeating: .infinity, count: k + 1)
            for (offset, i) in rowRange.enumerated() {
                for index in smallest.indices { smallest[index] = .infinity }
                let row = distances + offset * n
                for j in 0..<n {
                    // The diagonal is exactly 0, as scikit-learn sets it when X is Y.
                    let d = j == i ? 0 : row[j]
                    if d < smallest[k] {
                        var position = k
                        while position > 0 && smallest[position - 1] > d {
                            smallest[position] = smallest[position - 1]
                            position -= 1
                        }
                        smallest[position] = d
                    }
                }
                radii[i] = smallest[k]
            }
        }
        return Array(radii)
    }
}

/// Euclidean distances between the rows of `x` and `y`, produced a block of `x` rows at a
/// time on every core.
private struct PairwiseBlocks {
    let x: NDArray<Double>
    let y: NDArray<Double>
    /// Worker threads (nil: all processors).
    let threads: Int?

    /// Calls `body` with each block of `x` rows, their distances to every `y` row
    /// (`[block rows, y rows]` row-major) and the worker's column counts; returns the counts
    /// summed over workers (shape `[columns]`).
    ///
    /// `body` may also write per-row results for the rows of its block (each row belongs to one block).
    func reduceColumns(
        columns: Int, _ body: (Range<Int>, UnsafePointer<Double>, UnsafeMutablePointer<Int>) -> Void
    ) -> [Int] {
        let n = x.shape[0], m = y.shape[0], d = x.shape[1]
        let blockRows = max(1, min(256, (32 << 20) / max(1, m * 8)))
        let blockCount = (n + blockRows - 1) / blockRows
        let workers = min(blockCount, max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        let xNorms = squaredNorms(x), yNorms = squaredNorms(y)
        var counts = [Int](repeating: 0, count: workers * max(columns, 1))
        let next = BlockCounter()
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                counts.withUnsafeMutableBufferPointer { allCounts in
                    nonisolated(unsafe) let xs = xs, ys = ys, allCounts = allCounts
                    nonisolated(unsafe) let body = body
                    SingleThreadedBLAS.run {
                        DispatchQueue.concurrentPerform(iterations: workers) { worker in
                            let distances = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * m)
                            defer { distances.deallocate() }
                            while let block = next.take(below: blockCount) {
                                let rows = (block * blockRows)..<min(n, (block + 1) * blockRows)
                                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows.count), Int32(m), Int32(d), -2,
                                            xs.baseAddress! + rows.lowerBound * d, Int32(d), ys.baseAddress!, Int32(d), 0,
                                            distances, Int32(m))
                                for (offset, i) in rows.enumerated() {
                                    let row = distances + offset * m
                                    for j in 0..<m {
                                        let squared = (row[j] + xNorms[i]) + yNorms[j]
                                        row[j] = squared > 0 ? squared.squareRoot() : 0
                                    }
                                }
                                body(rows, distances, allCounts.baseAddress! + worker * max(columns, 1))
                            }
                        }
                    }
                }
            }
        }
        return (0..<columns).map { j in (0..<workers).reduce(0) { $0 + counts[$1 * columns + j] } }
    }

    private func squaredNorms(_ a: NDArray<Double>) -> [Double] {
        let rows = a.shape[0], d = a.shape[1]
        return a.withUnsafeBufferPointer { values in
            (0..<rows).map { row in
                var sum = 0.0
                for k in 0..<d { sum += values[row * d + k] * values[row * d + k] }
                return sum
            }
        }
    }
}

/// Hands out block indices to workers in order.
private final class BlockCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
