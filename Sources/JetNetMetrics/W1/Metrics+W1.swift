import Dispatch
import JetNetCore
import JetNetPhysics

extension Metrics {
    /// W1P: 1-Wasserstein distances between the particle features of real and generated jets
    /// (jetnet's `w1p`).
    ///
    /// For each of `batches` batches, `samples` jets are drawn with replacement from each side
    /// (`rng.choice(len(real), samples)`, then the same for `gen`), the selected particles of
    /// the drawn jets are pooled, and scipy's 1-D Wasserstein distance is taken per feature.
    /// With seed `s` the result equals jetnet's when
    /// `jetnet.evaluation.gen_metrics.rng = np.random.default_rng(s)` is set right before the call.
    ///
    /// A particle takes part when its mask (if given) is nonzero and, with `excludeZeros`, when
    /// its compared features are not all zero (jetnet's `norm == 0` test in float32). A batch
    /// with no particles on a side gives infinity for every feature, with a warning on
    /// `jetnetLogger` (jetnet returns three infinities whatever the feature count); the
    /// standard deviation is then NaN, as NumPy's.
    ///
    /// As in jetnet, a mask is only used when passed: for `[etarel, phirel, ptrel, mask]` jets
    /// pass `particleFeatures: 3` and the fourth feature as `realMask`/`genMask` (the CLI's
    /// `jetnet evaluate` does), otherwise the mask column is compared as a fourth feature.
    ///
    /// - Parameters:
    ///   - real: real jets, shape `[jets, particles, features]`, JetNet order `[etarel, phirel, ptrel, ...]`.
    ///   - gen: generated jets, shape `[jets', particles', features']`.
    ///   - realMask: optional particle mask of `real`, shape `[jets, particles]` or
    ///     `[jets, particles, 1]`; particles where it is 0 are left out (e.g. the `mask` feature).
    ///   - genMask: optional particle mask of `gen`, shape `[jets', particles']` or `[jets', particles', 1]`.
    ///   - excludeZeros: leave out zero-padded particles. Default `true`.
    ///   - particleFeatures: compare the first this many features; `nil` compares all of `real`'s.
    ///   - samples: jets drawn per batch from each side (``Defaults/w1Samples``).
    ///   - batches: bootstrap batches (``Defaults/w1Batches``).
    ///   - seed: seeds NumPy's `default_rng` (``Defaults/seed``).
    /// - Returns: per-feature means over the batches with their standard deviations, shape
    ///   `[particleFeatures]` (jetnet's `return_std=True`).
    /// - Throws: ``MetricError`` for arrays that are not rank 3, too few features on either
    ///   side, empty arrays, masks that do not fit their jets, and `samples`, `batches` or
    ///   `particleFeatures` below 1; `InputError` for jets or masks the ``InputPolicy`` refuses
    ///   (fewer than 2 jets, NaN or infinity, negative pt, a mask value other than 0 or 1).
    public static func w1p(
        real: NDArray<Float>, gen: NDArray<Float>, realMask: NDArray<Float>? = nil, genMask: NDArray<Float>? = nil,
        excludeZeros: Bool = true, particleFeatures: Int? = nil, samples: Int = Defaults.w1Samples,
        batches: Int = Defaults.w1Batches, seed: UInt64 = Defaults.seed
    ) throws -> MetricValues {
        try w1p(
            real: real, gen: gen, realMask: realMask, genMask: genMask, excludeZeros: excludeZeros,
            particleFeatures: particleFeatures, samples: samples, batches: batches, seed: seed, threads: nil)
    }

