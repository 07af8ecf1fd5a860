import JetNetCore

/// Checks and converts the arrays the W1 metrics take.
enum W1Inputs {
    static let recommendedJets = 50_000

    static func checkBootstrap(samples: Int, batches: Int, jets: Int = 0, itemsPerJet: Int = 1) throws {
        guard samples > 0 else { throw MetricError.invalidArgument(name: "samples", value: "\(samples)", allowed: "at least 1") }
        guard batches > 0 else { throw MetricError.invalidArgument(name: "batches", value: "\(batches)", allowed: "at least 1") }
        try MemoryBudget.require(MetricMemory.w1(samples: samples, batches: batches, jets: jets, itemsPerJet: itemsPerJet),
                                 for: "W1 with samples \(samples) and batches \(batches)")
    }

    /// jetnet's warning when either side has fewer jets than recommended.
    static func warnIfFewJets(real: Int, gen: Int) {
        if real < recommendedJets || gen < recommendedJets {
            jetnetLogger.warning("Recommended number of jets for W1 estimation is 50,000 (got \(real) real and \(gen) generated jets)")
        }
    }

    /// Requires a `[jets, particles, features]` array with at least one jet and `minimumFeatures` features.
    static func checkJets<T>(_ jets: NDArray<T>, name: String, minimumFeatures: Int) throws {
        guard jets.rank == 3 else { throw MetricError.wrongRank(array: name, expected: 3, shape: jets.shape) }
        guard jets.shape[2] >= minimumFeatures else {
            throw MetricError.wrongFeatureCount(array: name, expected: "at least \(minimumFeatures)", shape: jets.shape)
        }
        guard jets.shape[0] > 0 else { throw MetricError.tooFewSamples(array: name, rows: 0, needed: 1) }
    }

    /// Throws for the first NaN or infinity among the first `features` features of each row
    /// (the last axis holds the features).
    static func checkFinite<T: BinaryFloatingPoint>(_ array: NDArray<T>, name: String, features: Int? = nil) throws {
        let width = array.shape.last ?? 1
        let used = min(features ?? width, width)
        let bad: Int? = array.withUnsafeBufferPointer { values in
            for i in 0..<values.count where !values[i].isFinite && i % width < used { return i }
            return nil
        }
        if let bad { throw MetricError.nonFinite(array: name, index: bad) }
    }

    /// The particles of one side that W1P compares: those with a nonzero mask (if given) and,
    /// with `excludeZeros`, not all-zero in the compared features.
    ///
    /// jetnet's zero test is `np.linalg.norm(x) == 0` in float32, which is true exactly when
    /// every `x * x` underflows to zero; the same test is made here in `Float`.
    ///
    /// - Parameters:
    ///   - jets: shape `[jets, particles, width]`.
    ///   - mask: optional, `jets.shape[0] * jets.shape[1]` values.
    static func particleSide(
        _ jets: NDArray<Float>, mask: NDArray<Float>?, excludeZeros: Bool, features: Int
    ) -> BootstrapW1.Side {
        let (particles, width) = (jets.shape[1], jets.shape[2])
        let jetCount = jets.shape[0]
        var selected = [Bool](repeating: true, count: jetCount * particles)
        var itemsPerJet = [Int](repeating: 0, count: jetCount)
        let maskValues = mask?.storage
        jets.withUnsafeBufferPointer { values in
            for position in 0..<jetCount {
                let jet = position
                var items = 0
                for particle in 0..<particles {
                    let keep = isCompared(values, maskValues, index: jet * particles + particle, width: width,
                                          excludeZeros: excludeZeros, features: features)
                    selected[position * particles + particle] = keep
                    if keep { items += 1 }
                }
                itemsPerJet[position] = items
            }
        }
        let items = itemsPerJet.reduce(0, +)
        var itemValues = [Double](repeating: 0, count: items * features)
        var itemJet = [Int32](repeating: 0, count: items)
        jets.withUnsafeBufferPointer { values in
            var item = 0
            for selectedIndex in 0..<(jetCount * particles) where selected[selectedIndex] {
                let position = selectedIndex / particles
                let index = selectedIndex
                itemJet[item] = Int32(position)
                for feature in 0..<features {
                    itemValues[feature * items + item] = Double(values[index * width + feature])
                }
                item += 1
            }
        }
        return BootstrapW1.Side(jets: jetCount, values: itemValues, itemJet: itemJet, itemsPerJet: itemsPerJet)
    }

