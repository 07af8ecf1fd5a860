import Foundation
import JetNetCore
import Testing
import JetNetTestSupport
@testable import JetNetMetrics

@Suite("Fréchet distance")
struct FrechetDistanceTests {
    static func moments(_ x: NDArray<Double>) -> ([Double], NDArray<Double>) {
        let (n, d) = (x.shape[0], x.shape[1])
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n { for k in 0..<d { mean[k] += x.storage[i * d + k] } }
        mean = mean.map { $0 / Double(n) }
        var cov = [Double](repeating: 0, count: d * d)
        for i in 0..<n {
            for a in 0..<d {
                let da = x.storage[i * d + a] - mean[a]
                for b in 0..<d { cov[a * d + b] += da * (x.storage[i * d + b] - mean[b]) }
            }
        }
        return (mean, NDArray(shape: [d, d], storage: cov.map { $0 / Double(n - 1) }))
    }

    @Test("EFP moments of g vs t: jetnet's value on the same features and the golden")
    func efpMoments() throws {
        let (mu1, sigma1) = Self.moments(try FPDKPDFixture.features("g"))
        let (mu2, sigma2) = Self.moments(try FPDKPDFixture.features("t"))
        let value = try frechetDistance(mu1: mu1, sigma1: sigma1, mu2: mu2, sigma2: sigma2)
        let reference = try FPDKPDFixture.reference()
        #expect(agrees(value, reference["on_fixture_features"]["frechet_distance_g_t"].double, relative: 1e-6))
        // The golden used the unrounded features; float32 rounding moves it by ~1e-10 relative.
        #expect(agrees(value, reference["golden"]["frechet_distance_g_t_efp_moments"].double, relative: 1e-6))
    }

    @Test("Analytic: 1-D Gaussians give (mu1 - mu2)^2 + (s1 - s2)^2")
    func oneDimensional() throws {
        let value = try frechetDistance(mu1: [1], sigma1: NDArray(shape: [1, 1], storage: [4]),
                                        mu2: [3], sigma2: NDArray(shape: [1, 1], storage: [9]))
        #expect(abs(value - (4 + 1)) < 1e-12)
    }

    @Test("Commuting covariances: sum of (sqrt a - sqrt b)^2 over the eigenvalues")
    func diagonal() throws {
        let a = NDArray<Double>(shape: [3, 3], storage: [4, 0, 0, 0, 1, 0, 0, 0, 0])
        let b = NDArray<Double>(shape: [3, 3], storage: [1, 0, 0, 0, 9, 0, 0, 0, 16])
        let value = try frechetDistance(mu1: [0, 0, 0], sigma1: a, mu2: [0, 0, 0], sigma2: b)
        #expect(abs(value - (1 + 4 + 16)) < 1e-12)
        #expect(abs(try frechetDistance(mu1: [1, 2, 3], sigma1: b, mu2: [1, 2, 3], sigma2: b)) < 1e-12)
    }

    @Test("Bad input throws")
    func badInput() {
        let s = NDArray<Double>(shape: [2, 2], storage: [1, 0, 0, 1])
        #expect(throws: MetricError.self) { try frechetDistance(mu1: [0, 0], sigma1: s, mu2: [0], sigma2: s) }
        #expect(throws: MetricError.self) {
            try frechetDistance(mu1: [0, 0], sigma1: s, mu2: [0, 0], sigma2: NDArray(shape: [1, 1], storage: [1]))
        }
        #expect(throws: MetricError.self) { try frechetDistance(mu1: [.nan, 0], sigma1: s, mu2: [0, 0], sigma2: s) }
    }
}
