import CLAPACK
import Foundation

/// The straight-line fit `y = intercept + slope * x` with `intercept, slope >= 0`, computed the
/// way FPD's reference computes it: SciPy's `curve_fit(..., bounds=([0, 0], [inf, inf]))`.
///
/// `curve_fit` with bounds runs `least_squares(method="trf")` from `p0 = [1, 1]` with a
/// two-point finite-difference Jacobian, `x_scale = 1`, `ftol = xtol = gtol = 1e-8` and the exact
/// (SVD) trust-region solver, and stops as soon as a tolerance is met — usually *before* the
/// exact constrained least-squares optimum (on jetnet's own test, twos vs zeros, it returns
/// 1.99996 instead of 2). FPD's published values carry that, so this is a step-by-step port of
/// SciPy 1.17's `trf_bounds` for two parameters rather than the closed-form solution.
/// The error is SciPy's: `pcov = pinv(J^T J) * (sum of squared residuals) / (m - 2)` from the
/// SVD of the final Jacobian, infinite when there are no more points than parameters.
struct BoundedLinearFit: Equatable, Sendable {
    var intercept: Double
    var slope: Double
    /// `sqrt(pcov[0, 0])`.
    var interceptError: Double

    static let eps = Double.ulpOfOne
    static let tolerance = 1e-8

    /// Values of `y` above this are fitted in units of their largest value: SciPy's fit, which
    /// starts at `[1, 1]` and squares the residuals, stalls or overflows far above it.
    static let largestUnscaled = 1e6

    /// Fits `y` against `x` (same length, at least one point, finite values).
    init(x: [Double], y: [Double]) {
        precondition(x.count == y.count && !x.isEmpty, "BoundedLinearFit needs matching, non-empty x and y")
        let largest = y.map(abs).max() ?? 0
        let scale = largest > Self.largestUnscaled ? largest : 1
        let problem = Problem(x: x, y: scale == 1 ? y : y.map { $0 / scale })
        let (solution, cost, jacobian) = problem.solve()
        intercept = solution[0] * scale
        slope = solution[1] * scale
        let m = x.count
        let pcov00 = Self.pseudoInverseGram00(jacobian, rows: m)
        if pcov00.isNaN || !cost.isFinite {
            interceptError = .infinity
        } else if m > 2 {
            interceptError = (pcov00 * (2 * cost) / Double(m - 2)).squareRoot() * scale
        } else {
            interceptError = .infinity
        }
    }

    /// `[pinv(J^T J)]_00` through the SVD of `J` (`m x 2`, row-major), discarding singular values
    /// below `eps * max(m, 2) * s[0]` as SciPy does.
    static func pseudoInverseGram00(_ jacobian: [Double], rows m: Int) -> Double {
        let (s, vt, _) = svd(jacobian, rows: m, columns: 2, wantU: false)
        guard let largest = s.first else { return .nan }
        let threshold = eps * Double(max(m, 2)) * largest
        var value = 0.0
        for k in 0..<s.count where s[k] > threshold {
            let component: Double = vt[2 * k]
            let singular: Double = s[k]
            value += component * component / (singular * singular)
        }
        return value
    }

    /// Thin SVD of a row-major `rows x columns` matrix with LAPACK's `dgesdd` (SciPy's default
    /// driver): singular values and `V^T` (`columns x columns`, row-major), plus `U` if asked.
    static func svd(_ matrix: [Double], rows: Int, columns: Int, wantU: Bool) -> (s: [Double], vt: [Double], u: [Double]) {
        var a = matrix
        let k = min(rows, columns)
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: rows * k)
        var vt = [Double](repeating: 0, count: k * columns)
        let info = SingleThreadedBLAS.run {
            LAPACKE_dgesdd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int32(rows), Int32(columns), &a, Int32(columns),
                           &s, &u, Int32(k), &vt, Int32(columns))
        }
        if info != 0 { return ([], [], []) }
        return (s, vt, u)
    }
}

extension BoundedLinearFit {
    /// The least-squares problem of `curve_fit`: residuals `(a + b * x) - y`, bounds `[0, inf)`.
    struct Problem {
        let x: [Double]
        let y: [Double]
        var m: Int { x.count }

        func residuals(_ p: [Double]) -> [Double] {
            (0..<m).map { (p[0] + p[1] * x[$0]) - y[$0] }
        }

