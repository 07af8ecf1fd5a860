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

    @Test("Rotated commuting covariances: Cholesky, eigenvector and product-eigenvalue traces agree with the analytic one")
    func rotatedPositiveDefinite() throws {
        // A rotation about (1, 1, 1)/sqrt(3) by 1 radian, so no entry of q is zero.
        let c: Double = cos(1.0), s: Double = sin(1.0)
        let t: Double = (1 - c) / 3, u: Double = s / 3.0.squareRoot()
        let (diagonal, below, above): (Double, Double, Double) = (c + t, t + u, t - u)
        let q: [Double] = [diagonal, above, below, below, diagonal, above, above, below, diagonal]
        func rotated(_ values: [Double]) -> [Double] {
            (0..<9).map { (k: Int) -> Double in
                var sum = 0.0
                for m in 0..<3 { sum += q[(k / 3) * 3 + m] * values[m] * q[(k % 3) * 3 + m] }
                return sum
            }
        }
        let (a, b) = (rotated([4, 1, 2]), rotated([1, 9, 16]))
        let expected: Double = 5 + 4 * 2.0.squareRoot()  // sqrt(4 * 1) + sqrt(1 * 9) + sqrt(2 * 16)
        #expect(abs(FrechetMath.traceSqrtProduct(a, b, dimension: 3) - expected) < 1e-12)
        #expect(abs(FrechetMath.traceSqrtProductByEigenvectors(a, b, dimension: 3) - expected) < 1e-12)
        #expect(abs(FrechetMath.traceSqrtProductEigenvalues(a, b, dimension: 3) - expected) < 1e-12)
        // tr(a) + tr(b) - 2 tr(sqrt(a b)) for equal means.
        let value = try frechetDistance(mu1: [0, 0, 0], sigma1: NDArray(shape: [3, 3], storage: a),
                                        mu2: [0, 0, 0], sigma2: NDArray(shape: [3, 3], storage: b))
        let traces: Double = 7 + 26
        #expect(abs(value - (traces - 2 * expected)) < 1e-11)
    }

    @Test("EFP moments: the Cholesky trace agrees with SciPy's product-eigenvalue trace")
    func efpMomentsMethods() throws {
        let (_, sigma1) = Self.moments(try FPDKPDFixture.features("g"))
        let (_, sigma2) = Self.moments(try FPDKPDFixture.features("t"))
        let cholesky = FrechetMath.traceSqrtProduct(sigma1.storage, sigma2.storage, dimension: sigma1.shape[0])
        let product = FrechetMath.traceSqrtProductEigenvalues(sigma1.storage, sigma2.storage, dimension: sigma1.shape[0])
        let eigenvectors = FrechetMath.traceSqrtProductByEigenvectors(sigma1.storage, sigma2.storage, dimension: sigma1.shape[0])
        // Nearly singular EFP covariances: each method rounds the noise-level eigenvalues
        // differently, and their square roots move the trace by about sqrt(2^-52) = 1.5e-8 of it.
        #expect(agrees(cholesky, product, relative: 1e-7))
        #expect(agrees(cholesky, eigenvectors, relative: 1e-7))
        #expect(agrees(eigenvectors, product, relative: 1e-7))
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
