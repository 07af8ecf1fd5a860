import CMetricKernels
import Dispatch
import JetNetCore

/// W1 distances between bootstrap resamples of two samples of jets, without re-sorting
/// each resample.
///
/// jetnet draws `samples` jets with replacement from each side, gathers their particles (or
/// the jets' own values) and calls scipy's `wasserstein_distance` per feature. A resample
/// holds jet `j` `c_j` times, so its sorted values are the full sample's sorted values, each
/// repeated `c_j` times. The values of both sides are therefore sorted and merged once per
/// feature; CMetricKernels' `jetnet_w1_walk` then integrates `|U(x) - V(x)|` along the merged
/// order for eight batches at once (lanes), with the draw counts as weights and `U - V` kept as
/// the exact integer `(R m - G n) / (n m)` — scipy's `_cdf_distance` terms.
enum BootstrapW1 {
    /// The values of one side: `items` values per feature, each item belonging to a jet.
    struct Side: Sendable {
        /// Jets in the side (the population `choice` draws from).
        var jets: Int
        /// Feature-major values, shape `[features, items]`.
        var values: [Double]
        /// The jet of each item, shape `[items]`.
        var itemJet: [Int32]
        /// Items per jet, shape `[jets]`.
        var itemsPerJet: [Int]

        var items: Int { itemJet.count }
    }

    /// How often every batch drew every jet: real jets numbered first, then generated ones.
    struct Draws: Sendable {
        /// Draw counts of the batches `8g..<8g+8` (lane = batch mod 8), shape `[groups][jets, 8]`.
        enum Counts: Sendable {
            /// When no count can pass `UInt16.max` (samples below 2^16).
            case narrow([UInt16])
            case wide([UInt32])
        }

        let batches: Int
        let realJets: Int
        let genJets: Int
        var groups: [Counts]
        /// Items of each batch's resample on each side (scipy's `u_values.size`, `v_values.size`),
        /// shape `[batches]`.
        var realItems: [Int]
        var genItems: [Int]

        static let lanes = Int(JETNET_W1_LANES)

        /// The jets of one side (0 real, 1 generated) that one of `batches` drew and that hold
        /// items, ascending.
        ///
        /// - Parameter itemsPerJet: the side's items per jet, shape `[jets of the side]`.
        func drawnJets(side: Int, batches: Range<Int>, itemsPerJet: [Int]) -> [Int] {
            let (first, count) = side == 0 ? (0, realJets) : (realJets, genJets)
            var drawn = [Bool](repeating: false, count: count)
            for batch in batches {
                let lane = batch % Self.lanes
                func mark<Count: FixedWidthInteger>(_ values: [Count]) {
                    values.withUnsafeBufferPointer { values in
                        for jet in 0..<count where values[(first + jet) * Self.lanes + lane] != 0 { drawn[jet] = true }
                    }
                }
                switch groups[batch / Self.lanes] {
                case let .narrow(values): mark(values)
                case let .wide(values): mark(values)
                }
            }
            return (0..<count).filter { drawn[$0] && itemsPerJet[$0] > 0 }
        }
    }

    /// One feature's merged values in ascending order, each tagged with its jet (generated
    /// jets numbered after the real ones).
    enum SortedFeature: Sendable {
        /// Values that are all floats: the order key in the high 32 bits, the tag in the low.
        case packed([UInt64])
        /// Any doubles.
        case wide(values: [Double], tags: [UInt32])

        var count: Int {
            switch self {
            case let .packed(items): return items.count
            case let .wide(values, _): return values.count
            }
        }
    }

