import CBLAS
import JetNetCore
import Testing
@testable import JetNetMetrics

/// OpenBLAS's LAPACK rounds differently with one thread than with two, and the thread count is
/// process-wide: a metric must give the same bits whatever the count is when it is called.
@Suite("Results do not depend on the process's BLAS thread count")
struct BLASThreadCountTests {
    /// Two 256 x 256 sample covariances (FPND's width) of seeded normal data.
    static func covariances() -> (NDArray<Double>, NDArray<Double>) {
        var rng = NumPyGenerator(seed: 11)
        let (rows, d) = (400, 256)
        func covariance() -> NDArray<Double> {
            let x = rng.random(count: rows * d).map { $0 - 0.5 }
            var c = [Double](repeating: 0, count: d * d)
            for i in 0..<rows { for a in 0..<d { for b in 0..<d { c[a * d + b] += x[i * d + a] * x[i * d + b] } } }
            return NDArray(shape: [d, d], storage: c.map { $0 / Double(rows - 1) })
        }
        return (covariance(), covariance())
    }

    @Test("Fréchet distance with 1 and 2 BLAS threads", arguments: FrechetTraceMethod.allCases)
    func frechet(method: FrechetTraceMethod) throws {
        let (sigma1, sigma2) = Self.covariances()
        let mu = [Double](repeating: 0.1, count: 256)
        let before = openblas_get_num_threads()
        defer { SingleThreadedBLAS.setProcessThreadCount(before) }
        var values: [Double] = []
        for threads: Int32 in [2, 1, 2] {
            // Only between other tests' BLAS scopes: changing the count inside one would
            // change their numbers, which is exactly what this suite guards against.
            SingleThreadedBLAS.setProcessThreadCount(threads)
            values.append(try frechetDistance(mu1: mu, sigma1: sigma1, mu2: [Double](repeating: 0, count: 256), sigma2: sigma2, method: method))
        }
        #expect(values[0] == values[1] && values[1] == values[2])
        #expect(values[0] > 0)
    }
}
