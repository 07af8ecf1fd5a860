import JetNetCore
import JetNetPhysics
import Testing

/// The sensitivity-study distortions: each changes what it says and nothing else.
@Suite("JetDistortion")
struct JetDistortionTests {
    /// 50 jets of 10 particles, 7 real and 3 zero-padded, features [etarel, phirel, ptrel, mask].
    static let jets: NDArray<Float> = {
        var generator = NumPyGenerator(seed: 3)
        let normals = generator.standardNormal(count: 50 * 10 * 3)
        var values = [Float](repeating: 0, count: 50 * 10 * 4)
        for jet in 0..<50 {
            for particle in 0..<7 {
                let base = (jet * 10 + particle) * 4, draw = (jet * 10 + particle) * 3
                values[base] = Float(0.1 * normals[draw])
                values[base + 1] = Float(0.1 * normals[draw + 1])
                values[base + 2] = Float(0.05 + 0.02 * abs(normals[draw + 2]))
                values[base + 3] = 1
            }
        }
        return NDArray(shape: [50, 10, 4], storage: values)
    }()

    static func ptSums(_ jets: NDArray<Float>) -> [Double] {
        (0..<50).map { jet in (0..<10).reduce(0.0) { $0 + Double(jets.storage[(jet * 10 + $1) * 4 + 2]) } }
    }

    static func padding(_ jets: NDArray<Float>) -> [Float] {
        (0..<50).flatMap { jet in (7..<10).flatMap { particle in (0..<4).map { jets.storage[(jet * 10 + particle) * 4 + $0] } } }
    }

    @Test("Padding stays zero and the shape is kept, for every distortion", arguments: [
        JetDistortion.smearPt(width: 0.3), .shiftEta(shift: 0.2), .scaleAngles(factor: 1.2), .dropParticles(fraction: 0.3),
    ])
    func paddingUntouched(distortion: JetDistortion) throws {
        let out = try distortion.apply(to: Self.jets, seed: 1)
        #expect(out.shape == Self.jets.shape)
        #expect(Self.padding(out).allSatisfy { $0 == 0 })
        #expect(out != Self.jets)
    }

    @Test("Smearing changes particle pt but keeps each jet's total ptrel and angles")
    func smear() throws {
        let out = try JetDistortion.smearPt(width: 0.25).apply(to: Self.jets, seed: 5)
        for (before, after) in zip(Self.ptSums(Self.jets), Self.ptSums(out)) { #expect(abs(before - after) <= 1e-6 * before) }
        #expect(out.selectingLast([0, 1]) == Self.jets.selectingLast([0, 1]))
        // Same seed, same jets; another seed, other jets.
        #expect(try JetDistortion.smearPt(width: 0.25).apply(to: Self.jets, seed: 5) == out)
        #expect(try JetDistortion.smearPt(width: 0.25).apply(to: Self.jets, seed: 6) != out)
    }

    @Test("Shifting eta adds the shift to real particles only")
    func shift() throws {
        let out = try JetDistortion.shiftEta(shift: 0.05).apply(to: Self.jets)
        for jet in 0..<50 {
            for particle in 0..<7 {
                let index = (jet * 10 + particle) * 4
                #expect(out.storage[index] == Float(Double(Self.jets.storage[index]) + 0.05))
                #expect(out.storage[index + 1] == Self.jets.storage[index + 1])
            }
        }
    }

    @Test("Scaling angles by f scales small-angle jet masses by f and keeps pt")
    func scaleAngles() throws {
        let out = try JetDistortion.scaleAngles(factor: 1.15).apply(to: Self.jets)
        let before = try JetFeatures.compute(Self.jets.selectingLast([0, 1, 2]))
        let after = try JetFeatures.compute(out.selectingLast([0, 1, 2]))
        for jet in 0..<50 {
            // m^2 ~ sum pt_i pt_j dR_ij^2 for small angles: exactly linear in the scale up to O(dR^4).
            #expect(abs(after.mass[jet] / before.mass[jet] - 1.15) < 0.01, "jet \(jet)")
            #expect(abs(after.pt[jet] / before.pt[jet] - 1) < 0.01)
        }
    }

    @Test("Dropping removes about the fraction of particles, clears their mask, keeps total ptrel")
    func drop() throws {
        let out = try JetDistortion.dropParticles(fraction: 0.2).apply(to: Self.jets, seed: 11)
        let kept = (0..<(50 * 10)).filter { out.storage[$0 * 4 + 3] != 0 }
        let dropped = 350 - kept.count
        // Binomial(350, 0.2): mean 70, sd 7.5.
        #expect((40...100).contains(dropped), "\(dropped)")
        for particle in 0..<(50 * 10) where out.storage[particle * 4 + 3] == 0 {
            #expect((0..<4).allSatisfy { out.storage[particle * 4 + $0] == 0 })
        }
        for (before, after) in zip(Self.ptSums(Self.jets), Self.ptSums(out)) where after > 0 {
            #expect(abs(before - after) <= 1e-6 * before)
        }
    }

    @Test("Out-of-range parameters and wrong shapes throw", arguments: [
        JetDistortion.smearPt(width: -0.1), .shiftEta(shift: .infinity), .scaleAngles(factor: 0), .dropParticles(fraction: 1.5),
    ])
    func badParameters(distortion: JetDistortion) {
        #expect(throws: PhysicsError.self) { try distortion.apply(to: Self.jets) }
    }

    @Test("A rank-2 array is rejected")
    func badShape() {
        #expect(throws: PhysicsError.self) { try JetDistortion.shiftEta(shift: 0.1).apply(to: NDArray<Float>(zeros: [10, 4])) }
    }
}
