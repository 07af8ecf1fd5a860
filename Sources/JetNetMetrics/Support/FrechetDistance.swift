import CBLAS
import CLAPACK
import Foundation
import JetNetCore

/// The Fréchet distance between two multivariate Gaussians `N(mu1, sigma1)` and `N(mu2, sigma2)`:
/// `|mu1 - mu2|^2 + tr(sigma1) + tr(sigma2) - 2 tr(sqrt(sigma1 sigma2))`.
///
/// jetnet (after pytorch-fid) takes `trace(scipy.linalg.sqrtm(sigma1 @ sigma2))`, a Schur
/// decomposition of a non-symmetric product that loses accuracy (and may turn complex) when the
/// covariances are nearly singular, as EFP covariances are. Here the same trace comes from a
/// symmetric eigenvalue problem: with `sigma1 = B B^T` (its Cholesky factor, or `B = Q sqrt(L)`
/// from its eigen-decomposition `Q L Q^T` when `sigma1` is singular), `sigma1 sigma2` is similar
/// to the symmetric `B^T sigma2 B`, so `tr(sqrt(sigma1 sigma2)) = sum(sqrt(eigenvalues(B^T sigma2 B)))`
/// (LAPACK `dsyevd`), with tiny negative eigenvalues (rounding) clipped to zero. No diagonal
/// offset is ever needed.
///
/// With `method: .productEigenvalues` the trace is instead `sum(Re(sqrt(eigenvalues(sigma1 sigma2))))`
/// from LAPACK's general eigen-solver — the diagonal of SciPy's Schur-based `sqrtm`, so this
/// matches jetnet to ~1e-13. On nearly singular covariances the two methods differ only in how
/// they treat noise-level eigenvalues (~1e-18, whose square roots add ~1e-9 each), i.e. at the
/// problem's own rounding floor.
///
/// - Parameters:
///   - mu1: mean of the first distribution, shape `[features]`.
///   - sigma1: covariance of the first distribution, shape `[features, features]`, symmetric
///     positive semi-definite.
///   - mu2: mean of the second distribution, shape `[features]`.
///   - sigma2: covariance of the second distribution, shape `[features, features]`.
///   - method: how `tr(sqrt(sigma1 sigma2))` is computed (default `.symmetricEigen`).
/// - Returns: the squared Fréchet distance (>= 0 up to rounding).
/// - Throws: ``MetricError`` when the shapes disagree or an input holds NaN or infinity.
public func frechetDistance(
    mu1: [Double], sigma1: NDArray<Double>, mu2: [Double], sigma2: NDArray<Double>,
    method: FrechetTraceMethod = .symmetricEigen
) throws -> Double {
    let d = mu1.count
    guard mu2.count == d else {
        throw MetricError.shapeMismatch(first: "mu1", firstShape: [d], second: "mu2", secondShape: [mu2.count])
    }
    for (name, sigma) in [("sigma1", sigma1), ("sigma2", sigma2)] where sigma.shape != [d, d] {
        throw MetricError.shapeMismatch(first: "mu1", firstShape: [d], second: name, secondShape: sigma.shape)
    }
    for (name, values) in [("mu1", mu1), ("mu2", mu2), ("sigma1", sigma1.storage), ("sigma2", sigma2.storage)] {
        if let bad = values.firstIndex(where: { !$0.isFinite }) { throw MetricError.nonFinite(array: name, index: bad) }
    }
    return FrechetMath.distance(mu1: mu1, sigma1: sigma1.storage, mu2: mu2, sigma2: sigma2.storage, dimension: d, method: method)
}

/// How ``frechetDistance(mu1:sigma1:mu2:sigma2:method:)`` computes `tr(sqrt(sigma1 sigma2))`.
public enum FrechetTraceMethod: String, Sendable, CaseIterable {
    /// Eigenvalues of the symmetric `B^T sigma2 B` with `sigma1 = B B^T` (Cholesky, or an
    /// eigen-decomposition for a singular `sigma1`), one eigenvalues-only `dsyevd`.
    case symmetricEigen
    /// Eigenvalues of the product `sigma1 sigma2` (`dgeev`), as SciPy's `sqrtm` trace.
    case productEigenvalues
}

/// The unchecked arithmetic behind ``frechetDistance(mu1:sigma1:mu2:sigma2:)``, on row-major buffers.
enum FrechetMath {
    static func distance(mu1: [Double], sigma1: [Double], mu2: [Double], sigma2: [Double], dimension d: Int,
                         method: FrechetTraceMethod) -> Double {
        // LAPACK's eigen-solvers round differently with different BLAS thread counts.
        SingleThreadedBLAS.run { unscopedDistance(mu1: mu1, sigma1: sigma1, mu2: mu2, sigma2: sigma2, dimension: d, method: method) }
    }

    private static func unscopedDistance(mu1: [Double], sigma1: [Double], mu2: [Double], sigma2: [Double], dimension d: Int,
                                         method: FrechetTraceMethod) -> Double {
        var meanTerm = 0.0
        for k in 0..<d { meanTerm += (mu1[k] - mu2[k]) * (mu1[k] - mu2[k]) }
        var traces = 0.0
        for k in 0..<d { traces += sigma1[k * d + k] + sigma2[k * d + k] }
        let trace = method == .symmetricEigen
            ? traceSqrtProduct(sigma1, sigma2, dimension: d) : traceSqrtProductEigenvalues(sigma1, sigma2, dimension: d)
        return meanTerm + traces - 2 * trace
    }