    /// Sorts and merges both sides' values, feature by feature.
    ///
    /// Each side of each feature is sorted on its own (in parallel), then the two are merged;
    /// ties go to the real side first and then by tag, which is the order a stable sort of the
    /// concatenated values gives, so the result does not depend on how the work was split.
    ///
    /// - Parameters:
    ///   - real: the real side.
    ///   - gen: the generated side, with the same number of features.
    ///   - features: the number of features.
    ///   - threads: worker threads (nil: all processors).
    /// - Returns: one merged order per feature, shape `[features]`.
    static func sortedFeatures(real: Side, gen: Side, features: Int, threads: Int?) -> [SortedFeature] {
        precondition(real.values.count == real.items * features && gen.values.count == gen.items * features)
        precondition(real.jets + gen.jets < Int(UInt32.max), "BootstrapW1: too many jets for 32-bit tags")
        let sideTags = [real.itemJet.map { UInt32($0) }, gen.itemJet.map { UInt32(Int($0) + real.jets) }]
        @Sendable func slice(_ side: Int, _ feature: Int) -> ArraySlice<Double> {
            let values = side == 0 ? real : gen
            return values.values[(feature * values.items)..<((feature + 1) * values.items)]
        }
        // Features whose values are all floats (on both sides) sort as packed 32-bit keys.
        let packable = ParallelTasks.map(features, threads: threads) { feature in
            (0..<2).allSatisfy { side in slice(side, feature).allSatisfy { Double(Float($0)) == $0 } }
        }
        let halves = ParallelTasks.map(2 * features, threads: threads) { task -> SortedFeature in
            let (feature, side) = (task / 2, task % 2)
            let values = Array(slice(side, feature))
            if packable[feature] { return .packed(OrderedRadixSort.sortPacked(floats: values, tags: sideTags[side])) }
            let (sortedValues, sortedTags) = OrderedRadixSort.sort(values: values, tags: sideTags[side])
            return .wide(values: sortedValues, tags: sortedTags)
        }
        return ParallelTasks.map(features, threads: threads) { feature in
            SortedFeature.merging(halves[2 * feature], halves[2 * feature + 1])
        }
    }

    /// Draws `batches` resamples of `samples` jets per side, in jetnet's order: for each batch,
    /// `rng.choice(real jets, samples)` then `rng.choice(gen jets, samples)`.
    ///
    /// - Parameters:
    ///   - realItemsPerJet: items (values) per real jet, shape `[real jets]`.
    ///   - genItemsPerJet: items per generated jet, shape `[gen jets]`.
    static func draws(
        realItemsPerJet: [Int], genItemsPerJet: [Int], samples: Int, batches: Int, generator: inout NumPyGenerator
    ) -> Draws {
        let (realJets, genJets) = (realItemsPerJet.count, genItemsPerJet.count)
        let lanes = Draws.lanes
        let groupCount = (batches + lanes - 1) / lanes
        let rows = (realJets + genJets) * lanes
        var indices = [Int32](repeating: 0, count: samples)
        var realItems = [Int](repeating: 0, count: batches)
        var genItems = [Int](repeating: 0, count: batches)
        // A count never passes `samples`.
        func drawn<Count: FixedWidthInteger>(_: Count.Type) -> [[Count]] {
            var groups = [[Count]](repeating: [Count](repeating: 0, count: rows), count: groupCount)
            indices.withUnsafeMutableBufferPointer { indices in
                for batch in 0..<batches {
                    groups[batch / lanes].withUnsafeMutableBufferPointer { counts in
                        for (population, offset, itemsPerJet) in [(realJets, 0, realItemsPerJet), (genJets, realJets, genItemsPerJet)] {
                            generator.choice(population, into: indices)
                            let row = counts.baseAddress! + offset * lanes + batch % lanes
                            var items = 0
                            itemsPerJet.withUnsafeBufferPointer { itemsPerJet in
                                for jet in indices {
                                    row[Int(jet) &* lanes] &+= 1
                                    items += itemsPerJet[Int(jet)]
                                }
                            }
                            if offset == 0 { realItems[batch] = items } else { genItems[batch] = items }
                        }
                    }
                }
            }
            return groups
        }
        let groups: [Draws.Counts] = samples <= Int(UInt16.max)
            ? drawn(UInt16.self).map { .narrow($0) } : drawn(UInt32.self).map { .wide($0) }
        return Draws(batches: batches, realJets: realJets, genJets: genJets, groups: groups, realItems: realItems, genItems: genItems)
    }

    /// Warns on `jetnetLogger` when some resamples hold no `what` (jets, particles) on a side.
    static func warnAboutEmpty(_ draws: Draws, what: String) {
        let empty = (0..<draws.batches).filter { draws.realItems[$0] == 0 || draws.genItems[$0] == 0 }.count
        if empty > 0 {
            jetnetLogger.warning("\(empty) of \(draws.batches) W1 batches drew no \(what) on one side; their W1 is infinity for every feature (as jetnet's)")
        }
    }