    /// The number of compared particles of each jet (``particleSide(_:mask:excludeZeros:features:)``'s
    /// `itemsPerJet`) without gathering their values.
    ///
    /// - Returns: shape `[jets]`.
    static func particleCounts(_ jets: NDArray<Float>, mask: NDArray<Float>?, excludeZeros: Bool, features: Int) -> [Int] {
        let (jetCount, particles, width) = (jets.shape[0], jets.shape[1], jets.shape[2])
        let maskValues = mask?.storage
        return jets.withUnsafeBufferPointer { values in
            (0..<jetCount).map { jet in
                var items = 0
                for particle in 0..<particles
                where isCompared(values, maskValues, index: jet * particles + particle, width: width, excludeZeros: excludeZeros, features: features) {
                    items += 1
                }
                return items
            }
        }
    }

    /// Calls `body` with one feature of every compared particle of `selected` jets, as an
    /// ``OrderedRadixSort`` float key in the high half and the tag `tagOffset + jet` in the low
    /// half, in input order (tags ascending).
    ///
    /// - Parameters:
    ///   - jets: shape `[jets, particles, width]`.
    ///   - mask: optional, `jets.shape[0] * jets.shape[1]` values.
    ///   - feature: the feature gathered, below `features` (the features the zero test looks at).
    ///   - selected: jet indices, ascending.
    @inline(__always)
    static func forEachPackedParticle(
        _ jets: NDArray<Float>, mask: NDArray<Float>?, excludeZeros: Bool, features: Int, feature: Int,
        jets selected: [Int], tagOffset: Int, _ body: (UInt64) -> Void
    ) {
        let (particles, width) = (jets.shape[1], jets.shape[2])
        let maskValues = mask?.storage
        jets.withUnsafeBufferPointer { values in
            for jet in selected {
                let tag = UInt64(tagOffset + jet)
                for particle in 0..<particles {
                    let index = jet * particles + particle
                    guard isCompared(values, maskValues, index: index, width: width, excludeZeros: excludeZeros, features: features) else { continue }
                    // -0 + 0 is +0: both zeros share one key.
                    body(UInt64(OrderedRadixSort.key(values[index * width + feature] + 0)) << 32 | tag)
                }
            }
        }
    }

    /// Whether particle `index` (of `[jets * particles]`) takes part: mask nonzero and, with
    /// `excludeZeros`, not all-zero in the first `features` features (in `Float`, as jetnet).
    @inline(__always)
    private static func isCompared(
        _ values: UnsafeBufferPointer<Float>, _ mask: [Float]?, index: Int, width: Int, excludeZeros: Bool, features: Int
    ) -> Bool {
        guard mask.map({ $0[index] != 0 }) ?? true else { return false }
        guard excludeZeros else { return true }
        var squares: Float = 0
        for feature in 0..<features {
            let x = values[index * width + feature]
            squares += x * x
        }
        return squares != 0
    }

    /// One item per jet: W1 of jet-level quantities.
    ///
    /// - Parameter columns: feature-major values, shape `[features, jets]`.
    static func jetSide(columns: [Double], jets: Int) -> BootstrapW1.Side {
        BootstrapW1.Side(
            jets: jets, values: columns, itemJet: (0..<jets).map { Int32($0) },
            itemsPerJet: [Int](repeating: 1, count: jets))
    }
}