    /// ``w1p(real:gen:realMask:genMask:excludeZeros:particleFeatures:samples:batches:seed:)``
    /// on at most `threads` threads (nil: all processors); the result does not depend on it.
    static func w1p(
        real: NDArray<Float>, gen: NDArray<Float>, realMask: NDArray<Float>?, genMask: NDArray<Float>?,
        excludeZeros: Bool, particleFeatures: Int?, samples: Int, batches: Int,
        seed: UInt64, threads: Int?
    ) throws -> MetricValues {
        try W1Inputs.checkJets(real, name: "real", minimumFeatures: 1)
        try W1Inputs.checkJets(gen, name: "gen", minimumFeatures: 1)
        let features = particleFeatures ?? real.shape[2]
        guard features >= 1 else {
            throw MetricError.invalidArgument(name: "particleFeatures", value: "\(features)", allowed: "at least 1, or nil for all features")
        }
        try W1Inputs.checkJets(real, name: "real", minimumFeatures: features)
        try W1Inputs.checkJets(gen, name: "gen", minimumFeatures: features)
        try W1Inputs.checkBootstrap(samples: samples, batches: batches, jets: real.shape[0] + gen.shape[0],
                                    itemsPerJet: max(real.shape[1], gen.shape[1]) * features)
        for (mask, name, jets, jetsName) in [(realMask, "realMask", real, "real"), (genMask, "genMask", gen, "gen")] {
            if let mask, mask.count != jets.shape[0] * jets.shape[1] {
                throw MetricError.shapeMismatch(first: name, firstShape: mask.shape, second: jetsName, secondShape: jets.shape)
            }
        }
        try InputPolicy.checkJets(real, name: "real jets", minimumJets: 2)
        try InputPolicy.checkJets(gen, name: "generated jets", minimumJets: 2)
        if let realMask { try InputPolicy.checkMask(realMask, name: "realMask", particles: real.shape[1]) }
        if let genMask { try InputPolicy.checkMask(genMask, name: "genMask", particles: gen.shape[1]) }
        W1Inputs.warnIfFewJets(real: real.shape[0], gen: gen.shape[0])

        let result = w1pBootstrap(
            real: real, gen: gen, realMask: realMask, genMask: genMask, excludeZeros: excludeZeros,
            features: features, samples: samples, batches: batches, seed: seed, threads: threads)
        // Infinity (and its NaN spread) is jetnet's value for batches without particles.
        try ResultOverflow.check(result.values, metric: "W1P", inputs: [("real jets", real), ("generated jets", gen)], allowInfinity: true)
        return result
    }

    /// W1M: the 1-Wasserstein distance between the jet masses of real and generated jets
    /// (jetnet's `w1m`).
    ///
    /// The jet masses are those of the summed particle 4-vectors (jetnet's `jet_features`; a
    /// fourth feature is the particle mass, as in jetnet); the bootstrap is
    /// ``w1(real:gen:samples:batches:seed:)``'s. Like jetnet, each particle's 4-vector
    /// is computed in float32 (sums in `Double`), so values agree with jetnet's to the precision
    /// of float32 masses (about 1e-5 relative), not to the last digit; for all-`Double` masses
    /// pass `JetFeatures` masses to ``w1(real:gen:samples:batches:seed:)``.
    ///
    /// The standard deviation is always returned (jetnet's `return_std=True`; with
    /// `return_std=False` jetnet returns `(mean, mean)`, by operator precedence in its `return`).
    ///
    /// - Parameters:
    ///   - real: real jets, shape `[jets, particles, features]`, features `[eta, phi, pt, (mass)]`.
    ///   - gen: generated jets, shape `[jets', particles', features']`, same feature order.
    ///   - samples: jets drawn per batch from each side (``Defaults/w1Samples``).
    ///   - batches: bootstrap batches (``Defaults/w1Batches``).
    ///   - seed: seeds NumPy's `default_rng` (jetnet's module `rng` set to `default_rng(seed)`;
    ///     ``Defaults/seed``).
    /// - Returns: the mean over the batches with their standard deviation.
    /// - Throws: ``MetricError`` for arrays that are not rank 3 or with fewer than 3 features,
    ///   and `samples` or `batches` below 1; `InputError` for jets the ``InputPolicy`` refuses
    ///   (fewer than 2, NaN or infinity, negative pt).
    public static func w1m(
        real: NDArray<Float>, gen: NDArray<Float>, samples: Int = Defaults.w1Samples, batches: Int = Defaults.w1Batches,
        seed: UInt64 = Defaults.seed
    ) throws -> MetricValue {
        try w1m(real: real, gen: gen, samples: samples, batches: batches, seed: seed, threads: nil)
    }

