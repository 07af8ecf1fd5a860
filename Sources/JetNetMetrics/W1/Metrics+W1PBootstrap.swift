import JetNetCore

extension Metrics {
    /// W1P's bootstrap over the particles of the drawn jets only, one feature at a time.
    ///
    /// The batches are drawn first; the compared particles of every jet some batch drew are
    /// then gathered straight from the float32 input as packed sort keys, one feature at a
    /// time, sorted, merged and walked (``BootstrapW1/distances(_:draws:threads:)``). Memory
    /// beyond the input is about 16 bytes per drawn particle (keys and sort scratch), whether
    /// the samples hold fewer jets than the batches draw or many more.
    ///
    /// - Parameters:
    ///   - real: real jets, shape `[jets, particles, width]`.
    ///   - gen: generated jets, shape `[jets', particles', width']`.
    ///   - realMask: optional particle mask, `jets * particles` values.
    ///   - genMask: optional particle mask, `jets' * particles'` values.
    /// - Returns: per-feature means over the batches with their standard deviations, shape `[features]`.
    static func w1pBootstrap(
        real: NDArray<Float>, gen: NDArray<Float>, realMask: NDArray<Float>?, genMask: NDArray<Float>?,
        excludeZeros: Bool, features: Int, samples: Int, batches: Int, seed: UInt64, threads: Int?
    ) -> MetricValues {
        let sides = [(real, realMask), (gen, genMask)]
        let counts = ParallelTasks.map(2, threads: threads) { side in
            W1Inputs.particleCounts(sides[side].0, mask: sides[side].1, excludeZeros: excludeZeros, features: features)
        }
        var generator = NumPyGenerator(seed: seed)
        let draws = BootstrapW1.draws(
            realItemsPerJet: counts[0], genItemsPerJet: counts[1], samples: samples, batches: batches, generator: &generator)
        BootstrapW1.warnAboutEmpty(draws, what: "particles")
        let realJets = real.shape[0]
        let offsets = [0, realJets]
        let drawn = ParallelTasks.map(2, threads: threads) { side in
            (0..<sides[side].0.shape[0]).filter { counts[side][$0] > 0 && draws.isDrawn(offsets[side] + $0) }
        }
        let distances = (0..<features).map { feature -> [Double] in
            let halves = ParallelTasks.map(2, threads: threads) { side -> BootstrapW1.SortedFeature in
                var items = W1Inputs.packedParticles(
                    sides[side].0, mask: sides[side].1, excludeZeros: excludeZeros, features: features, feature: feature,
                    jets: drawn[side], itemsPerJet: counts[side], tagOffset: offsets[side])
                var noTags = [UInt32]()
                OrderedRadixSort.radixSort(&items, carrying: &noTags, bits: 32..<64)
                return .packed(items)
            }
            let merged = BootstrapW1.SortedFeature.merging(halves[0], halves[1])
            return BootstrapW1.distances(merged, draws: draws, threads: threads)
        }
        let perBatch = (0..<batches).map { batch in (0..<features).map { distances[$0][batch] } }
        return MetricValues.summarising(perBatch, features: features)
    }
}
