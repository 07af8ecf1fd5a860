import Foundation
import Testing
import JetNetTestSupport
@testable import JetNetMetrics

@Suite("Bounded linear fit (scipy curve_fit with bounds)")
struct BoundedLinearFitTests {
    static let cases = (try? FPDKPDFixture.reference()["curve_fit_cases"].count) ?? 0

    /// scipy's finite-difference Jacobian (step 1.5e-8) carries ~1e-8 relative rounding noise, so
    /// the iterates agree to ~1e-7, well inside FPD's 1e-6.
    @Test("Same parameters and intercept error as scipy 1.17 curve_fit", arguments: 0..<cases)
    func matchesScipy(index: Int) throws {
        let fit = try FPDKPDFixture.reference()["curve_fit_cases"][index]
        let result = BoundedLinearFit(x: fit["x"].doubles, y: fit["y"].doubles)
        let params = fit["params"].doubles
        let variance = fit["pcov"][0][0].double
        #expect(agrees(result.intercept, params[0], relative: 1e-6, absolute: 1e-15), "intercept \(result.intercept) vs \(params[0])")
        #expect(agrees(result.slope, params[1], relative: 1e-6, absolute: 1e-15), "slope \(result.slope) vs \(params[1])")
        if variance.isInfinite {
            #expect(result.interceptError.isInfinite)
        } else {
            #expect(agrees(result.interceptError, variance.squareRoot(), relative: 1e-6), "error \(result.interceptError) vs \(variance.squareRoot())")
        }
    }

    @Test("Parameters never leave the bounds")
    func staysFeasible() {
        let x = [1.0 / 20000, 1.0 / 30000, 1.0 / 50000]
        let fit = BoundedLinearFit(x: x, y: x.map { -3 - 2 * $0 })
        #expect(fit.intercept >= 0 && fit.slope >= 0)
    }
}
