import Foundation
import JetNetCore
import Testing
import JetNetTestSupport
@testable import JetNetPhysics

@Suite("Coordinate transforms")
struct CoordinateTransformsTests {
    typealias CT = CoordinateTransforms

    static func expectClose(_ actual: NDArray<Double>, _ name: String) throws {
        let expected = try Fixture.doubles("coords_\(name)")
        #expect(actual.shape == expected.shape, "\(name) shape")
        var worst = 0.0
        for (a, b) in zip(actual.storage, expected.storage) {
            // Angles and pseudorapidities near zero: absolute 1e-12; everything else relative 1e-9.
            if !agrees(a, b, relative: 1e-9, absolute: 1e-12) { worst = max(worst, abs(a - b)) }
        }
        #expect(worst == 0, "\(name): worst difference \(worst)")
    }

    @Test("Cartesian -> polar, rapidity and relative coordinates (jetnet golden)")
    func fromCartesian() throws {
        let input = try Fixture.doubles("coords_cartesian_input")
        try Self.expectClose(try CT.cartesianToEtaPhiPtE(input), "cartesian_to_EtaPhiPtE")
        try Self.expectClose(try CT.cartesianToYPhiPtE(input), "cartesian_to_YPhiPtE")
        try Self.expectClose(try CT.cartesianToRelEtaPhiPt(input), "cartesian_to_relEtaPhiPt")
    }

    @Test("Polar and rapidity -> Cartesian, polar -> relative (jetnet golden)")
    func toCartesian() throws {
        try Self.expectClose(try CT.etaPhiPtEToCartesian(Fixture.doubles("coords_cartesian_to_EtaPhiPtE")), "EtaPhiPtE_to_cartesian")
        try Self.expectClose(try CT.etaPhiPtEToRelEtaPhiPt(Fixture.doubles("coords_cartesian_to_EtaPhiPtE")), "EtaPhiPtE_to_relEtaPhiPt")
        try Self.expectClose(try CT.yPhiPtEToCartesian(Fixture.doubles("coords_cartesian_to_YPhiPtE")), "YPhiPtE_to_cartesian")
    }

    @Test("Relative -> absolute with Cartesian or polar jets (jetnet golden)")
    func fromRelative() throws {
        let relative = try Fixture.doubles("coords_cartesian_to_relEtaPhiPt")
        let jets = try Fixture.doubles("coords_jet_cartesian_input")  // [8, 1, 4]
        try Self.expectClose(try CT.relEtaPhiPtToEtaPhiPt(relative, jets: jets), "relEtaPhiPt_to_EtaPhiPt")
        try Self.expectClose(try CT.relEtaPhiPtToCartesian(relative, jets: jets), "relEtaPhiPt_to_cartesian")
        let polarJets = try CT.cartesianToEtaPhiPtE(jets)
        try Self.expectClose(try CT.relEtaPhiPtToEtaPhiPt(relative, jets: polarJets, jetCoordinates: .polar),
                             "relEtaPhiPt_to_EtaPhiPt_polar_jet")
        // Jets without the particle axis broadcast the same way.
        let flatJets = jets.reshaped([8, 4])
        #expect(try CT.relEtaPhiPtToEtaPhiPt(relative, jets: flatJets) == CT.relEtaPhiPtToEtaPhiPt(relative, jets: jets))
    }

    static let wraps: [(Double, Double)] = [
        (0, 0), (.pi, -.pi), (-.pi, -.pi), (1.5 * .pi, -0.5 * .pi), (-1.5 * .pi, 0.5 * .pi), (7, 7 - 2 * .pi),
    ]

    @Test("Relative phi is wrapped into [-pi, pi) as NumPy's floor modulo does", arguments: wraps)
    func phiWrap(input: Double, expected: Double) {
        #expect(abs(wrapPhi(input) - expected) < 1e-12)
    }

    @Test("Zero momenta stay finite thanks to the epsilon guards")
    func zeroMomenta() throws {
        let zeros = NDArray<Double>(zeros: [2, 3, 4])
        for result in [try CT.cartesianToEtaPhiPtE(zeros), try CT.cartesianToYPhiPtE(zeros),
                       try CT.yPhiPtEToCartesian(zeros), try CT.cartesianToRelEtaPhiPt(zeros)] {
            #expect(result.storage.allSatisfy { $0 == 0 })
        }
        // Float inputs use float32's epsilon: pz / (0 + eps) for pz = eps gives asinh(1).
        let tiny = NDArray<Float>(shape: [4], storage: [1, 0, 0, Float.ulpOfOne])
        #expect(abs(try CT.cartesianToEtaPhiPtE(tiny)[0] - Float(asinh(1.0))) < 1e-6)
    }

    @Test("Round trips: polar -> Cartesian -> polar")
    func roundTrip() throws {
        let polar = try Fixture.doubles("coords_cartesian_to_EtaPhiPtE")
        let back = try CT.cartesianToEtaPhiPtE(CT.etaPhiPtEToCartesian(polar))
        for (a, b) in zip(back.storage, polar.storage) { #expect(agrees(a, b, relative: 1e-9, absolute: 1e-9)) }
    }

    @Test("Bad shapes throw")
    func badShapes() {
        #expect(throws: PhysicsError.self) { try CT.cartesianToEtaPhiPtE(NDArray<Double>(zeros: [5, 3])) }
        #expect(throws: PhysicsError.self) { try CT.cartesianToRelEtaPhiPt(NDArray<Double>(zeros: [4])) }
        #expect(throws: PhysicsError.self) {
            try CT.relEtaPhiPtToEtaPhiPt(NDArray<Double>(zeros: [2, 5, 3]), jets: NDArray<Double>(zeros: [3, 4]))
        }
    }
}
