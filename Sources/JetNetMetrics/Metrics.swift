/// The evaluation metrics for generated jets, with jetnet 0.2.5's definitions and defaults.
///
/// Each metric lives in its own file as an extension (`Metrics+W1.swift`, `Metrics+FPD.swift`,
/// …). Every array argument is `[jets, particles, features]` in JetNet order
/// `[etarel, phirel, ptrel, (mask)]` unless its documentation says otherwise, and every
/// sampling metric takes an explicit `seed`.
public enum Metrics {}

/// A metric's value with its spread over bootstrap batches (or its fit error, for FPD).
public struct MetricValue: Sendable, Equatable, Codable {
    /// The metric's value (the mean over batches, or the extrapolated value for FPD).
    public var value: Double
    /// Its uncertainty: the standard deviation over batches, or FPD's fit error.
    public var error: Double

    /// Makes a value with its uncertainty.
    public init(value: Double, error: Double) {
        self.value = value
        self.error = error
    }
}
