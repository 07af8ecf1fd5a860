import Foundation
import JetNetCore
import Testing
import JetNetTestSupport
@testable import JetNetMetrics

/// EMD values, matrices and flows against energyflow 1.4.0 (golden/emd.json and cases computed
/// with energyflow by scripts/fixtures/emd_fixtures.py).
///
/// The requirement is 1e-9 relative. Jets without zero-pt padding are also checked bit for bit
/// (`exact`): the solver repeats Wasserstein's pivots and its -ffast-math arithmetic, and these
/// cases use only IEEE-exact operations (+, *, /, sqrt). Padded jets are solved without their
/// padding, so they agree to rounding only.
@Suite struct EMDGoldenTests {
    let fixture = EMDFixture.shared

    func expectMatrix(_ actual: NDArray<Double>, _ expected: [[Double]], exact: Bool = false) {
        #expect(actual.shape == [expected.count, expected.first?.count ?? 0])
        for (index, value) in expected.flatMap({ $0 }).enumerated() {
            let got = actual.storage[index]
            #expect(isClose(got, value, relative: 1e-9), "entry \(index): \(got) vs \(value)")
            if exact { #expect(got == value, "entry \(index) not bit-identical: \(got) vs \(value)") }
        }
    }

    @Test func pairwiseDefaultMatchesEnergyflow() throws {
        let emds = try Metrics.emds(jetArray(fixture.g12), jetArray(fixture.t10))
        expectMatrix(emds, fixture.emds_g12_t10_R1, exact: true)
    }

    @Test func pairwiseRadiusAndBetaMatchEnergyflow() throws {
        let emds = try Metrics.emds(jetArray(fixture.g12), jetArray(fixture.t10), R: 0.4, beta: 2)
        expectMatrix(emds, fixture.emds_g12_t10_R04_beta2, exact: true)
    }

    @Test func normalisedMatchesEnergyflow() throws {
        let value = try Metrics.emd(jetArray(fixture.g12[0]), jetArray(fixture.t10[0]), norm: true)
        #expect(isClose(value, fixture.emd_g0_t0_norm))
        #expect(value == fixture.emd_g0_t0_norm)
    }

    @Test(arguments: [("g1_t1", false), ("t1_g1", true)])
    func flowMatchesEnergyflow(name: String, reversed: Bool) throws {
        let g = jetArray(fixture.g12[1])
        let t = jetArray(fixture.t10[1])
        let expected = reversed ? fixture.extra.emd_t1_g1_flow : fixture.emd_g1_t1_flow
        let result = try reversed ? Metrics.emdWithFlow(t, g) : Metrics.emdWithFlow(g, t)
        #expect(result.distance == expected.value)
        // The extra particle is the last column when the second jet has less pt, else the last row.
        expectMatrix(result.flow, expected.flow, exact: true)
    }

    @Test func zeroPtPaddingMatchesEnergyflow() throws {
        let emds = try Metrics.emds(jetArray(fixture.extra.padded_g4), jetArray(fixture.extra.padded_t4))
        expectMatrix(emds, fixture.extra.emds_padded)
    }

    @Test func normalisedPairwiseWithPaddingMatchesEnergyflow() throws {
        let emds = try Metrics.emds(jetArray(fixture.extra.padded_g4), jetArray(fixture.extra.padded_t4), norm: true)
        expectMatrix(emds, fixture.extra.emds_padded_norm)
    }

    @Test func periodicPhiWithFractionalBetaMatchesEnergyflow() throws {
        let emds = try Metrics.emds(jetArray(Array(fixture.g12[0..<4])), jetArray(fixture.extra.shifted_t4),
                                    R: 0.8, beta: 0.5, periodicPhi: true)
        expectMatrix(emds, fixture.extra.emds_shifted_periodic_R08_beta05)
    }

    @Test func degenerateOptimumGivesEnergyflowsFlow() throws {
        let result = try Metrics.emdWithFlow(jetArray(fixture.extra.tie0), jetArray(fixture.extra.tie1))
        #expect(result.distance == fixture.extra.emd_tie_flow.value)
        // Several plans are optimal; energyflow's pivots pick this one.
        expectMatrix(result.flow, fixture.extra.emd_tie_flow.flow, exact: true)
    }

    @Test func floatInputGivesTheSameAsDoubleInput() throws {
        // JetNet data are float32; widening to Double is exact, so both paths agree bit for bit.
        let a = jetArray(fixture.g12).converted(to: Float.self)
        let b = jetArray(fixture.t10).converted(to: Float.self)
        let fromFloat = try Metrics.emds(a, b)
        let fromDouble = try Metrics.emds(a.converted(to: Double.self), b.converted(to: Double.self))
        #expect(fromFloat == fromDouble)
        expectMatrix(fromFloat, fixture.emds_g12_t10_R1, exact: true)
    }
}
