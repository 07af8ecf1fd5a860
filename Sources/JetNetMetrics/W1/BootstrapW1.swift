import Dispatch
import JetNetCore

/// W1 distances between bootstrap resamples of two samples of jets, without re-sorting
/// each resample.
///
/// jetnet draws `samples` jets with replacement from each side, gathers their particles (or
/// the jets' own values) and calls scipy's `wasserstein_distance` per feature. A resample
/// holds jet `j` `c_j` times, so its sorted values are the full sample's sorted values, each
/// repeated `c_j` times. The values of both sides are therefore sorted and merged once per
/// feature; each resample is then one branch-free linear walk that adds up
/// `|U(x) - V(x)| * (next x - x)` with the counts as weights — scipy's `_cdf_distance` terms,
/// with `U - V` kept as the exact integer `(i m - j n) / (n m)`.
struct BootstrapW1: Sendable {
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

    /// One bootstrap resample: how often each jet was drawn, real jets first, then generated.
    struct Resample: Sendable {
        /// Draw counts, shape `[real jets + gen jets]`.
        var counts: [Int32]
        /// The resample's item counts (scipy's `u_values.size` and `v_values.size`).
        var realItems: Int
        var genItems: Int
    }

    /// One feature's merged values in ascending order, each tagged with its jet (generated
    /// jets numbered after the real ones).
    enum SortedFeature: Sendable {
        /// Values that are all floats: the order key in the high 32 bits, the tag in the low.
        case packed([UInt64])
        /// Any doubles.
        case wide(values: [Double], tags: [UInt32])
    }

    let features: Int
    private let realJets: Int
    private let sorted: [SortedFeature]

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
    init(real: Side, gen: Side, features: Int, threads: Int?) {
        precondition(real.values.count == real.items * features && gen.values.count == gen.items * features)
        precondition(real.jets + gen.jets < Int(UInt32.max), "BootstrapW1: too many jets for 32-bit tags")
        self.features = features
        realJets = real.jets
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
        sorted = ParallelTasks.map(features, threads: threads) { feature in
            SortedFeature.merging(halves[2 * feature], halves[2 * feature + 1])
        }
    }

    /// Draws `batches` resamples of `samples` jets per side, in jetnet's order: for each batch,
    /// `rng.choice(real jets, samples)` then `rng.choice(gen jets, samples)`.
    ///
    /// - Parameters:
    ///   - realItemsPerJet: items (values) per real jet, shape `[real jets]`.
    ///   - genItemsPerJet: items per generated jet, shape `[gen jets]`.
    static func resamples(
        realItemsPerJet: [Int], genItemsPerJet: [Int], samples: Int, batches: Int, generator: inout NumPyGenerator
    ) -> [Resample] {
        let (realJets, genJets) = (realItemsPerJet.count, genItemsPerJet.count)
        return (0..<batches).map { _ in
            var counts = [Int32](repeating: 0, count: realJets + genJets)
            var realItems = 0
            var genItems = 0
            for jet in generator.choice(realJets, count: samples) {
                counts[jet] += 1
                realItems += realItemsPerJet[jet]
            }
            for jet in generator.choice(genJets, count: samples) {
                counts[realJets + jet] += 1
                genItems += genItemsPerJet[jet]
            }
            return Resample(counts: counts, realItems: realItems, genItems: genItems)
        }
    }

    /// Warns on `jetnetLogger` when some resamples hold no `what` (jets, particles) on a side.
    static func warnAboutEmpty(_ resamples: [Resample], what: String) {
        let empty = resamples.filter { $0.realItems == 0 || $0.genItems == 0 }.count
        if empty > 0 {
            jetnetLogger.warning("\(empty) of \(resamples.count) W1 batches drew no \(what) on one side; their W1 is infinity for every feature (as jetnet's)")
        }
    }

    /// Resamples drawn on a background thread, so that the (sequential) drawing overlaps other
    /// work; ``wait()`` returns them once drawn.
    final class PendingResamples: @unchecked Sendable {
        private let group = DispatchGroup()
        private var value: [Resample] = []

        /// Starts drawing as ``resamples(realItemsPerJet:genItemsPerJet:samples:batches:generator:)``
        /// does with `NumPyGenerator(seed: seed)`.
        init(realItemsPerJet: [Int], genItemsPerJet: [Int], samples: Int, batches: Int, seed: UInt64) {
            DispatchQueue.global().async(group: group) { [self] in
                var generator = NumPyGenerator(seed: seed)
                value = BootstrapW1.resamples(
                    realItemsPerJet: realItemsPerJet, genItemsPerJet: genItemsPerJet, samples: samples,
                    batches: batches, generator: &generator)
            }
        }

        /// The resamples (waits for the drawing to finish; the group orders the accesses).
        func wait() -> [Resample] {
            group.wait()
            return value
        }
    }

    /// scipy's `wasserstein_distance` between the two sides of `resample` for one feature;
    /// infinity when a side of the resample holds no values (jetnet's convention).
    func distance(feature: Int, resample: Resample) -> Double {
        guard resample.realItems > 0 && resample.genItems > 0 else { return .infinity }
        switch sorted[feature] {
        case let .packed(items):
            return items.withUnsafeBufferPointer { items in
                walk(count: items.count, resample: resample) { k in
                    let item = items[k]
                    return (Double(OrderedRadixSort.float(key: UInt32(truncatingIfNeeded: item >> 32))),
                            UInt32(truncatingIfNeeded: item))
                }
            }
        case let .wide(values, tags):
            return values.withUnsafeBufferPointer { values in
                tags.withUnsafeBufferPointer { tags in
                    walk(count: values.count, resample: resample) { k in (values[k], tags[k]) }
                }
            }
        }
    }

    /// Integrates `|U - V|` along the merged order; `item(k)` gives the k-th value and its tag.
    @inline(__always)
    private func walk(count: Int, resample: Resample, item: (Int) -> (Double, UInt32)) -> Double {
        let n = resample.realItems
        let m = resample.genItems
        let realJets = UInt32(self.realJets)
        return resample.counts.withUnsafeBufferPointer { counts in
            var realBelow = 0  // resampled real values below the current one
            var genBelow = 0
            var previous = item(0).0  // the smallest value: its gap contributes 0
            var total = CompensatedSum()
            var block = 0.0
            var k = 0
            while k < count {
                // Plain sums over blocks of positive terms, compensated across blocks.
                let end = min(count, k + 4096)
                while k < end {
                    let (x, tag) = item(k)
                    let weight = Int(counts[Int(tag)])
                    let isGen = tag >= realJets
                    // (i/n - j/m) * n * m, exactly, in integers.
                    let difference = abs(realBelow * m - genBelow * n)
                    block += weight != 0 ? Double(difference) * (x - previous) : 0
                    previous = weight != 0 ? x : previous
                    realBelow += isGen ? 0 : weight
                    genBelow += isGen ? weight : 0
                    k += 1
                }
                total.add(block)
                block = 0
            }
            return total.value / (Double(n) * Double(m))
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
