import JetNetMetrics

/// What ``Metrics/evaluate(real:gen:options:progress:)`` computes and how: the metrics, the
/// seed, and each metric's sample and batch counts (jetnet 0.2.5's defaults, ``Metrics/Defaults``,
/// unless changed).
public struct EvaluationOptions: Sendable, Equatable, Codable {
    /// Bootstrap settings of a W1 metric (jetnet's `num_eval_samples`, `num_batches`).
    public struct Bootstrap: Sendable, Equatable, Codable {
        /// Jets drawn per batch from each sample.
        public var samples: Int
        /// Number of batches.
        public var batches: Int

        /// Makes bootstrap settings (W1's defaults).
        public init(samples: Int = Metrics.Defaults.w1Samples, batches: Int = Metrics.Defaults.w1Batches) {
            self.samples = samples
            self.batches = batches
        }
    }

    /// FPD's batch sizes and counts (jetnet's `fpd` arguments).
    public struct FPD: Sendable, Equatable, Codable {
        /// Smallest batch size.
        public var minSamples: Int
        /// Largest batch size.
        public var maxSamples: Int
        /// Batches averaged per batch size.
        public var batches: Int
        /// Batch sizes between the two.
        public var points: Int

        /// Makes FPD settings.
        public init(
            minSamples: Int = Metrics.Defaults.fpdMinSamples, maxSamples: Int = Metrics.Defaults.fpdMaxSamples,
            batches: Int = Metrics.Defaults.fpdBatches, points: Int = Metrics.Defaults.fpdPoints
        ) {
            self.minSamples = minSamples
            self.maxSamples = maxSamples
            self.batches = batches
            self.points = points
        }
    }

    /// KPD's batches (jetnet's `kpd` arguments).
    public struct KPD: Sendable, Equatable, Codable {
        /// Rows per batch and sample (jetnet's `batch_size`).
        public var samples: Int
        /// Number of batches.
        public var batches: Int

        // The JSON keeps jetnet's name for the batch size.
        enum CodingKeys: String, CodingKey {
            case samples = "batchSize", batches
        }

        /// Makes KPD settings.
        public init(samples: Int = Metrics.Defaults.kpdSamples, batches: Int = Metrics.Defaults.kpdBatches) {
            self.samples = samples
            self.batches = batches
        }
    }

    /// The metrics to compute, in ``MetricKind/allCases`` order.
    public var metrics: [MetricKind]
    /// Seeds every metric's generator: the W1 and COV/MMD bootstraps (jetnet's module `rng`
    /// as `default_rng(seed)`), FPD's `default_rng(seed)` and KPD's `default_rng(seed + i*1000)`.
    public var seed: UInt64
    /// W1M's bootstrap.
    public var w1m: Bootstrap
    /// W1P's bootstrap.
    public var w1p: Bootstrap
    /// W1EFP's bootstrap.
    public var w1efp: Bootstrap
    /// FPD's batches.
    public var fpd: FPD
    /// KPD's batches.
    public var kpd: KPD
    /// COV/MMD's batches: `samples` jets per batch, `batches`.
    public var covMMD: Bootstrap
    /// The jet type whose stored ParticleNet statistics FPND compares with (`g`, `q` or `t`);
    /// FPND needs it.
    public var jetType: String?
    /// ParticleNet's per-edge arithmetic in FPND; nil is ``ParticleNet/Precision/float32``.
    /// ``ParticleNet/Precision/float16`` needs a CPU with AVX512-FP16.
    public var fpndPrecision: ParticleNet.Precision?

    /// Makes options; every count defaults to jetnet's.
    ///
    /// - Parameters:
    ///   - metrics: the metrics to compute (default: all).
    ///   - seed: the seed of every metric's generator (``Metrics/Defaults/seed``).
    ///   - jetType: FPND's jet type, `g`, `q` or `t`.
    public init(metrics: [MetricKind] = MetricKind.allCases, seed: UInt64 = Metrics.Defaults.seed, jetType: String? = nil) {
        self.metrics = MetricKind.allCases.filter(metrics.contains)
        self.seed = seed
        self.w1m = Bootstrap()
        self.w1p = Bootstrap()
        self.w1efp = Bootstrap()
        self.fpd = FPD()
        self.kpd = KPD()
        self.covMMD = Bootstrap(samples: Metrics.Defaults.covMMDSamples, batches: Metrics.Defaults.covMMDBatches)
        self.jetType = jetType
    }

    /// Sample sizes that fit a small sample of `jets` jets per side (the sensitivity study and
    /// quick checks): W1 draws as many jets as there are, FPD's batch sizes run from half the
    /// sample to the whole of it, KPD uses one batch size of the whole sample; COV/MMD keeps
    /// jetnet's batches, with at most as many jets as there are.
    ///
    /// - Parameter jets: jets available in the smaller of the two samples.
    /// - Returns: a copy of these options with the counts adapted.
    public func fitting(jets: Int) -> EvaluationOptions {
        var options = self
        let w1 = Bootstrap(samples: jets, batches: 5)
        options.w1m = w1
        options.w1p = w1
        options.w1efp = w1
        options.fpd = FPD(minSamples: max(jets / 2, 2), maxSamples: max(jets, 2), batches: 10, points: 5)
        options.kpd = KPD(samples: max(jets, 2), batches: 10)
        options.covMMD = Bootstrap(samples: min(Metrics.Defaults.covMMDSamples, jets), batches: Metrics.Defaults.covMMDBatches)
        return options
    }
}
