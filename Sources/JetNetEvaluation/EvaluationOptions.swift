/// What ``Metrics/evaluate(real:gen:options:progress:)`` computes and how: the metrics, the
/// seed, and each metric's sample and batch counts (jetnet 0.2.5's defaults unless changed).
public struct EvaluationOptions: Sendable, Equatable, Codable {
    /// Bootstrap settings of a W1 metric (jetnet's `num_eval_samples`, `num_batches`).
    public struct Bootstrap: Sendable, Equatable, Codable {
        /// Jets drawn per batch from each sample. jetnet's default 50,000.
        public var samples: Int
        /// Number of batches. jetnet's default 5.
        public var batches: Int

        /// Makes bootstrap settings.
        public init(samples: Int = 50_000, batches: Int = 5) {
            self.samples = samples
            self.batches = batches
        }
    }

    /// FPD's batch sizes and counts (jetnet's `fpd` arguments).
    public struct FPD: Sendable, Equatable, Codable {
        /// Smallest batch size. jetnet's default 20,000.
        public var minSamples: Int
        /// Largest batch size. jetnet's default 50,000.
        public var maxSamples: Int
        /// Batches averaged per batch size. jetnet's default 20.
        public var batches: Int
        /// Batch sizes between the two. jetnet's default 10.
        public var points: Int

        /// Makes FPD settings.
        public init(minSamples: Int = 20_000, maxSamples: Int = 50_000, batches: Int = 20, points: Int = 10) {
            self.minSamples = minSamples
            self.maxSamples = maxSamples
            self.batches = batches
            self.points = points
        }
    }

    /// KPD's batches (jetnet's `kpd` arguments).
    public struct KPD: Sendable, Equatable, Codable {
        /// Number of batches. jetnet's default 10.
        public var batches: Int
        /// Rows per batch and sample. jetnet's default 5,000.
        public var batchSize: Int

        /// Makes KPD settings.
        public init(batches: Int = 10, batchSize: Int = 5_000) {
            self.batches = batches
            self.batchSize = batchSize
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
    /// COV/MMD's batches: `samples` jets per batch (jetnet's default 100), `batches` (10).
    public var covMMD: Bootstrap
    /// The jet type whose stored ParticleNet statistics FPND compares with (`g`, `q` or `t`);
    /// FPND needs it.
    public var jetType: String?

    /// Makes options; every count defaults to jetnet's.
    ///
    /// - Parameters:
    ///   - metrics: the metrics to compute (default: all).
    ///   - seed: the seed of every metric's generator (default 42, FPD and KPD's jetnet default).
    ///   - jetType: FPND's jet type, `g`, `q` or `t`.
    public init(metrics: [MetricKind] = MetricKind.allCases, seed: UInt64 = 42, jetType: String? = nil) {
        self.metrics = MetricKind.allCases.filter(metrics.contains)
        self.seed = seed
        self.w1m = Bootstrap()
        self.w1p = Bootstrap()
        self.w1efp = Bootstrap()
        self.fpd = FPD()
        self.kpd = KPD()
        self.covMMD = Bootstrap(samples: 100, batches: 10)
        self.jetType = jetType
    }

    /// Sample sizes that fit a small sample of `jets` jets per side (the sensitivity study and
    /// quick checks): W1 draws as many jets as there are, FPD's batch sizes run from half the
    /// sample to the whole of it, KPD uses one batch size of the whole sample; COV/MMD keeps
    /// jetnet's 100 jets x 10 batches.
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
        options.kpd = KPD(batches: 10, batchSize: max(jets, 2))
        options.covMMD = Bootstrap(samples: min(100, jets), batches: 10)
        return options
    }
}