        /// SciPy's `approx_derivative(method="2-point")` with bounds `[0, inf)`, row-major `m x 2`.
        func jacobian(_ p: [Double], _ f0: [Double]) -> [Double] {
            var jacobian = [Double](repeating: 0, count: m * 2)
            let relativeStep = Double.ulpOfOne.squareRoot()
            for i in 0..<2 {
                var h = relativeStep * (p[i] >= 0 ? 1 : -1) * max(1, abs(p[i]))
                // A step that would leave [0, inf) is flipped (it always fits on the other side).
                if p[i] + h < 0 { h = -h }
                var shifted = p
                shifted[i] = p[i] + h
                let dx = (p[i] + h) - p[i]
                let f1 = residuals(shifted)
                for r in 0..<m { jacobian[2 * r + i] = (f1[r] - f0[r]) / dx }
            }
            return jacobian
        }

        /// SciPy's `trf_bounds` for lower bounds 0 and no upper bounds; returns the solution,
        /// its cost (half the sum of squared residuals) and the Jacobian there.
        func solve() -> (x: [Double], cost: Double, jacobian: [Double]) {
            let n = 2
            let tol = BoundedLinearFit.tolerance
            var p = [1.0, 1.0]
            var f = residuals(p)
            var J = jacobian(p, f)
            var cost = 0.5 * dot(f, f)
            var g = gradient(J, f)
            var (v, _) = scaling(p, g)
            var Delta = norm(zip(p, v).map { $0 / $1.squareRoot() })
            if Delta == 0 { Delta = 1 }
            let maxEvaluations = 100 * n
            var evaluations = 1
            var alpha = 0.0
            var terminated = false
            while true {
                let dv: [Double]
                (v, dv) = scaling(p, g)
                let gNorm = zip(g, v).map { abs($0 * $1) }.max()!
                if gNorm < tol { terminated = true }
                if terminated || evaluations == maxEvaluations { break }
                let d = v.map { $0.squareRoot() }
                let diagH = (0..<n).map { g[$0] * dv[$0] }
                let gH = (0..<n).map { d[$0] * g[$0] }
                // Augmented system [J * d; diag(diag_h^0.5)] and its SVD.
                var augmented = [Double](repeating: 0, count: (m + n) * n)
                for r in 0..<m { for c in 0..<n { augmented[r * n + c] = J[r * n + c] * d[c] } }
                for c in 0..<n { augmented[(m + c) * n + c] = diagH[c].squareRoot() }
                let jH = Array(augmented[0..<(m * n)])
                let (s, vt, u) = BoundedLinearFit.svd(augmented, rows: m + n, columns: n, wantU: true)
                // LAPACK refuses non-finite matrices; the last feasible point is the answer.
                guard s.count == n, s.allSatisfy(\.isFinite) else { break }
                var fAugmented = f + [Double](repeating: 0, count: n)
                let k = s.count
                let uf = (0..<k).map { c in (0..<(m + n)).reduce(0.0) { $0 + u[$1 * k + c] * fAugmented[$1] } }
                fAugmented.removeAll()
                let theta = max(0.995, 1 - gNorm)
                var actualReduction = -1.0
                var pNew = p, fNew = f, costNew = cost
                while actualReduction <= 0 && evaluations < maxEvaluations {
                    var stepH: [Double]
                    (stepH, alpha) = trustRegionStep(uf: uf, s: s, vt: vt, Delta: Delta, initialAlpha: alpha)
                    let step0 = (0..<n).map { d[$0] * stepH[$0] }
                    let (step, selectedH, predicted) = selectStep(
                        x: p, jH: jH, diagH: diagH, gH: gH, p: step0, pH: stepH, d: d, Delta: Delta, theta: theta)
                    stepH = selectedH
                    pNew = strictlyFeasible((0..<n).map { p[$0] + step[$0] })
                    fNew = residuals(pNew)
                    evaluations += 1
                    let stepHNorm = norm(stepH)
                    costNew = 0.5 * dot(fNew, fNew)
                    actualReduction = cost - costNew
                    let (DeltaNew, ratio) = updateRadius(Delta, actualReduction, predicted, stepHNorm, stepHNorm > 0.95 * Delta)
                    let stepNorm = norm(step)
                    let ftolMet = actualReduction < tol * cost && ratio > 0.25
                    let xtolMet = stepNorm < tol * (tol + norm(p))
                    if ftolMet || xtolMet { terminated = true; break }
                    alpha *= Delta / DeltaNew
                    Delta = DeltaNew
                }
                if actualReduction > 0 {
                    p = pNew
                    f = fNew
                    cost = costNew
                    J = jacobian(p, f)
                    g = gradient(J, f)
                }
            }
            return (p, cost, J)
        }

        // MARK: SciPy's helpers (scipy/optimize/_lsq/common.py and trf.py), for lb = 0, ub = inf.

