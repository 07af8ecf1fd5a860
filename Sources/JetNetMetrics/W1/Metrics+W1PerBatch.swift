import JetNetCore

extension Metrics {
    /// Whether W1P should sort each batch's drawn jets rather than every jet once: when the
    /// samples hold more jets than all batches together draw, sorting everything would sort
    /// jets no batch uses and hold all of them (as `Double`, with sort scratch) at once.
    ///
    /// - Parameters:
    ///   - jets: real plus generated jets.
    ///   - samples: jets drawn per batch from each side.
    ///   - batches: bootstrap batches.
    static func w1pSortsPerBatch(jets: Int, samples: Int, batches: Int) -> Bool {
        jets > samples * batches
    }

    /// W1P batch by batch: each batch's drawn jets (each jet once, with its draw count as
    /// weight) are gathered, sorted and walked by the same engine as the sort-once path, so the
    /// distances are the same up to the grouping of the engine's compensated partial sums
    /// (a few ulps). Memory is one batch's drawn particles, not the samples'.
    ///
    /// - Parameters:
    ///   - real: real jets, shape `[jets, particles, width]`.
    ///   - gen: generated jets, shape `[jets', particles', width']`.
    ///   - realMask: optional particle mask, `jets * particles` values.
    ///   - genMask: optional particle mask, `jets' * particles'` values.
    /// - Returns: per-feature means over the batches with their standard deviations, shape `[features]`.
    static func w1pPerBatch(
        real: NDArray<Float>, gen: NDArray<Float>, realMask: NDArray<Float>?, genMask: NDArray<Float>?,
        excludeZeros: Bool, features: Int, samples: Int, batches: Int, seed: UInt64, threads: Int?
    ) -> MetricValues {
        let counts = ParallelTasks.map(2, threads: threads) { side in
            side == 0
                ? W1Inputs.particleCounts(real, mask: realMask, excludeZeros: excludeZeros, features: features)
                : W1Inputs.particleCounts(gen, mask: genMask, excludeZeros: excludeZeros, features: features)
        }
        var generator = NumPyGenerator(seed: seed)
        let resamples = BootstrapW1.resamples(
            realItemsPerJet: counts[0], genItemsPerJet: counts[1], samples: samples, batches: batches, generator: &generator)
        BootstrapW1.warnAboutEmpty(resamples, what: "particles")
        let realJets = real.shape[0]
        let perBatch = resamples.map { resample -> [Double] in
            guard resample.realItems > 0 && resample.genItems > 0 else { return [Double](repeating: .infinity, count: features) }
            let drawn = [(0..<realJets).filter { resample.counts[$0] != 0 },
                         (0..<gen.shape[0]).filter { resample.counts[realJets + $0] != 0 }]
            let sides = ParallelTasks.map(2, threads: threads) { side in
                side == 0
                    ? W1Inputs.particleSide(real, mask: realMask, excludeZeros: excludeZeros, features: features, subset: drawn[0])
                    : W1Inputs.particleSide(gen, mask: genMask, excludeZeros: excludeZeros, features: features, subset: drawn[1])
            }
            let weights = BootstrapW1.Resample(
                counts: drawn[0].map { resample.counts[$0] } + drawn[1].map { resample.counts[realJets + $0] },
                realItems: resample.realItems, genItems: resample.genItems)
            let engine = BootstrapW1(real: sides[0], gen: sides[1], features: features, threads: threads)
            return ParallelTasks.map(features, threads: threads) { engine.distance(feature: $0, resample: weights) }
        }
        return MetricValues.summarising(perBatch, features: features)
    }
}
