import JetNetCore

/// W1 distances between bootstrap resamples of two samples of jets, without re-sorting
/// each resample.
///
/// jetnet draws `samples` jets with replacement from each side, gathers their particles (or
/// the jets' own values) and calls scipy's `wasserstein_distance` per feature. A resample
/// holds jet `j` `c_j` times, so its sorted values are the full sample's sorted values, each
/// repeated `c_j` times. The values of both sides are therefore sorted and merged once per
/// feature; each resample is then one linear walk that adds up
/// `|U(x) - V(x)| * (next x - x)` with the counts as weights, term for term what scipy's
/// `_cdf_distance` computes.
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

    /// One bootstrap resample: how often each jet was drawn on each side.
    struct Resample: Sendable {
        var realCounts: [Int32]
        var genCounts: [Int32]
        /// The resample's item counts (scipy's `u_values.size` and `v_values.size`).
        var realItems: Int
        var genItems: Int
    }

    private static let genBit: UInt32 = 1 << 31

    let features: Int
    /// Per feature: all values of both sides, sorted ascending.
    private let sortedValues: [[Double]]
    /// Per feature: the jet of each sorted value, with `genBit` set for the generated side.
    private let sortedTags: [[UInt32]]

    /// Sorts and merges both sides' values, feature by feature.
    ///
    /// - Parameters:
    ///   - real: the real side.
    ///   - gen: the generated side, with the same number of features.
    ///   - features: the number of features.
    ///   - threads: worker threads (nil: all processors).
    init(real: Side, gen: Side, features: Int, threads: Int?) {
        precondition(real.values.count == real.items * features && gen.values.count == gen.items * features)
        self.features = features
        let tags = real.itemJet.map { UInt32(bitPattern: $0) } + gen.itemJet.map { UInt32(bitPattern: $0) | Self.genBit }
        let sorted = ParallelTasks.map(features, threads: threads) { feature in
            let values = Array(real.values[(feature * real.items)..<((feature + 1) * real.items)])
                + gen.values[(feature * gen.items)..<((feature + 1) * gen.items)]
            return OrderedRadixSort.sort(values: values, tags: tags)
        }
        sortedValues = sorted.map(\.values)
        sortedTags = sorted.map(\.tags)
    }

    /// Draws `batches` resamples of `samples` jets per side, in jetnet's order: for each batch,
    /// `rng.choice(real jets, samples)` then `rng.choice(gen jets, samples)`.
    static func resamples(
        real: Side, gen: Side, samples: Int, batches: Int, generator: inout NumPyGenerator
    ) -> [Resample] {
        (0..<batches).map { _ in
            var realCounts = [Int32](repeating: 0, count: real.jets)
            var genCounts = [Int32](repeating: 0, count: gen.jets)
            var realItems = 0
            var genItems = 0
            for jet in generator.choice(real.jets, count: samples) {
                realCounts[jet] += 1
                realItems += real.itemsPerJet[jet]
            }
            for jet in generator.choice(gen.jets, count: samples) {
                genCounts[jet] += 1
                genItems += gen.itemsPerJet[jet]
            }
            return Resample(realCounts: realCounts, genCounts: genCounts, realItems: realItems, genItems: genItems)
        }
    }

    /// scipy's `wasserstein_distance` between the two sides of `resample` for one feature;
    /// infinity when a side of the resample holds no values (jetnet's convention).
    func distance(feature: Int, resample: Resample) -> Double {
        guard resample.realItems > 0 && resample.genItems > 0 else { return .infinity }
        let realTotal = Double(resample.realItems)
        let genTotal = Double(resample.genItems)
        var sum = CompensatedSum()
        sortedValues[feature].withUnsafeBufferPointer { values in
            sortedTags[feature].withUnsafeBufferPointer { tags in
                resample.realCounts.withUnsafeBufferPointer { realCounts in
                    resample.genCounts.withUnsafeBufferPointer { genCounts in
                        var realBelow = 0  // resampled real values <= the previous value
                        var genBelow = 0
                        var previous = -Double.infinity
                        for i in 0..<values.count {
                            let tag = tags[i]
                            let isGen = tag & Self.genBit != 0
                            let jet = Int(tag & ~Self.genBit)
                            let weight = Int(isGen ? genCounts[jet] : realCounts[jet])
                            if weight == 0 { continue }
                            let x = values[i]
                            if x > previous && (realBelow | genBelow) != 0 {
                                // scipy: |u_cdf - v_cdf| * delta, the CDFs as count / size.
                                sum.add(abs(Double(realBelow) / realTotal - Double(genBelow) / genTotal) * (x - previous))
                            }
                            previous = x
                            if isGen { genBelow += weight } else { realBelow += weight }
                        }
                    }
                }
            }
        }
        return sum.value
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