    /// `sum(Re(sqrt(eigenvalues(a b))))` with the principal complex square root.
    static func traceSqrtProductEigenvalues(_ a: [Double], _ b: [Double], dimension d: Int) -> Double {
        guard d > 0 else { return 0 }
        var product = [Double](repeating: 0, count: d * d)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(d), Int32(d), Int32(d), 1, a, Int32(d), b, Int32(d), 0, &product, Int32(d))
        var real = [Double](repeating: 0, count: d), imaginary = real
        var left = [Double](repeating: 0, count: 1), right = left
        let none = Int8(UInt8(ascii: "N"))
        guard LAPACKE_dgeev(LAPACK_ROW_MAJOR, none, none, Int32(d), &product, Int32(d), &real, &imaginary, &left, 1, &right, 1) == 0 else {
            return .nan
        }
        var trace = 0.0
        for k in 0..<d {
            let (x, y) = (real[k], imaginary[k])
            if y == 0 {
                trace += x > 0 ? x.squareRoot() : 0
            } else {
                // Re(sqrt(x + iy)) = sqrt((|z| + x) / 2), written to avoid cancellation for x < 0.
                let modulus = (x * x + y * y).squareRoot()
                trace += x >= 0 ? ((modulus + x) / 2).squareRoot() : abs(y) / (2 * ((modulus - x) / 2).squareRoot())
            }
        }
        return trace
    }

    /// `tr(sqrt(a b))` for symmetric positive semi-definite `a` and `b` (`d x d`, row-major).
    ///
    /// With `a = L L^T` (Cholesky), `a b` is similar to the symmetric `L^T b L`, so the trace is
    /// the sum of the square roots of its eigenvalues: one factorisation, two triangular products
    /// and one eigenvalues-only `dsyevd`. A singular `a` (no Cholesky factor) takes its
    /// eigen-decomposition instead (``traceSqrtProductByEigenvectors(_:_:dimension:)``).
    static func traceSqrtProduct(_ a: [Double], _ b: [Double], dimension d: Int) -> Double {
        guard d > 0 else { return 0 }
        var factor = a
        guard LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(d), &factor, Int32(d)) == 0 else {
            return traceSqrtProductByEigenvectors(a, b, dimension: d)
        }
        // m = L^T b L; dtrmm reads only the factor's lower triangle.
        var m = b
        cblas_dtrmm(CblasRowMajor, CblasRight, CblasLower, CblasNoTrans, CblasNonUnit, Int32(d), Int32(d), 1, factor, Int32(d), &m, Int32(d))
        cblas_dtrmm(CblasRowMajor, CblasLeft, CblasLower, CblasTrans, CblasNonUnit, Int32(d), Int32(d), 1, factor, Int32(d), &m, Int32(d))
        return sumOfEigenvalueRoots(&m, dimension: d)
    }

    /// `tr(sqrt(a b))` from `a = Q diag(l) Q^T` (`dsyevd`): with `B = Q sqrt(l)`, `a b` is similar
    /// to the symmetric `B^T b B`; for any positive semi-definite `a`.
    static func traceSqrtProductByEigenvectors(_ a: [Double], _ b: [Double], dimension d: Int) -> Double {
        guard d > 0 else { return 0 }
        // a = Q diag(l) Q^T; dsyevd leaves Q in place of a (row-major: eigenvectors in columns).
        var q = a
        var l = [Double](repeating: 0, count: d)
        guard LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(d), &q, Int32(d), &l) == 0 else {
            return .nan
        }
        // B = Q sqrt(l): scale column j by sqrt(max(l_j, 0)).
        for j in 0..<d {
            let root = max(l[j], 0).squareRoot()
            for i in 0..<d { q[i * d + j] *= root }
        }
        // M = B^T b B, symmetric.
        var bB = [Double](repeating: 0, count: d * d)
        var m = [Double](repeating: 0, count: d * d)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(d), Int32(d), Int32(d), 1, b, Int32(d), q, Int32(d), 0, &bB, Int32(d))
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(d), Int32(d), Int32(d), 1, q, Int32(d), bB, Int32(d), 0, &m, Int32(d))
        return sumOfEigenvalueRoots(&m, dimension: d)
    }

    /// The sum of the square roots of a symmetric matrix's eigenvalues (`d x d`, row-major,
    /// overwritten), tiny negative ones (rounding) taken as zero; the two triangles are averaged
    /// first, so rounding in either counts alike.
    private static func sumOfEigenvalueRoots(_ m: inout [Double], dimension d: Int) -> Double {
        for i in 0..<d {
            for j in (i + 1)..<d {
                let average = 0.5 * (m[i * d + j] + m[j * d + i])
                m[i * d + j] = average
                m[j * d + i] = average
            }
        }
        var eigenvalues = [Double](repeating: 0, count: d)
        guard LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), Int8(UInt8(ascii: "U")), Int32(d), &m, Int32(d), &eigenvalues) == 0 else {
            return .nan
        }
        return eigenvalues.reduce(0) { $0 + max($1, 0).squareRoot() }
    }
}
