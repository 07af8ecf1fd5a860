import CMetricKernels
import Foundation
import JetNetCore
import JetNetPhysics
import Testing
@testable import JetNetMetrics

/// W1M's vectorised float32 mass kernel against libm and against all-`Double` jet masses.
@Suite("W1M mass kernel")
struct W1JetMassKernelTests {
    /// Units in the last place of `reference` that `value` is away from it.
    static func ulps(_ value: Float, _ reference: Float) -> Float { abs(value - reference) / reference.ulp }

    /// The kernel's vector `(exp, sin, cos)` of `inputs`.
    static func vectorMath(_ inputs: [Float]) -> (exp: [Float], sin: [Float], cos: [Float]) {
        var (e, s, c) = ([Float](repeating: 0, count: inputs.count), [Float](repeating: 0, count: inputs.count),
                         [Float](repeating: 0, count: inputs.count))
        jetnet_w1_vector_exp_sincos(inputs, inputs.count, &e, &s, &c)
        return (e, s, c)
    }

    @Test("vector exp is within 2 ulp of libm on its range")
    func exp() {
        // |x| up to 80, the range the kernel uses it on.
        let inputs = (-40_000...40_000).flatMap { i -> [Float] in
            let x = Float(i) * (80 / 40_000) + 1e-4
            return [x, -x, x / 7, -x / 13].filter { abs($0) <= 80 }
        }
        let values = Self.vectorMath(inputs).exp
        let worst = zip(values, inputs).map { Self.ulps($0, Foundation.exp($1)) }.max() ?? .infinity
        #expect(worst <= 2, "worst exp error \(worst) ulp")
    }

    @Test("vector sin and cos are within 2e-7 (absolute) of libm on their range")
    func sinCos() {
        // Small angles (no range reduction needed) and out to the range's end, 8192.
        var worst: Float = 0
        for scale: Float in [0.78, 8192] {
            let inputs = (-20_000...20_000).flatMap { i -> [Float] in
                let x = Float(i) * (scale / 20_000)
                return [x, -x / 3, x / 5, 0.7]
            }
            let (_, sine, cosine) = Self.vectorMath(inputs)
            for (index, x) in inputs.enumerated() {
                worst = max(worst, abs(sine[index] - Foundation.sin(x)), abs(cosine[index] - Foundation.cos(x)))
            }
        }
        #expect(worst <= 2e-7, "worst sin/cos error \(worst)")
    }

