/// Coverage and minimum matching distance, the pair ``Metrics/covMMD(real:gen:samples:batches:seed:)`` returns.
public struct CovMMD: Sendable, Equatable, Codable {
    /// Coverage (higher is better, at most 1).
    public var cov: Double
    /// Minimum matching distance (lower is better).
    public var mmd: Double

    /// Makes a coverage and MMD pair.
    public init(cov: Double, mmd: Double) {
        self.cov = cov
        self.mmd = mmd
    }
}
