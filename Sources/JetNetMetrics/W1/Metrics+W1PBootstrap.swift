import JetNetCore

extension Metrics {
    /// W1P's bootstrap over the particles of the drawn jets only, one feature at a time.
    ///
    /// The batches are drawn first; the compared particles of the jets drawn are then gathered
    /// straight from the float32 input as packed sort keys, one feature at a time, into merged
    /// order (``MergedParticleSort``) and walked
    /// (``BootstrapW1/distances(count:packed:values:tags:draws:threads:)``), in one buffer reused
    /// for every feature. When the samples hold many more jets than a batch draws, each batch's
    /// drawn jets are taken on their own (``w1pTakesBatchesApart(drawnItems:largestBatchItems:)``).
    /// Memory beyond the input is 8 bytes per gathered particle, plus a sort scratch of the
    /// largest parts of equal top digit.
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
        let offsets = [0, real.shape[0]]
        func drawnJets(_ group: Range<Int>) -> [[Int]] {
            ParallelTasks.map(2, threads: threads) { side in draws.drawnJets(side: side, batches: group, itemsPerJet: counts[side]) }
        }
        func items(_ drawn: [[Int]]) -> [Int] { (0..<2).map { side in drawn[side].reduce(0) { $0 + counts[side][$1] } } }
        // All batches at once, unless their drawn jets together hold many times the particles of
        // one batch's (samples much larger than the draws): then batch by batch, in less memory.
        let together = drawnJets(0..<batches)
        let apart = batches > 1 ? (0..<batches).map { drawnJets($0..<($0 + 1)) } : []
        let largestBatch = apart.map { items($0).reduce(0, +) }.max() ?? 0
        let takesBatchesApart = w1pTakesBatchesApart(drawnItems: items(together).reduce(0, +), largestBatchItems: largestBatch)
        let batchGroups = takesBatchesApart ? (0..<batches).map { $0..<($0 + 1) } : [0..<batches]
        let drawnPerGroup = takesBatchesApart ? apart : [together]
        let itemsPerGroup = drawnPerGroup.map(items)
        // The buffer serves every group and feature (no page faults after the first).
        let capacity = itemsPerGroup.map { $0[0] + $0[1] }.max() ?? 0
        var buffer = [UInt64](unsafeUninitializedCapacity: capacity) { $1 = capacity }
        let scratch = MergedParticleSort.Scratch()
        var distances = [[Double]](repeating: [Double](repeating: .infinity, count: batches), count: features)
        for (group, (drawn, items)) in zip(batchGroups, zip(drawnPerGroup, itemsPerGroup)) {
            let total = items[0] + items[1]
            buffer.withUnsafeMutableBufferPointer { whole in
                let merged = UnsafeMutableBufferPointer(rebasing: whole[..<total])
                for feature in 0..<features {
                    MergedParticleSort.gather(
                        sides: sides, excludeZeros: excludeZeros, features: features, feature: feature, drawn: drawn,
                        tagOffsets: offsets, counts: items, into: merged, scratch: scratch, threads: threads)
                    let values = BootstrapW1.distances(
                        count: total, packed: UnsafePointer(merged.baseAddress), values: nil, tags: nil,
                        draws: draws, threads: threads)
                    for batch in group { distances[feature][batch] = values[batch] }
                }
            }
        }
        let perBatch = (0..<batches).map { batch in (0..<features).map { distances[$0][batch] } }
        return MetricValues.summarising(perBatch, features: features)
    }

    /// Whether W1P takes each batch's drawn jets on their own rather than all batches' at once:
    /// when all batches' drawn jets hold more than four times the particles of the largest
    /// batch's (the samples hold many more jets than a batch draws). Together is less work (a
    /// jet drawn by several batches is sorted once); apart bounds the memory by one batch.
    ///
    /// - Parameters:
    ///   - drawnItems: particles of the jets any batch drew, both sides.
    ///   - largestBatchItems: the most particles of the jets one batch drew, both sides.
    static func w1pTakesBatchesApart(drawnItems: Int, largestBatchItems: Int) -> Bool {
        drawnItems > 4 * largestBatchItems
    }
}
