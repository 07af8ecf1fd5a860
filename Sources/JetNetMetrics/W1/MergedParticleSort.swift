import JetNetCore

/// One feature of the compared particles of both sides' drawn jets, gathered straight into
/// merged order in one buffer as the packed keys of ``W1Inputs/forEachPackedParticle(_:mask:excludeZeros:features:feature:jets:tagOffset:_:)``.
///
/// A first pass counts the keys per top digit (the value key's top ``topBits`` bits); the
/// second writes each key into its digit's part of the buffer, the real side's before the
/// generated side's, both in input order. Each part then only needs its lower value bits
/// sorted, stably: the result is ordered by value, then tag — the order a merge of the two
/// sorted sides gives — with no second buffer of the particles' size and no merge pass. The
/// parts sort in parallel, each with a scratch of the largest part its worker sorts.
enum MergedParticleSort {
    /// Bits of the top digit (sign, exponent and the first mantissa bits of the float).
    static let topBits = 11
    /// Parts up to this many keys are sorted by comparison (a radix pass costs more).
    static let comparisonSortLimit = 64

    /// Per-worker scratch, kept between features and grown as needed.
    final class Scratch: @unchecked Sendable {
        private(set) var buffers: [UnsafeMutableBufferPointer<UInt64>] = []

        /// Makes worker `worker`'s scratch hold at least `count` keys (single-threaded).
        func reserve(worker: Int, count: Int) {
            while buffers.count <= worker { buffers.append(UnsafeMutableBufferPointer(start: nil, count: 0)) }
            guard buffers[worker].count < count else { return }
            buffers[worker].deallocate()
            buffers[worker] = .allocate(capacity: count)
        }

        deinit { buffers.forEach { $0.deallocate() } }
    }

    /// Gathers and sorts one feature of both sides into `buffer`.
    ///
    /// - Parameters:
    ///   - sides: the real and generated jets (`[jets, particles, width]`) with their optional masks.
    ///   - drawn: each side's drawn jets, ascending, shape `[2]`.
    ///   - tagOffsets: each side's first tag, shape `[2]` (generated tags above all real ones).
    ///   - counts: each side's compared particles of its drawn jets, shape `[2]`.
    ///   - buffer: receives the `counts[0] + counts[1]` keys in merged order.
    static func gather(
        sides: [(NDArray<Float>, NDArray<Float>?)], excludeZeros: Bool, features: Int, feature: Int,
        drawn: [[Int]], tagOffsets: [Int], counts: [Int], into buffer: UnsafeMutableBufferPointer<UInt64>,
        scratch: Scratch, threads: Int?
    ) {
        precondition(buffer.count == counts[0] + counts[1], "MergedParticleSort: buffer length differs from the particle counts")
        let digits = 1 << topBits
        let shift = UInt64(64 - topBits)
        @Sendable func visit(_ side: Int, _ body: (UInt64) -> Void) {
            W1Inputs.forEachPackedParticle(
                sides[side].0, mask: sides[side].1, excludeZeros: excludeZeros, features: features, feature: feature,
                jets: drawn[side], tagOffset: tagOffsets[side], body)
        }
        let histograms = ParallelTasks.map(2, threads: threads) { side in
            var histogram = [Int](repeating: 0, count: digits)
            histogram.withUnsafeMutableBufferPointer { histogram in
                visit(side) { key in histogram[Int(key >> shift)] += 1 }
            }
            return histogram
        }
        // Digit d's part: the real side's keys, then the generated side's.
        var starts = [[Int]](repeating: [Int](repeating: 0, count: digits), count: 2)
        var parts: [Range<Int>] = []
        var running = 0
        for digit in 0..<digits {
            let first = running
            for side in 0..<2 {
                starts[side][digit] = running
                running += histograms[side][digit]
            }
            if running - first > 1 { parts.append(first..<running) }
        }
        precondition(running == buffer.count, "MergedParticleSort: particle counts disagree")
        nonisolated(unsafe) let target = buffer
        let sideStarts = starts
        ParallelTasks.run(2, threads: threads) { side in
            var next = sideStarts[side]
            next.withUnsafeMutableBufferPointer { next in
                visit(side) { key in
                    let digit = Int(key >> shift)
                    target[next[digit]] = key
                    next[digit] += 1
                }
            }
        }
        // Largest parts first, each to the least loaded worker: balanced, and the same split
        // whatever the timing (each part's result does not depend on the worker anyway).
        let workers = max(1, min(parts.count, threads ?? ParallelTasks.defaultThreads))
        var assigned = [[Range<Int>]](repeating: [], count: workers)
        var loads = [Int](repeating: 0, count: workers)
        for part in parts.sorted(by: { ($0.count, $1.lowerBound) > ($1.count, $0.lowerBound) }) {
            let worker = loads.indices.min { (loads[$0], $0) < (loads[$1], $1) }!
            assigned[worker].append(part)
            loads[worker] += part.count
        }
        for worker in 0..<workers {
            scratch.reserve(worker: worker, count: assigned[worker].map(\.count).max() ?? 0)
        }
        nonisolated(unsafe) let buffers = scratch.buffers
        let assignment = assigned
        ParallelTasks.run(workers, threads: threads) { worker in
            for part in assignment[worker] {
                var keys = UnsafeMutableBufferPointer(rebasing: target[part])
                if part.count <= comparisonSortLimit {
                    // Equal keys are equal items, so an unstable sort gives the same order.
                    keys.sort()
                } else {
                    // The part is in tag order, so sorting its value bits stably orders it by (value, tag).
                    OrderedRadixSort.radixSort(keys, scratch: buffers[worker], bits: 32..<(64 - topBits))
                }
            }
        }
    }
}
