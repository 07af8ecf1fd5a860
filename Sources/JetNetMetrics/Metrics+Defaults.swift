extension Metrics {
    /// jetnet 0.2.5's defaults, written once: the metrics' default arguments,
    /// `EvaluationOptions` and the CLI's help read them from here.
    ///
    /// In every sampling metric `samples` is the number of rows (jets, or feature rows) drawn
    /// from each side per batch and `batches` the number of batches.
    public enum Defaults {
        /// The seed of every sampling metric's generator (jetnet's FPD and KPD default; its W1 and
        /// COV/MMD draw from an unseeded module generator, which this seed replaces).
        public static let seed: UInt64 = 42
        /// Jets drawn per W1 batch (jetnet's `num_eval_samples`).
        public static let w1Samples = 50_000
        /// W1 batches (jetnet's `num_batches`).
        public static let w1Batches = 5
        /// W1EFP's EFPs (jetnet's `efpset_args`): the five `n==4, d==4, p==1` EFPs.
        public static let w1efpSelection = ["n==4", "d==4", "p==1"]
        /// FPD's smallest batch size (jetnet's `min_samples`).
        public static let fpdMinSamples = 20_000
        /// FPD's largest batch size (jetnet's `max_samples`).
        public static let fpdMaxSamples = 50_000
        /// FPD batches per batch size (jetnet's `num_batches`).
        public static let fpdBatches = 20
        /// FPD batch sizes (jetnet's `num_points`).
        public static let fpdPoints = 10
        /// Rows per KPD batch (jetnet's `batch_size`).
        public static let kpdSamples = 5_000
        /// KPD batches (jetnet's `num_batches`).
        public static let kpdBatches = 10
        /// Jets per COV/MMD batch (jetnet's `num_eval_samples`).
        public static let covMMDSamples = 100
        /// COV/MMD batches (jetnet's `num_batches`).
        public static let covMMDBatches = 10
        /// Jets FPND uses, and recommends (jetnet's cap of 50,000).
        public static let fpndJets = 50_000
    }
}