        func gradient(_ J: [Double], _ f: [Double]) -> [Double] {
            (0..<2).map { c in (0..<m).reduce(0.0) { $0 + J[$1 * 2 + c] * f[$1] } }
        }

        /// Coleman-Li scaling: `v = x - lb` where the gradient is positive (lb finite).
        func scaling(_ x: [Double], _ g: [Double]) -> ([Double], [Double]) {
            var v = [1.0, 1.0], dv = [0.0, 0.0]
            for i in 0..<2 where g[i] > 0 { v[i] = x[i]; dv[i] = 1 }
            return (v, dv)
        }

        func strictlyFeasible(_ x: [Double]) -> [Double] {
            // rstep = 0: values on (or below) the bound move to the next float above it.
            x.map { $0 <= 0 ? Double.leastNonzeroMagnitude : $0 }
        }

        func trustRegionStep(uf: [Double], s: [Double], vt: [Double], Delta: Double, initialAlpha: Double) -> ([Double], Double) {
            let n = s.count
            let suf = (0..<n).map { s[$0] * uf[$0] }
            let fullRank = m + 2 >= 2 && s[n - 1] > BoundedLinearFit.eps * Double(m + 2) * s[0]
            // V.dot(w) with V = vt^T.
            func vDot(_ w: [Double]) -> [Double] { (0..<2).map { c in (0..<n).reduce(0.0) { $0 + vt[$1 * 2 + c] * w[$1] } } }
            func phi(_ alpha: Double) -> (Double, Double) {
                let denom = s.map { $0 * $0 + alpha }
                let pNorm = norm((0..<n).map { suf[$0] / denom[$0] })
                let prime = -(0..<n).reduce(0.0) { $0 + suf[$1] * suf[$1] / (denom[$1] * denom[$1] * denom[$1]) } / pNorm
                return (pNorm - Delta, prime)
            }
            if fullRank {
                let p = vDot((0..<n).map { uf[$0] / s[$0] }).map { -$0 }
                if norm(p) <= Delta { return (p, 0) }
            }
            var alphaUpper = norm(suf) / Delta
            var alphaLower = 0.0
            if fullRank {
                let (value, prime) = phi(0)
                alphaLower = -value / prime
            }
            var alpha = (!fullRank && initialAlpha == 0)
                ? max(0.001 * alphaUpper, (alphaLower * alphaUpper).squareRoot()) : initialAlpha
            for _ in 0..<10 {
                if alpha < alphaLower || alpha > alphaUpper {
                    alpha = max(0.001 * alphaUpper, (alphaLower * alphaUpper).squareRoot())
                }
                let (value, prime) = phi(alpha)
                if value < 0 { alphaUpper = alpha }
                let ratio = value / prime
                alphaLower = max(alphaLower, alpha - ratio)
                alpha -= (value + Delta) * ratio / Delta
                if abs(value) < 0.01 * Delta { break }
            }
            var p = vDot((0..<n).map { suf[$0] / (s[$0] * s[$0] + alpha) }).map { -$0 }
            let scale = Delta / norm(p)
            p = p.map { $0 * scale }
            return (p, alpha)
        }

        func quadratic(_ jH: [Double], _ gH: [Double], _ s: [Double], diag: [Double]) -> Double {
            let js = (0..<m).map { r in jH[r * 2] * s[0] + jH[r * 2 + 1] * s[1] }
            let q = dot(js, js) + (s[0] * diag[0] * s[0] + s[1] * diag[1] * s[1])
            return 0.5 * q + dot(s, gH)
        }

        func quadratic1D(_ jH: [Double], _ gH: [Double], _ s: [Double], diag: [Double], s0: [Double]? = nil) -> (Double, Double, Double) {
            let v = (0..<m).map { r in jH[r * 2] * s[0] + jH[r * 2 + 1] * s[1] }
            var a = dot(v, v) + (s[0] * diag[0] * s[0] + s[1] * diag[1] * s[1])
            a *= 0.5
            var b = dot(gH, s)
            var c = 0.0
            if let s0 {
                let u = (0..<m).map { r in jH[r * 2] * s0[0] + jH[r * 2 + 1] * s0[1] }
                b += dot(u, v)
                c = 0.5 * dot(u, u) + dot(gH, s0)
                b += s0[0] * diag[0] * s[0] + s0[1] * diag[1] * s[1]
                c += 0.5 * (s0[0] * diag[0] * s0[0] + s0[1] * diag[1] * s0[1])
            }
            return (a, b, c)
        }