    /// Draws made on a background thread, so that the (sequential) drawing overlaps other
    /// work; ``wait()`` returns them once drawn.
    final class PendingDraws: @unchecked Sendable {
        private let group = DispatchGroup()
        private var value: Draws?

        /// Starts drawing as ``draws(realItemsPerJet:genItemsPerJet:samples:batches:generator:)``
        /// does with `NumPyGenerator(seed: seed)`.
        init(realItemsPerJet: [Int], genItemsPerJet: [Int], samples: Int, batches: Int, seed: UInt64) {
            DispatchQueue.global().async(group: group) { [self] in
                var generator = NumPyGenerator(seed: seed)
                value = BootstrapW1.draws(
                    realItemsPerJet: realItemsPerJet, genItemsPerJet: genItemsPerJet, samples: samples,
                    batches: batches, generator: &generator)
            }
        }

        /// The draws (waits for the drawing to finish; the group orders the accesses).
        func wait() -> Draws {
            group.wait()
            return value!
        }
    }

    /// Merged positions per parallel task of a walk (a whole number of the kernel's blocks).
    private static let positionsPerTask = 16 * Int(JETNET_W1_BLOCK)

    /// scipy's `wasserstein_distance` between the two sides of every batch for one feature,
    /// shape `[batches]`; infinity for a batch with no values on a side (jetnet's convention).
    ///
    /// The walk's partial sums (one per block of positions) do not depend on how the positions
    /// are split among threads; they are added with a compensated sum.
    static func distances(_ sorted: SortedFeature, draws: Draws, threads: Int?) -> [Double] {
        switch sorted {
        case let .packed(items):
            return items.withUnsafeBufferPointer { distances(count: $0.count, packed: $0.baseAddress, values: nil, tags: nil, draws: draws, threads: threads) }
        case let .wide(values, tags):
            return values.withUnsafeBufferPointer { values in
                tags.withUnsafeBufferPointer {
                    distances(count: values.count, packed: nil, values: values.baseAddress, tags: $0.baseAddress, draws: draws, threads: threads)
                }
            }
        }
    }

    /// ``distances(_:draws:threads:)`` of `count` merged items: `packed` ones, or `values` with `tags`.
    static func distances(
        count: Int, packed: UnsafePointer<UInt64>?, values: UnsafePointer<Double>?, tags: UnsafePointer<UInt32>?,
        draws: Draws, threads: Int?
    ) -> [Double] {
        guard count > 0 else { return [Double](repeating: .infinity, count: draws.batches) }
        let lanes = Draws.lanes
        let block = Int(JETNET_W1_BLOCK)
        let tasks = max(1, (count + positionsPerTask - 1) / positionsPerTask)
        let blocksPerTask = positionsPerTask / block
        let blocks = (count + block - 1) / block
        var result = [Double](repeating: .infinity, count: draws.batches)
        for (group, counts) in draws.groups.enumerated() {
            let batchRange = (group * lanes)..<min(draws.batches, (group + 1) * lanes)
            var realItems = [Double](repeating: 0, count: lanes)
            var genItems = [Double](repeating: 0, count: lanes)
            for batch in batchRange {
                realItems[batch - group * lanes] = Double(draws.realItems[batch])
                genItems[batch - group * lanes] = Double(draws.genItems[batch])
            }
            // D = R m - G n stays an exact double while every n m is below 2^53.
            let exactInDoubles = zip(realItems, genItems).allSatisfy { $0 * $1 < 0x1p53 }
            var blockSums = [Double](repeating: 0, count: blocks * lanes)
            withCounts(counts) { countPointer, countBytes in
                nonisolated(unsafe) let (packed, values, tags, countPointer) = (packed, values, tags, countPointer)
                let realJets = UInt32(draws.realJets)
                // The drawn items below each task's first position, from every earlier task's totals.
                let totals = ParallelTasks.map(tasks - 1, threads: threads) { task -> [Double] in
                    var sums = [Double](repeating: 0, count: 2 * lanes)
                    sums.withUnsafeMutableBufferPointer { sums in
                        jetnet_w1_count_totals(
                            packed, values, tags, task * positionsPerTask, (task + 1) * positionsPerTask,
                            realJets, countPointer, countBytes, sums.baseAddress!, sums.baseAddress! + lanes)
                    }
                    return sums
                }
                var running = [[Double]](repeating: [Double](repeating: 0, count: 2 * lanes), count: tasks)
                for task in 1..<max(1, tasks) {
                    running[task] = zip(running[task - 1], totals[task - 1]).map { $0 + $1 }
                }
                let below = running
                let (n, m) = (realItems, genItems)
                blockSums.withUnsafeMutableBufferPointer { sums in
                    nonisolated(unsafe) let sink = sums.baseAddress!
                    ParallelTasks.run(tasks, threads: threads) { task in
                        let first = task * positionsPerTask
                        let walk = exactInDoubles ? jetnet_w1_walk : jetnet_w1_walk_exact
                        below[task].withUnsafeBufferPointer { below in
                            walk(packed, values, tags, first, min(count, first + positionsPerTask), realJets,
                                 countPointer, countBytes, n, m, below.baseAddress!, below.baseAddress! + lanes,
                                 sink + task * blocksPerTask * lanes)
                        }
                    }
                }
            }
            for batch in batchRange where draws.realItems[batch] > 0 && draws.genItems[batch] > 0 {
                let lane = batch - group * lanes
                var total = CompensatedSum()
                for b in 0..<blocks { total.add(blockSums[b * lanes + lane]) }
                result[batch] = total.value / (realItems[lane] * genItems[lane])
            }
        }
        return result
    }