    static func w1m(
        real: NDArray<Float>, gen: NDArray<Float>, samples: Int, batches: Int, seed: UInt64, threads: Int?
    ) throws -> MetricValue {
        try W1Inputs.checkJets(real, name: "real", minimumFeatures: 3)
        try W1Inputs.checkJets(gen, name: "gen", minimumFeatures: 3)
        try InputPolicy.checkJetShape(real.shape, name: "real jets", minimumJets: 2)
        try InputPolicy.checkJetShape(gen.shape, name: "generated jets", minimumJets: 2)
        try W1Inputs.checkBootstrap(samples: samples, batches: batches, jets: real.shape[0] + gen.shape[0])
        // One value per jet: the batches can be drawn while the masses are computed.
        let pending = BootstrapW1.PendingDraws(
            realItemsPerJet: [Int](repeating: 1, count: real.shape[0]), genItemsPerJet: [Int](repeating: 1, count: gen.shape[0]),
            samples: samples, batches: batches, seed: seed)
        // The mass kernel flags NaN, infinity and negative pt as it reads the jets; only then is
        // the input policy's exact (slower) check run, to throw for the first bad value.
        let (realMasses, realValid) = W1JetMasses.computeChecked(real, threads: threads)
        let (genMasses, genValid) = W1JetMasses.computeChecked(gen, threads: threads)
        if !realValid { try InputPolicy.checkJets(real, name: "real jets", minimumJets: 2) }
        if !genValid { try InputPolicy.checkJets(gen, name: "generated jets", minimumJets: 2) }
        W1Inputs.warnIfFewJets(real: real.shape[0], gen: gen.shape[0])
        let result = bootstrapW1(
            real: W1Inputs.jetSide(columns: realMasses, jets: realMasses.count),
            gen: W1Inputs.jetSide(columns: genMasses, jets: genMasses.count),
            features: 1, samples: samples, batches: batches, seed: seed,
            threads: threads, what: "jets", pending: pending)[0]
        try ResultOverflow.check([result.value, result.error], metric: "W1M", inputs: [("real jets", real), ("generated jets", gen)])
        return result
    }

    /// W1EFP: 1-Wasserstein distances between the Energy Flow Polynomials of real and generated
    /// jets (jetnet's `w1efp`), one per EFP.
    ///
    /// The EFPs are JetNetPhysics' `efps(_:particleMasses:selection:)` (energyflow's `hadr`
    /// measure, beta 1, unnormalised, as `jetnet.utils.efps`); the bootstrap is
    /// ``w1(real:gen:samples:batches:seed:)``'s, drawing real then generated jets per
    /// batch as jetnet does.
    ///
    /// - Parameters:
    ///   - real: real jets, shape `[jets, particles, features]`, features `[eta, phi, pt, (mass)]`.
    ///   - gen: generated jets, shape `[jets', particles', features']`, same feature order.
    ///   - particleMasses: whether the fourth feature is the particle mass (jetnet's
    ///     `use_particle_masses`). Default `false`.
    ///   - selection: energyflow's EFP selection (jetnet's `efpset_args`;
    ///     ``Defaults/w1efpSelection``, 5 EFPs).
    ///   - samples: jets drawn per batch from each side (``Defaults/w1Samples``).
    ///   - batches: bootstrap batches (``Defaults/w1Batches``).
    ///   - seed: seeds NumPy's `default_rng` (jetnet's module `rng` set to `default_rng(seed)`;
    ///     ``Defaults/seed``).
    /// - Returns: per-EFP means over the batches with their standard deviations, shape `[EFPs]`,
    ///   in energyflow's order.
    /// - Throws: ``MetricError`` for arrays that are not rank 3 or with too few features, and
    ///   `samples` or `batches` below 1; `InputError` for jets the ``InputPolicy`` refuses
    ///   (fewer than 2, NaN or infinity, negative pt); `EFPError` for a selection energyflow
    ///   would reject.
    public static func w1efp(
        real: NDArray<Float>, gen: NDArray<Float>, particleMasses: Bool = false,
        selection: [String] = Defaults.w1efpSelection, samples: Int = Defaults.w1Samples,
        batches: Int = Defaults.w1Batches, seed: UInt64 = Defaults.seed
    ) throws -> MetricValues {
        try w1efp(
            real: real, gen: gen, particleMasses: particleMasses, selection: selection, samples: samples,
            batches: batches, seed: seed, threads: nil)
    }

    static func w1efp(
        real: NDArray<Float>, gen: NDArray<Float>, particleMasses: Bool, selection: [String],
        samples: Int, batches: Int, seed: UInt64, threads: Int?
    ) throws -> MetricValues {
        let needed = particleMasses ? 4 : 3
        try W1Inputs.checkJets(real, name: "real", minimumFeatures: needed)
        try W1Inputs.checkJets(gen, name: "gen", minimumFeatures: needed)
        try W1Inputs.checkBootstrap(samples: samples, batches: batches, jets: real.shape[0] + gen.shape[0], itemsPerJet: 5)
        try InputPolicy.checkJets(real, name: "real jets", minimumJets: 2)
        try InputPolicy.checkJets(gen, name: "generated jets", minimumJets: 2)
        W1Inputs.warnIfFewJets(real: real.shape[0], gen: gen.shape[0])
        let realEFPs = try efps(real, particleMasses: particleMasses, selection: selection)
        let genEFPs = try efps(gen, particleMasses: particleMasses, selection: selection)
        let result = try w1(real: realEFPs, gen: genEFPs, samples: samples, batches: batches, seed: seed, threads: threads)
        try ResultOverflow.check(result.values, metric: "W1EFP", inputs: [("real jets", real), ("generated jets", gen)], allowInfinity: true)
        return result
    }

