import JetNetCore

/// Estimates of the memory a metric allocates for its sample sizes (nil: beyond `Int`), checked
/// against ``MemoryBudget`` before the work starts: by the metrics themselves (naming their
/// arguments) and by the CLI (naming its options).
public enum MetricMemory {
    /// W1M, W1P, W1EFP: the draw counts over all jets (eight batches to a row of 16- or 32-bit
    /// counts), and the drawn values (with their sort scratch) of up to four batches' worth of
    /// jets for each side.
    ///
    /// - Parameters:
    ///   - samples: jets drawn per batch.
    ///   - batches: bootstrap batches.
    ///   - jets: real plus generated jets.
    ///   - itemsPerJet: values per jet (particles times features for W1P, else the feature count).
    public static func w1(samples: Int, batches: Int, jets: Int, itemsPerJet: Int) -> Int? {
        MemoryBudget.sum(MemoryBudget.bytes(batches / 8 + 1, 8, jets, 4), MemoryBudget.bytes(samples, itemsPerJet, 2, 40))
    }

    /// FPD: the row indices of every batch of two consecutive batch sizes, both sides. Groups of
    /// draws that are counted instead take half a byte or a byte per row and draw (at most 200
    /// draws per sample, chosen only when they take a fair share of the rows), which depends on
    /// the row count and is not included.
    public static func fpd(maxSamples: Int, batches: Int, points: Int) -> Int? {
        MemoryBudget.sum(MemoryBudget.bytes(maxSamples, batches, 2, 2, 8), MemoryBudget.bytes(points, 8))
    }

    /// KPD: the row indices of every batch, and one batch's rows of both sides.
    public static func kpd(batchSize: Int, batches: Int, features: Int) -> Int? {
        MemoryBudget.sum(MemoryBudget.bytes(batchSize, batches, 2, 8), MemoryBudget.bytes(batchSize, features, 2, 8))
    }

    /// COV/MMD: the matrix of EMDs between the two samples of a batch, and the draws.
    public static func covMMD(samples: Int, batches: Int) -> Int? {
        MemoryBudget.sum(MemoryBudget.bytes(samples, samples, 8), MemoryBudget.bytes(samples, batches, 2, 8))
    }
}
