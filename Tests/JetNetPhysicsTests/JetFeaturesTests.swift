import Foundation
import JetNetCore
import Testing
import JetNetTestSupport
@testable import JetNetPhysics

@Suite("Jet features")
struct JetFeaturesTests {
    @Test("Same formulas as jetnet evaluated in float64 (first 200 g jets)")
    func matchesFloat64Reference() throws {
        let golden = try Fixture.json()
        let reference = golden["float64_jet_features_g_first200"]
        let features = try JetFeatures.compute(Fixture.gluonJets().selectingLast([0, 1, 2]))
        #expect(features.count == 200)
        // The mass is a cancellation t^2 - |p|^2, so compare m^2 on the scale of pt^2.
        for (m, (expected, pt)) in zip(features.mass, zip(reference["mass"].doubles, features.pt)) {
            #expect(abs(m * m - expected * expected) <= 1e-13 * pt * pt, "mass: \(m) vs \(expected)")
        }
        for (name, values) in [("pt", features.pt), ("eta", features.eta), ("phi", features.phi)] {
            let expected = reference[name].doubles
            for (a, b) in zip(values, expected) {
                #expect(agrees(a, b, relative: 1e-12, absolute: 1e-15), "\(name): \(a) vs \(b)")
            }
        }
    }

    @Test("jetnet's values (float32 arithmetic) within float32 rounding")
    func matchesJetNetGolden() throws {
        let golden = try Fixture.json()
        let jets = try Fixture.gluonJets()
        let massive = NDArray.concatenate([jets.rows(0..<50)]).selectingLast([0, 1, 2, 2])
        // The mass column is 0.01 * |ptrel| in float32, as the golden script built it.
        let withMass = NDArray(shape: massive.shape, storage: massive.storage.enumerated().map { index, value in
            index % 4 == 3 ? abs(value) * Float(0.01) : value
        })
        for (key, input) in [("jet_features_g_first200", jets.rows(0..<200).selectingLast([0, 1, 2])),
                             ("jet_features_with_mass_first50", withMass)] {
            let expected = golden[key]
            let features = try JetFeatures.compute(input)
            let pt = expected["pt"].doubles, mass = expected["mass"].doubles, eta = expected["eta"].doubles
            #expect(pt.count == features.count)
            for jet in 0..<features.count {
                // jetnet's mass comes from a float32 cancellation t^2 - |p|^2, good to ~1e-7 pt^2.
                #expect(abs(features.mass[jet] * features.mass[jet] - mass[jet] * mass[jet]) <= 2e-6 * pt[jet] * pt[jet])
                #expect(agrees(features.pt[jet], pt[jet], relative: 1e-6))
                #expect(abs(features.eta[jet] - eta[jet]) <= 1e-7)
            }
        }
    }

    @Test("A single jet [particles, features] gives one value")
    func singleJet() throws {
        let golden = try Fixture.json()["jet_features_t_jet5"]
        let features = try JetFeatures.compute(Fixture.floats("t30_jet5").selectingLast([0, 1, 2]))
        #expect(features.count == 1)
        let (pt, mass, eta) = (golden["pt"].double, golden["mass"].double, golden["eta"].double)
        #expect(agrees(features.pt[0], pt, relative: 1e-6))
        #expect(abs(features.mass[0] * features.mass[0] - mass * mass) <= 2e-6 * pt * pt)
        #expect(abs(features.eta[0] - eta) <= 1e-7)
    }

    @Test("Analytic: two back-to-back massless particles")
    func analyticTwoParticles() throws {
        // pt 1 at phi 0 and phi pi/2, eta 0: p = (1, 1, 0), E = 2, m^2 = 4 - 2 = 2.
        let jet = NDArray<Double>(shape: [2, 3], storage: [0, 0, 1, 0, .pi / 2, 1])
        let features = try JetFeatures.compute(jet)
        #expect(agrees(features.mass[0], 2.0.squareRoot(), relative: 1e-15))
        #expect(agrees(features.pt[0], 2.0.squareRoot(), relative: 1e-15))
        #expect(abs(features.eta[0]) < 1e-15)
        #expect(agrees(features.phi[0], .pi / 4, relative: 1e-15))
    }

    @Test("Empty (all-zero) jets give zeros, not NaN")
    func emptyJets() throws {
        let features = try JetFeatures.compute(NDArray<Float>(zeros: [3, 30, 3]))
        #expect(features.mass == [0, 0, 0] && features.pt == [0, 0, 0] && features.eta == [0, 0, 0] && features.phi == [0, 0, 0])
        let none = try JetFeatures.compute(NDArray<Float>(zeros: [0, 30, 3]))
        #expect(none.count == 0)
    }

    @Test("Bad input throws", arguments: [[30], [2, 30, 2], [1, 2, 30, 3], [30, 2]])
    func badInput(shape: [Int]) {
        #expect(throws: PhysicsError.self) { try JetFeatures.compute(NDArray<Float>(zeros: shape)) }
    }
}
