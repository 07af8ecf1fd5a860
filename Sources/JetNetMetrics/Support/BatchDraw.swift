import JetNetCore

/// The rows one bootstrap batch takes from the real and from the generated sample (indices,
/// with repeats).
///
/// Every metric has the same test seam: its public entry point draws any batches from NumPy's
/// `default_rng(seed)` in jetnet's order, and an internal overload of the same name takes
/// `threads: Int?` (nil: all processors; the result must not depend on it). Where a test fixes
/// the rows (COV/MMD, KPD's batches, FPD's distances), they are `draws: [BatchDraw]` in place of
/// `samples`, `batches` and `seed`.
struct BatchDraw: Sendable, Equatable {
    /// Row indices into the real sample, shape `[samples]`.
    var real: [Int]
    /// Row indices into the generated sample, shape `[samples]`.
    var gen: [Int]

    /// `batches` draws in jetnet's order: for each batch `rng.choice(realRows, samples)`, then
    /// `rng.choice(genRows, samples)`, all from `generator`.
    static func choices(
        _ generator: inout NumPyGenerator, realRows: Int, genRows: Int, samples: Int, batches: Int
    ) -> [BatchDraw] {
        (0..<batches).map { _ in
            let real = generator.choice(realRows, count: samples)
            return BatchDraw(real: real, gen: generator.choice(genRows, count: samples))
        }
    }
}