    /// Calls `body` with a count matrix's storage and its width in bytes.
    private static func withCounts<R>(_ counts: Draws.Counts, _ body: (UnsafeRawPointer, Int32) -> R) -> R {
        switch counts {
        case let .narrow(values): return values.withUnsafeBytes { body($0.baseAddress!, 2) }
        case let .wide(values): return values.withUnsafeBytes { body($0.baseAddress!, 4) }
        }
    }
}

/// Neumaier's compensated sum: keeps long sums of positive terms accurate to a few ulps, so
/// the result does not depend on the summation order scipy happens to use.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    @inline(__always)
    mutating func add(_ term: Double) {
        let total = sum + term
        if abs(sum) >= abs(term) {
            compensation += (sum - total) + term
        } else {
            compensation += (term - total) + sum
        }
        sum = total
    }

    var value: Double { sum + compensation }
}

extension BootstrapW1.SortedFeature {
    /// Merges the sorted real side `first` with the sorted generated side `second` (whose tags
    /// are all larger): by value, ties by tag, so real values come first.
    static func merging(_ first: Self, _ second: Self) -> Self {
        switch (first, second) {
        case let (.packed(a), .packed(b)):
            // Key in the high half, tag in the low: plain integer order is (value, tag) order.
            var merged = [UInt64](repeating: 0, count: a.count + b.count)
            merge(a.count, b.count, firstIsBefore: { a[$0] <= b[$1] }) { k, i, fromFirst in
                merged[k] = fromFirst ? a[i] : b[i]
            }
            return .packed(merged)
        case let (.wide(aValues, aTags), .wide(bValues, bTags)):
            var values = [Double](repeating: 0, count: aValues.count + bValues.count)
            var tags = [UInt32](repeating: 0, count: values.count)
            merge(aValues.count, bValues.count, firstIsBefore: { (aValues[$0], aTags[$0]) <= (bValues[$1], bTags[$1]) }) { k, i, fromFirst in
                (values[k], tags[k]) = fromFirst ? (aValues[i], aTags[i]) : (bValues[i], bTags[i])
            }
            return .wide(values: values, tags: tags)
        default:
            preconditionFailure("BootstrapW1: both sides of a feature are sorted the same way")
        }
    }

    /// Visits the merged order of two ascending sequences of `countA` and `countB` elements:
    /// `emit(k, i, fromFirst)` puts element `i` of the first (or second) sequence at position `k`.
    @inline(__always)
    private static func merge(
        _ countA: Int, _ countB: Int, firstIsBefore: (Int, Int) -> Bool, emit: (Int, Int, Bool) -> Void
    ) {
        var (i, j) = (0, 0)
        while i < countA && j < countB {
            if firstIsBefore(i, j) {
                emit(i + j, i, true)
                i += 1
            } else {
                emit(i + j, j, false)
                j += 1
            }
        }
        while i < countA { emit(i + j, i, true); i += 1 }
        while j < countB { emit(i + j, j, false); j += 1 }
    }
}