    /// FNV-1a of the masses' bit patterns.
    static func fingerprint(_ masses: [Double]) -> UInt64 {
        masses.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ $1.bitPattern) &* 0x100_0000_01b3 }
    }

    /// The masses are bit for bit those of the Swift kernel (four SIMD4 lanes per jet) that the C
    /// kernel replaced: these fingerprints are of its masses. Every CPU version of the C kernel
    /// must give them (it only vectorises across jets, never reorders a sum).
    @Test(
        "masses are bit-identical to the previous kernel's",
        arguments: [
            (3, 13, 3000.0, 0xf9e5_47bb_abd8_3c36 as UInt64), (3, 30, 1.0, 0x09ed_7ba3_a1c6_1a28),
            (4, 13, 3000.0, 0x23c7_fc14_478e_5ea1), (4, 30, 1.0, 0xfa31_3d8a_0067_0c19),
            (5, 13, 3000.0, 0x6bbe_423a_292d_66fd), (5, 30, 1.0, 0xe52e_61a5_928a_d070),
        ])
    func bitIdentical(features: Int, particles: Int, phiScale: Double, expected: UInt64) {
        let jets = Self.jets(count: 1001, particles: particles, features: features, seed: 42, phiScale: phiScale)
        for threads in [1, 2] {
            #expect(Self.fingerprint(W1JetMasses.compute(jets, threads: threads)) == expected)
        }
    }

    /// Jets with random kinematics, some zero-padded, `particles` not a multiple of 4.
    static func jets(count: Int, particles: Int, features: Int, seed: UInt64, phiScale: Double = 1) -> NDArray<Float> {
        var rng = NumPyGenerator(seed: seed)
        let normals = rng.standardNormal(count: count * particles * features)
        var storage = [Float](repeating: 0, count: normals.count)
        for jet in 0..<count {
            let length = jet % (particles + 1)
            for particle in 0..<length {
                let row = (jet * particles + particle) * features
                storage[row] = Float(normals[row] * 1.5)  // eta
                storage[row + 1] = Float(normals[row + 1] * 2 * phiScale)  // phi, beyond pi/4 and pi
                storage[row + 2] = Float(abs(normals[row + 2]) * 0.3)  // pt
                if features >= 4 { storage[row + 3] = Float(normals[row + 3] * 0.05) }  // mass, also negative
                for extra in 4..<max(features, 4) { storage[row + extra] = 99 }  // ignored features
            }
        }
        return NDArray(shape: [count, particles, features], storage: storage)
    }

    @Test("masses agree with all-Double jet masses to float32 precision", arguments: [3, 4, 5])
    func masses(features: Int) throws {
        for (particles, phiScale) in [(7, 1.0), (8, 1.0), (13, 3000.0)] {
            let jets = Self.jets(count: 400, particles: particles, features: features, seed: UInt64(features * 100 + particles),
                                 phiScale: phiScale)
            let (masses, finite) = W1JetMasses.computeChecked(jets, threads: 2)
            #expect(finite)
            // JetFeatures reads a fourth column as mass; the kernel uses the first four features too.
            let reference = try JetFeatures.compute(features > 4 ? jets.selectingLast([0, 1, 2, 3]) : jets)
            var worst = 0.0
            for jet in 0..<400 {
                // Float32 4-vectors put float32 rounding of E^2 and p^2 into m^2 = E^2 - p^2.
                let scale = momentumScale(jets, jet: jet)
                let (ours, exact) = (masses[jet] * abs(masses[jet]), reference.mass[jet] * abs(reference.mass[jet]))
                worst = max(worst, abs(ours - exact) / max(scale * scale, 1e-300))
            }
            #expect(worst <= 5e-7, "largest m^2 difference over E^2: \(worst)")
            #expect(masses == W1JetMasses.compute(jets, threads: 1))
        }
    }

    /// `sum(|E| + |p|)` of a jet in `Double`, the scale of its rounding errors.
    func momentumScale(_ jets: NDArray<Float>, jet: Int) -> Double {
        let (particles, width) = (jets.shape[1], jets.shape[2])
        var sum = 0.0
        for particle in 0..<particles {
            let row = (jet * particles + particle) * width
            let (eta, pt) = (Double(jets.storage[row]), Double(jets.storage[row + 2]))
            let m = width >= 4 ? Double(jets.storage[row + 3]) : 0
            let momentum = pt * cosh(eta)
            sum += max(m * abs(m) + momentum * momentum, 0).squareRoot() + momentum
        }
        return sum
    }

    @Test("libm takes over outside the vector ranges")
    func outOfRange() throws {
        // One particle with phi beyond 8192 and one with eta beyond 80 (pt 0, so it adds nothing).
        let storage: [Float] = [0.1, 10_000.5, 0.5, -0.2, 0.3, 0.4, 85, 0, 0, 0, 0, 0]
        let jets = NDArray(shape: [1, 4, 3], storage: storage)
        let (masses, finite) = W1JetMasses.computeChecked(jets, threads: 1)
        let reference = try JetFeatures.compute(jets).mass[0]
        #expect(finite && abs(masses[0] - reference) <= 1e-6 * reference, "\(masses[0]) vs \(reference)")
    }

    @Test("NaN or infinity anywhere in the first four features, and a negative pt, are caught, also in zero-padded particles")
    func nonFinite() throws {
        let jets = Self.jets(count: 20, particles: 6, features: 4, seed: 9)
        #expect(W1JetMasses.computeChecked(jets, threads: 1).finite)
        // Jet 3 has 3 particles: particle 5 is padding (pt 0, mass 0), whose eta and phi the
        // kernel skips but must still check.
        for (index, value) in [((3 * 6 + 5) * 4, Float.nan), ((3 * 6 + 5) * 4 + 1, .infinity), ((3 * 6 + 1) * 4 + 3, -.infinity),
                               ((7 * 6 + 2) * 4 + 2, .nan), ((7 * 6 + 1) * 4 + 2, -1)] {
            var storage = jets.storage
            storage[index] = value
            let bad = NDArray(shape: jets.shape, storage: storage)
            #expect(!W1JetMasses.computeChecked(bad, threads: 2).finite, "value \(value) at \(index)")
            let (jet, particle, feature) = (index / 24, index % 24 / 4, index % 4)
            let expected: InputError = value < 0 && feature == 2
                ? .negativePt(array: "generated jets", jet: jet, particle: particle, value: Double(value))
                : .nonFinite(array: "generated jets", jet: jet, particle: particle, feature: feature, value: "\(value)")
            #expect(throws: expected) { try Metrics.w1m(real: jets, gen: bad, seed: 0) }
        }
    }
}

/// The W1 walk kernel's two versions: differences of the CDFs kept in doubles (exact below
/// 2^53) and in 64-bit integers (for larger resamples) must give the same partial sums.
@Suite("W1 walk kernel")
struct W1WalkKernelTests {
    @Test("the double and the 64-bit integer walks give the same block sums", arguments: [2, 4])
    func exactAndDoubleWalksAgree(countBytes: Int32) {
        let (realJets, genJets, items) = (40, 30, 9000)
        var rng = NumPyGenerator(seed: 4)
        let uniforms = rng.random(count: items)
        let jets = rng.choice(realJets + genJets, count: items)
        // Ascending float keys (OrderedRadixSort's order) with jet tags.
        let packed: [UInt64] = zip(uniforms.sorted(), jets).map { uniform, jet in
            let key = UInt64(OrderedRadixSort.key(Float(uniform * 10 - 5)))
            return key << 32 | UInt64(jet)
        }
        let counts = rng.choice(4, count: (realJets + genJets) * 8)
        let lanes = 8
        var (realItems, genItems) = ([Double](repeating: 0, count: lanes), [Double](repeating: 0, count: lanes))
        for item in packed {
            let jet = Int(item & 0xFFFF_FFFF)
            for lane in 0..<lanes {
                let count = Double(counts[jet * lanes + lane])
                if jet < realJets { realItems[lane] += count } else { genItems[lane] += count }
            }
        }
        let zeros = [Double](repeating: 0, count: lanes)
        let blocks = (items + Int(JETNET_W1_BLOCK) - 1) / Int(JETNET_W1_BLOCK)
        func walk(exact: Bool) -> [Double] {
            var sums = [Double](repeating: 0, count: blocks * lanes)
            let walk = exact ? jetnet_w1_walk_exact : jetnet_w1_walk
            if countBytes == 2 {
                let narrow = counts.map { UInt16($0) }
                walk(packed, nil, nil, 0, items, UInt32(realJets), narrow, countBytes, realItems, genItems, zeros, zeros, &sums)
            } else {
                let wide = counts.map { UInt32($0) }
                walk(packed, nil, nil, 0, items, UInt32(realJets), wide, countBytes, realItems, genItems, zeros, zeros, &sums)
            }
            return sums
        }
        let double = walk(exact: false)
        #expect(double == walk(exact: true))
        #expect(double.allSatisfy { $0 > 0 })
    }
}
