import Foundation
import JetNetCore
import Testing
import JetNetTestSupport
@testable import JetNetPhysics

@Suite("Generated-jet corrections")
struct GenJetCorrectionsTests {
    static func input() throws -> (NDArray<Float>, JSON) {
        let golden = try Fixture.json()["gen_jet_corrections"]
        return (NDArray(shape: [10, 30, 4], storage: golden["input"].doubles.map { Float($0) }), golden)
    }

    @Test("Separate mask, jetnet defaults (golden)")
    func separate() throws {
        let (jets, golden) = try Self.input()
        let (particles, mask) = try GenJetCorrections.correctSeparatingMask(jets)
        #expect(particles.shape == [10, 30, 3])
        #expect(particles.storage == golden["jets"].doubles.map { Float($0) })
        #expect(mask.storage.map { $0 ? 1.0 : 0.0 } == golden["mask"].doubles)
        #expect(particles[0, 0, 2] == 0)  // the negative pt the golden script planted
    }

    @Test("Mask kept in place (golden)")
    func inPlace() throws {
        let (jets, golden) = try Self.input()
        let corrected = try GenJetCorrections.correct(jets)
        #expect(corrected.storage == golden["no_separate"].doubles.map { Float($0) })
    }

    @Test("Options: no masking, no pt clipping")
    func options() throws {
        let jets = NDArray<Float>(shape: [1, 2, 4], storage: [1, 2, -3, 0.2, 4, 5, -6, 0.9])
        #expect(try GenJetCorrections.correct(jets, zeroMaskedParticles: false).storage == [1, 2, 0, 0.2, 4, 5, 0, 0.9])
        #expect(try GenJetCorrections.correct(jets, zeroNegativePt: false).storage == [0, 0, 0, 0, 4, 5, -6, 0.9])
        let (particles, mask) = try GenJetCorrections.correctSeparatingMask(jets, zeroMaskedParticles: false, zeroNegativePt: false)
        #expect(particles.storage == [1, 2, -3, 4, 5, -6] && mask.storage == [false, true])
    }

    @Test("Bad input throws")
    func badInput() {
        #expect(throws: PhysicsError.self) { try GenJetCorrections.correct(NDArray<Float>(zeros: [30, 4])) }
        #expect(throws: PhysicsError.self) { try GenJetCorrections.correct(NDArray<Float>(zeros: [2, 30, 1])) }
        #expect(throws: PhysicsError.self) { try GenJetCorrections.correct(NDArray<Float>(zeros: [2, 30, 3]), ptIndex: 3) }
    }
}