        func minimize1D(_ a: Double, _ b: Double, _ lower: Double, _ upper: Double, c: Double = 0) -> (Double, Double) {
            var t = [lower, upper]
            if a != 0 {
                let extremum = -0.5 * b / a
                if lower < extremum && extremum < upper { t.append(extremum) }
            }
            let values = t.map { $0 * (a * $0 + b) + c }
            // argmin: the first minimum.
            var best = 0
            for i in 1..<values.count where values[i] < values[best] { best = i }
            return (t[best], values[best])
        }

        /// Step length to the bounds along `s` and which components hit them.
        func stepToBound(_ x: [Double], _ s: [Double]) -> (Double, [Int]) {
            var steps = [Double.infinity, .infinity]
            for i in 0..<2 where s[i] != 0 {
                steps[i] = max((0 - x[i]) / s[i], (Double.infinity - x[i]) / s[i])
            }
            let smallest = steps.min()!
            return (smallest, (0..<2).map { steps[$0] == smallest ? (s[$0] > 0 ? 1 : (s[$0] < 0 ? -1 : 0)) : 0 })
        }

        func intersectTrustRegion(_ x: [Double], _ s: [Double], _ Delta: Double) -> (Double, Double) {
            let a = dot(s, s), b = dot(x, s), c = dot(x, x) - Delta * Delta
            let d = (b * b - a * c).squareRoot()
            let q = -(b + (b.sign == .minus ? -d : d))
            let t1 = q / a, t2 = c / q
            return t1 < t2 ? (t1, t2) : (t2, t1)
        }

        func selectStep(x: [Double], jH: [Double], diagH: [Double], gH: [Double], p pIn: [Double], pH pHIn: [Double],
                        d: [Double], Delta: Double, theta: Double) -> ([Double], [Double], Double) {
            var p = pIn, pH = pHIn
            if (0..<2).allSatisfy({ x[$0] + p[$0] >= 0 }) {
                return (p, pH, -quadratic(jH, gH, pH, diag: diagH))
            }
            let (pStride, hits) = stepToBound(x, p)
            var rH = pH
            for i in 0..<2 where hits[i] != 0 { rH[i] *= -1 }
            var r = (0..<2).map { d[$0] * rH[$0] }
            p = p.map { $0 * pStride }
            pH = pH.map { $0 * pStride }
            let xOnBound = (0..<2).map { x[$0] + p[$0] }
            let (_, toTR) = intersectTrustRegion(pH, rH, Delta)
            let (toBound, _) = stepToBound(xOnBound, r)
            var rStride = min(toBound, toTR)
            let rStrideLower: Double, rStrideUpper: Double
            if rStride > 0 {
                rStrideLower = (1 - theta) * pStride / rStride
                rStrideUpper = rStride == toBound ? theta * toBound : toTR
            } else {
                rStrideLower = 0
                rStrideUpper = -1
            }
            var rValue = Double.infinity
            if rStrideLower <= rStrideUpper {
                let (a, b, c) = quadratic1D(jH, gH, rH, diag: diagH, s0: pH)
                (rStride, rValue) = minimize1D(a, b, rStrideLower, rStrideUpper, c: c)
                rH = (0..<2).map { rH[$0] * rStride + pH[$0] }
                r = (0..<2).map { rH[$0] * d[$0] }
            }
            p = p.map { $0 * theta }
            pH = pH.map { $0 * theta }
            let pValue = quadratic(jH, gH, pH, diag: diagH)
            var agH = gH.map { -$0 }
            var ag = (0..<2).map { d[$0] * agH[$0] }
            let toTRG = Delta / norm(agH)
            let (toBoundG, _) = stepToBound(x, ag)
            let agStrideLimit = toBoundG < toTRG ? theta * toBoundG : toTRG
            let (a, b, _) = quadratic1D(jH, gH, agH, diag: diagH)
            let (agStride, agValue) = minimize1D(a, b, 0, agStrideLimit)
            agH = agH.map { $0 * agStride }
            ag = ag.map { $0 * agStride }
            if pValue < rValue && pValue < agValue { return (p, pH, -pValue) }
            if rValue < pValue && rValue < agValue { return (r, rH, -rValue) }
            return (ag, agH, -agValue)
        }

        func updateRadius(_ Delta: Double, _ actual: Double, _ predicted: Double, _ stepNorm: Double, _ boundHit: Bool) -> (Double, Double) {
            let ratio: Double
            if predicted > 0 { ratio = actual / predicted }
            else if predicted == actual && actual == 0 { ratio = 1 }
            else { ratio = 0 }
            if ratio < 0.25 { return (0.25 * stepNorm, ratio) }
            if ratio > 0.75 && boundHit { return (Delta * 2, ratio) }
            return (Delta, ratio)
        }

        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0.0) { $0 + $1.0 * $1.1 } }
        func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }
    }
}
