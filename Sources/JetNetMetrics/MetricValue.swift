/// A metric's value with its uncertainty: the mean over bootstrap batches with their standard
/// deviation (W1), the extrapolated value with the fit's error (FPD), or the median with half
/// the 68% range (KPD).
public struct MetricValue: Sendable, Equatable, Codable {
    /// The metric's value.
    public var value: Double
    /// Its uncertainty.
    public var error: Double

    /// Makes a value with its uncertainty.
    public init(value: Double, error: Double) {
        self.value = value
        self.error = error
    }
}
