// STAND-IN until helper `physics`'s public frechetDistance(mu1:sigma1:mu2:sigma2:) reaches main;
// then Metrics.fpnd calls theirs and this file is deleted. Same method as theirs: symmetric
// eigen-decompositions, tr sqrt(s1 s2) = sum sqrt(eig(sqrt(s1) s2 sqrt(s1))).
import CBLAS
import CLAPACK
import JetNetCore

func fpndFrechetStandIn(mu1: [Double], sigma1: NDArray<Double>, mu2: [Double], sigma2: NDArray<Double>) throws -> Double {
    let n = mu1.count
    func symEig(_ a: [Double]) -> ([Double], [Double]) {
        var m = a; var w = [Double](repeating: 0, count: n)
        _ = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, 86, 85, Int32(n), &m, Int32(n), &w)
        return (w, m)
    }
    let (w1, v1) = symEig(sigma1.storage)
    var vs = v1
    for r in 0..<n { for c in 0..<n { vs[r * n + c] *= max(w1[c], 0).squareRoot() } }
    var sq = [Double](repeating: 0, count: n * n)
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), Int32(n), 1, vs, Int32(n), v1, Int32(n), 0, &sq, Int32(n))
    var t = [Double](repeating: 0, count: n * n)
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, sq, Int32(n), sigma2.storage, Int32(n), 0, &t, Int32(n))
    var m = [Double](repeating: 0, count: n * n)
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, t, Int32(n), sq, Int32(n), 0, &m, Int32(n))
    let (w, _) = symEig(m)
    var tr = 0.0
    for x in w { tr += max(x, 0).squareRoot() }
    var d = 0.0
    for i in 0..<n { d += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]) + sigma1.storage[i * n + i] + sigma2.storage[i * n + i] }
    return d - 2 * tr
}