    /// Bootstrapped 1-Wasserstein distances between per-jet quantities of real and generated
    /// jets, feature by feature — the computation behind W1M and W1EFP, for any jet-level
    /// features (jet masses, EFPs, …).
    ///
    /// For each batch `samples` rows are drawn with replacement from `real`, then from `gen`
    /// (`rng.choice`), and scipy's 1-D Wasserstein distance is taken per column.
    ///
    /// - Parameters:
    ///   - real: real per-jet values, shape `[jets, features]` (or `[jets]` for one feature).
    ///   - gen: generated per-jet values, shape `[jets', features]` (or `[jets']`).
    ///   - samples: rows drawn per batch from each side (``Defaults/w1Samples``).
    ///   - batches: bootstrap batches (``Defaults/w1Batches``).
    ///   - seed: seeds NumPy's `default_rng` (``Defaults/seed``).
    /// - Returns: per-feature means over the batches with their standard deviations, shape `[features]`.
    /// - Throws: ``MetricError`` for ranks other than 1 or 2, differing feature counts, empty
    ///   arrays, NaN or infinity, and `samples` or `batches` below 1.
    public static func w1(
        real: NDArray<Double>, gen: NDArray<Double>, samples: Int = Defaults.w1Samples, batches: Int = Defaults.w1Batches,
        seed: UInt64 = Defaults.seed
    ) throws -> MetricValues {
        try w1(real: real, gen: gen, samples: samples, batches: batches, seed: seed, threads: nil)
    }

    static func w1(
        real: NDArray<Double>, gen: NDArray<Double>, samples: Int, batches: Int, seed: UInt64, threads: Int?
    ) throws -> MetricValues {
        for (array, name) in [(real, "real"), (gen, "gen")] {
            guard array.rank == 1 || array.rank == 2 else { throw MetricError.wrongRank(array: name, expected: 2, shape: array.shape) }
            guard array.shape[0] > 0 else { throw MetricError.tooFewSamples(array: name, rows: 0, needed: 1) }
        }
        let features = real.rank == 2 ? real.shape[1] : 1
        guard (gen.rank == 2 ? gen.shape[1] : 1) == features, features >= 1 else {
            throw MetricError.shapeMismatch(first: "real", firstShape: real.shape, second: "gen", secondShape: gen.shape)
        }
        try W1Inputs.checkBootstrap(samples: samples, batches: batches)
        try W1Inputs.checkFinite(real, name: "real")
        try W1Inputs.checkFinite(gen, name: "gen")
        func columns(_ array: NDArray<Double>) -> [Double] {
            let rows = array.shape[0]
            var result = [Double](repeating: 0, count: rows * features)
            for row in 0..<rows {
                for feature in 0..<features { result[feature * rows + row] = array.storage[row * features + feature] }
            }
            return result
        }
        return bootstrapW1(
            real: W1Inputs.jetSide(columns: columns(real), jets: real.shape[0]),
            gen: W1Inputs.jetSide(columns: columns(gen), jets: gen.shape[0]),
            features: features, samples: samples, batches: batches, seed: seed,
            threads: threads, what: "jets")
    }

    /// Draws the batches in jetnet's order, computes every (batch, feature) distance, and
    /// summarises them. `pending`, if given, holds the batches already being drawn with the same
    /// sides' item counts and arguments.
    static func bootstrapW1(
        real: BootstrapW1.Side, gen: BootstrapW1.Side, features: Int, samples: Int, batches: Int,
        seed: UInt64, threads: Int?, what: String, pending: BootstrapW1.PendingDraws? = nil
    ) -> MetricValues {
        // The draws (sequential) are made while the values are sorted (in parallel).
        let pending = pending ?? BootstrapW1.PendingDraws(
            realItemsPerJet: real.itemsPerJet, genItemsPerJet: gen.itemsPerJet, samples: samples, batches: batches, seed: seed)
        let sorted = BootstrapW1.sortedFeatures(real: real, gen: gen, features: features, threads: threads)
        let draws = pending.wait()
        BootstrapW1.warnAboutEmpty(draws, what: what)
        let distances = sorted.map { BootstrapW1.distances($0, draws: draws, threads: threads) }  // [features][batches]
        let perBatch = (0..<batches).map { batch in (0..<features).map { distances[$0][batch] } }
        return MetricValues.summarising(perBatch, features: features)
    }
}
