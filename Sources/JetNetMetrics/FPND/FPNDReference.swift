import Foundation
import JetNetCore

/// The mean and covariance of ParticleNet activations on real jets that FPND compares with.
///
/// jetnet ships them for JetNet jets with 30 particles, jet types g, q and t (computed on the
/// "valid" part of a 70/30 split of the real dataset); ``jetNet(jetType:)`` loads those.
public struct FPNDReference: Sendable {
    /// The activation mean, `[width]`.
    public var mean: [Double]
    /// The activation covariance, `[width, width]`, row-major and symmetric.
    public var covariance: NDArray<Double>

    /// The jet types jetnet has statistics for.
    public static let jetTypes = ["g", "q", "t"]

    /// Makes reference statistics, e.g. from your own network's activations on real jets.
    ///
    /// - Parameters:
    ///   - mean: `[width]`.
    ///   - covariance: `[width, width]`.
    public init(mean: [Double], covariance: NDArray<Double>) {
        self.mean = mean
        self.covariance = covariance
    }

    /// jetnet's stored statistics for a JetNet jet type (`fpnd_resources/jetnet/30_particles`).
    ///
    /// - Parameter jetType: `"g"`, `"q"` or `"t"`.
    /// - Returns: a 256-wide mean and 256 x 256 covariance.
    /// - Throws: ``MetricError/unsupportedJetType(_:supported:)`` for other jet types (jetnet has
    ///   no statistics for w and z), ``MetricError/badResource(path:reason:)`` if the bundled
    ///   files are missing or malformed.
    public static func jetNet(jetType: String) throws(MetricError) -> FPNDReference {
        guard jetTypes.contains(jetType) else { throw .unsupportedJetType(jetType, supported: jetTypes) }
        return try cache.withLock { cached throws(MetricError) in
            if let reference = cached[jetType] { return reference }
            let reference = try load(jetType: jetType)
            cached[jetType] = reference
            return reference
        }
    }

    private static let cache = LockedCache()

    /// Reads `<type>_mu.npy` and the packed upper triangle `<type>_sigma_triu.npy`
    /// (written by scripts/fixtures/convert_fpnd_stats.py from jetnet's text files).
    private static func load(jetType: String) throws(MetricError) -> FPNDReference {
        let meanURL = try ParticleNet.resourceURL("\(jetType)_mu", extension: "npy")
        let triangleURL = try ParticleNet.resourceURL("\(jetType)_sigma_triu", extension: "npy")
        let mean: NDArray<Double>
        let triangle: NDArray<Double>
        do {
            mean = try NPYFile.read(meanURL, as: Double.self)
            triangle = try NPYFile.read(triangleURL, as: Double.self)
        } catch {
            throw .badResource(path: meanURL.deletingLastPathComponent().path, reason: "\(error.localizedDescription)")
        }
        let width = mean.count
        guard mean.rank == 1, triangle.shape == [width * (width + 1) / 2] else {
            throw .badResource(
                path: triangleURL.path,
                reason: "shapes \(mean.shape) and \(triangle.shape) are not a mean and the upper triangle of its covariance")
        }
        var covariance = [Double](repeating: 0, count: width * width)
        var packed = 0
        for row in 0..<width {
            for column in row..<width {
                covariance[row * width + column] = triangle.storage[packed]
                covariance[column * width + row] = triangle.storage[packed]
                packed += 1
            }
        }
        return FPNDReference(mean: mean.storage, covariance: NDArray(shape: [width, width], storage: covariance))
    }
}

/// The loaded references by jet type, behind a lock.
private final class LockedCache: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: FPNDReference] = [:]

    func withLock<R>(_ body: (inout [String: FPNDReference]) throws(MetricError) -> R) throws(MetricError) -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&values)
    }
}
