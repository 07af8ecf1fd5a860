import Foundation
import JetNetCore
import JetNetPhysics
import JetNetTestSupport
import Testing

/// Physics properties of the augmentations on real JetNet gluon jets.
@Suite("Augmentation")
struct AugmentationTests {
    /// The first 200 JetNet gluon jets `[200, 30, 4]` padded with empty slots to `[200, slots, 4]`,
    /// so the splits have room.
    static func gluons(slots: Int = 60) throws -> NDArray<Float> {
        let jets = try Fixture.gluonJets()
        var values = [Float](repeating: 0, count: 200 * slots * 4)
        for jet in 0..<200 {
            for slot in 0..<30 {
                for f in 0..<4 { values[(jet * slots + slot) * 4 + f] = jets.storage[(jet * 30 + slot) * 4 + f] }
            }
        }
        return NDArray(shape: [200, slots, 4], storage: values)
    }

    /// Each jet's massless 4-momentum `(E, px, py, pz)` from `[etarel, phirel, ptrel, mask]`.
    static func fourMomenta(_ jets: NDArray<Float>) -> [[Double]] {
        let (count, slots) = (jets.shape[0], jets.shape[1])
        return (0..<count).map { jet in
            var sum = [0.0, 0.0, 0.0, 0.0]
            for slot in 0..<slots where jets.storage[(jet * slots + slot) * 4 + 3] != 0 {
                let base = (jet * slots + slot) * 4
                let (eta, phi, pt) = (Double(jets.storage[base]), Double(jets.storage[base + 1]), Double(jets.storage[base + 2]))
                sum[0] += pt * cosh(eta)
                sum[1] += pt * cos(phi)
                sum[2] += pt * sin(phi)
                sum[3] += pt * sinh(eta)
            }
            return sum
        }
    }

    static func mass(_ p: [Double]) -> Double { max(p[0] * p[0] - p[1] * p[1] - p[2] * p[2] - p[3] * p[3], 0).squareRoot() }

    static func realCounts(_ jets: NDArray<Float>) -> [Int] {
        let (count, slots) = (jets.shape[0], jets.shape[1])
        return (0..<count).map { jet in (0..<slots).filter { jets.storage[(jet * slots + $0) * 4 + 3] != 0 }.count }
    }

    // MARK: - Collinear splits

    @Test("A collinear split keeps the jet's 4-momentum, mass and every EFP (d<=4) to 1e-6",
          arguments: ["collinear-fill", "collinear-fill,collinear-fill", "collinear-split", "collinear-split(max-splits=30)"])
    func collinearSafety(pipeline text: String) throws {
        let jets = try Self.gluons()
        let out = try AugmentationPipeline(parsing: text).apply(to: jets, seed: 11)
        // The split really happened: more particles than before in most jets.
        let (before, after) = (Self.realCounts(jets), Self.realCounts(out))
        #expect(zip(before, after).filter { $1 > $0 }.count > 150)
        let (p, q) = (Self.fourMomenta(jets), Self.fourMomenta(out))
        for jet in 0..<200 {
            for k in 0..<4 { #expect(agrees(p[jet][k], q[jet][k], relative: 1e-6, absolute: 1e-6 * p[jet][0])) }
            #expect(agrees(Self.mass(p[jet]), Self.mass(q[jet]), relative: 1e-6))
        }
        let efpBefore = try efps(jets, selection: ["d<=4"]), efpAfter = try efps(out, selection: ["d<=4"])
        #expect(efpBefore.shape == [200, 36])
        for (a, b) in zip(efpBefore.storage, efpAfter.storage) { #expect(agrees(a, b, relative: 1e-6)) }
    }

    @Test("JetCLR's fill splits min(n, free) particles; RODEM's at most min(20, free)")
    func splitCounts() throws {
        let jets = try Self.gluons(slots: 45)
        let before = Self.realCounts(jets)
        let filled = Self.realCounts(try AugmentationPipeline([.collinearFill()]).apply(to: jets, seed: 2))
        for (n, m) in zip(before, filled) { #expect(m == n + min(n, 45 - n)) }
        let split = Self.realCounts(try AugmentationPipeline([.collinearSplit()]).apply(to: jets, seed: 2))
        for (n, m) in zip(before, split) { #expect(m >= n && m <= n + min(20, 45 - n)) }
        // U{0...k}: the number of splits varies from jet to jet.
        #expect(Set(zip(before, split).map { $1 - $0 }).count > 5)
    }

    @Test("RODEM's split fractions lie in [0.25, 0.75]")
    func splitFractions() throws {
        // One particle of pt 1 and one free slot: the copy gets f, the original 1 - f.
        var values = [Float](repeating: 0, count: 500 * 2 * 4)
        for jet in 0..<500 { values[jet * 8 + 2] = 1; values[jet * 8 + 3] = 1 }
        let out = try AugmentationPipeline([.collinearSplit()]).apply(to: NDArray(shape: [500, 2, 4], storage: values), seed: 5)
        let fractions = (0..<500).map { Double(out.storage[$0 * 8 + 6]) }.filter { $0 > 0 }
        #expect(fractions.count > 200)  // half the jets draw one split, half none
        #expect(fractions.allSatisfy { $0 >= 0.25 && $0 <= 0.75 })
        #expect(fractions.min()! < 0.3 && fractions.max()! > 0.7)
    }

    @Test("Cartesian (E, px, py, pz) particles with mass keep the jet's 4-momentum through a collinear fill")
    func cartesianSplit() throws {
        let jets = try Self.gluons(slots: 60)
        // Massive particles: E = 1.2 |p| (velocity 1/1.2), placed at eta 0.5 around phi 1.
        var values = [Float](repeating: 0, count: 200 * 60 * 4)
        for slot in 0..<(200 * 60) where jets.storage[slot * 4 + 3] != 0 {
            let (eta, phi, pt) = (Double(jets.storage[slot * 4]) + 0.5, Double(jets.storage[slot * 4 + 1]) + 1, Double(jets.storage[slot * 4 + 2]) * 1000)
            let (px, py, pz) = (pt * cos(phi), pt * sin(phi), pt * sinh(eta))
            values[slot * 4] = Float(1.2 * (px * px + py * py + pz * pz).squareRoot())
            (values[slot * 4 + 1], values[slot * 4 + 2], values[slot * 4 + 3]) = (Float(px), Float(py), Float(pz))
        }
        let input = NDArray(shape: [200, 60, 4], storage: values)
        let out = try AugmentationPipeline([.collinearFill()]).apply(to: input, layout: .cartesian(), seed: 3)
        let count = { (a: NDArray<Float>) in (0..<(200 * 60)).filter { a.storage[$0 * 4] != 0 }.count }
        #expect(count(out) > count(input) * 3 / 2)
        for jet in 0..<200 {
            let sum = { (a: NDArray<Float>, k: Int) in (0..<60).reduce(0.0) { $0 + Double(a.storage[(jet * 60 + $1) * 4 + k]) } }
            // Components to 1e-5 of the jet's energy (float32 round trips through eta, phi, pt).
            for k in 0..<4 { #expect(abs(sum(input, k) - sum(out, k)) <= 1e-5 * sum(input, 0)) }
        }
    }

    // MARK: - Rotation

    @Test("Rotation keeps particle pt exactly, the axis and every pairwise distance")
    func rotationInvariants() throws {
        let jets = try Self.gluons(slots: 30)
        let out = try AugmentationPipeline([.rotation()]).apply(to: jets, seed: 3)
        for i in stride(from: 2, to: jets.count, by: 4) { #expect(out.storage[i] == jets.storage[i]) }
        #expect(out != jets)
        for jet in 0..<200 {
            let a = Self.particles(jets, jet), b = Self.particles(out, jet)
            let (axisA, axisB) = (Self.centroid(a), Self.centroid(b))
            #expect(abs(axisA.0 - axisB.0) < 1e-6 && abs(axisA.1 - axisB.1) < 1e-6)
            for i in a.indices { for j in 0..<i {
                #expect(abs(Self.distance(a[i], a[j]) - Self.distance(b[i], b[j])) < 1e-5)
            } }
        }
    }

    @Test("Rotation keeps jet pt and mass to the small-angle approximation")
    func rotationJetKinematics() throws {
        let jets = try Self.gluons(slots: 30)
        let out = try AugmentationPipeline([.rotation()]).apply(to: jets, seed: 3)
        let (p, q) = (Self.fourMomenta(jets), Self.fourMomenta(out))
        for jet in 0..<200 {
            // cosh(x) - cos(y) = r^2/2 + (x^4 - y^4)/24 + ...: a rotation keeps r^2 = x^2 + y^2, so
            // each pair's term changes by at most r^4/12 (plus sixth order), a fraction r^2/6 of it.
            let spread = Self.largestDistance(Self.particles(jets, jet))
            let bound = spread * spread / 6 * 1.1
            let (m2, m2Rotated) = (pow(Self.mass(p[jet]), 2), pow(Self.mass(q[jet]), 2))
            #expect(abs(m2Rotated - m2) <= bound * m2)
            // pt^2 = sum p_i p_j cos(dphi_ij), changed by at most r_ij^2 / 2 of each term.
            let (pt2, pt2Rotated) = (p[jet][1] * p[jet][1] + p[jet][2] * p[jet][2], q[jet][1] * q[jet][1] + q[jet][2] * q[jet][2])
            #expect(abs(pt2Rotated - pt2) <= spread * spread / 2 * 1.1 * pt2)
        }
        // On these jets the changes are small: the median mass moves by well under a percent.
        let changes = (0..<200).map { abs(Self.mass(q[$0]) / Self.mass(p[$0]) - 1) }.sorted()
        #expect(changes[100] < 0.005)
    }

    @Test("Absolute coordinates rotate about the jet axis, wherever the jet is (JetCLR needs centred jets)")
    func rotationAboutAxis() throws {
        let relative = try Self.gluons(slots: 30)
        // The same jets placed at eta 1.5, phi 3.0 (across the phi = pi seam) in absolute coordinates.
        var values = relative.storage
        for i in stride(from: 0, to: values.count, by: 4) where values[i + 3] != 0 {
            values[i] += 1.5
            values[i + 1] = Float(remainder(Double(values[i + 1]) + 3.0, 2 * .pi))
        }
        let absolute = NDArray(shape: relative.shape, storage: values)
        let pipeline = AugmentationPipeline([.rotation()])
        let a = try pipeline.apply(to: relative, layout: .jetnet, seed: 9)
        let b = try pipeline.apply(to: absolute, layout: .absolute(eta: 0, phi: 1, pt: 2, mask: 3), seed: 9)
        for i in stride(from: 0, to: a.count, by: 4) where a.storage[i + 3] != 0 {
            #expect(abs(Double(b.storage[i]) - 1.5 - Double(a.storage[i])) < 2e-5)
            #expect(abs(remainder(Double(b.storage[i + 1]) - 3.0 - Double(a.storage[i + 1]), 2 * .pi)) < 2e-5)
            #expect(abs(b.storage[i + 1]) <= .pi)
        }
    }

    // MARK: - Smearing

    @Test("Smearing's spread is strength / pt, and strength / ptMin below ptMin")
    func smearingSpread() throws {
        // 20000 jets of five particles with pt 0.05 (below ptMin), 0.5, 1, 4 and 16 GeV.
        let pts: [Float] = [0.05, 0.5, 1, 4, 16]
        let jets = 20_000
        var values = [Float](repeating: 0, count: jets * 5 * 3)
        for jet in 0..<jets { for (k, pt) in pts.enumerated() { values[(jet * 5 + k) * 3 + 2] = pt } }
        let input = NDArray(shape: [jets, 5, 3], storage: values)
        let out = try AugmentationPipeline([.smear()]).apply(to: input, layout: .absolute(), seed: 4)
        for (k, pt) in pts.enumerated() {
            let expected = 0.1 / max(Double(pt), 0.1)
            for feature in 0..<2 {
                let shifts = (0..<jets).map { Double(out.storage[($0 * 5 + k) * 3 + feature]) }
                let std = (shifts.reduce(0) { $0 + $1 * $1 } / Double(jets)).squareRoot()
                // The standard error of a standard deviation from n draws is sigma / sqrt(2n) = 0.5%
                // here; 3% is six of them, while a 1/pt^2 or constant law misses by 2x or more.
                #expect(abs(std / expected - 1) < 0.03, "pt \(pt) feature \(feature): std \(std), expected \(expected)")
            }
        }
    }

    @Test("Smearing in relative coordinates converts ptrel to GeV with the jet pt")
    func smearingRelative() throws {
        // ptrel 0.001 of a 1 TeV jet is 1 GeV: spread 0.1; of a 100 GeV jet it is 0.1 GeV: spread 1.
        let jets = 20_000
        var values = [Float](repeating: 0, count: jets * 3)
        for jet in 0..<jets { values[jet * 3 + 2] = 0.001 }
        let input = NDArray(shape: [jets, 1, 3], storage: values)
        for (jetPT, expected) in [(1000.0, 0.1), (100.0, 1.0)] {
            let out = try AugmentationPipeline([.smear()]).apply(
                to: input, layout: .relative(), seed: 4, jetPT: [Double](repeating: jetPT, count: jets))
            let std = ((0..<jets).reduce(0.0) { $0 + pow(Double(out.storage[$1 * 3]), 2) } / Double(jets)).squareRoot()
            #expect(abs(std / expected - 1) < 0.03)
        }
    }

    // MARK: - Masks, padding, counts

    static let everyAugmentation: [Augmentation] = [
        .rotation(), .translation(), .smear(), .collinearFill(), .collinearSplit(), .merge(maxDeltaR: 0.1, strength: 50),
        .crop(), .boost(maxBeta: 0.3), .ptDropout(sigma: 5), .inputDropout(probability: 0.3),
        .fourVectorScale(sigma: 0.1), .fourVectorSmear(sigma: 0.1), .fourVectorShift(sigma: 0.05),
    ]

    @Test("Masks stay consistent: an empty slot is all zeros, a real one has mask 1 and pt > 0",
          arguments: everyAugmentation)
    func masksConsistent(_ augmentation: Augmentation) throws {
        let jets = try Self.gluons(slots: 40)
        let out = try AugmentationPipeline([augmentation]).apply(to: jets, seed: 6)
        #expect(out.shape == jets.shape)
        #expect(out != jets)
        for slot in 0..<(200 * 40) {
            let features = Array(out.storage[(slot * 4)..<(slot * 4 + 4)])
            if features[3] == 0 {
                #expect(features == [0, 0, 0, 0])
            } else {
                #expect(features[3] == 1 && features[2] > 0 && features.allSatisfy(\.isFinite))
            }
        }
        let (before, after) = (Self.realCounts(jets), Self.realCounts(out))
        switch augmentation.kind {
        case .collinearFill, .collinearSplit:
            // Only splits create particles; existing ones never vanish.
            for jet in 0..<200 { #expect(after[jet] >= before[jet]) }
        case .merge(_, _, let minimum), .crop(_, let minimum):
            for jet in 0..<200 { #expect(after[jet] <= before[jet] && after[jet] >= min(before[jet], minimum)) }
        case .ptDropout, .inputDropout, .fourVectorScale, .fourVectorSmear:
            for jet in 0..<200 { #expect(after[jet] <= before[jet]) }
        default:
            #expect(after == before)
        }
    }

    @Test("The same seed gives the same bytes on 1 and 2 threads, in any batching")
    func threadIndependence() throws {
        let jets = try Self.gluons(slots: 40)
        let pipeline = AugmentationPipeline(Self.everyAugmentation)
        let one = try pipeline.apply(to: jets, seed: 21, threads: 1)
        let two = try pipeline.apply(to: jets, seed: 21, threads: 2)
        #expect(one.storage.withUnsafeBytes { Array($0) } == two.storage.withUnsafeBytes { Array($0) })
        #expect(try pipeline.apply(to: jets, seed: 22) != one)
        // Jets 50..<80 alone, keyed by their rows, come out as in the whole batch.
        let part = try pipeline.apply(to: jets.rows(50..<80), seed: 21, jetIndices: Array(50..<80), threads: 2)
        #expect(part == one.rows(50..<80))
    }

    // MARK: - The other augmentations

    @Test("Translation moves every real particle of a jet by one shift within w times its spread")
    func translation() throws {
        let jets = try Self.gluons(slots: 30)
        let out = try AugmentationPipeline([.translation()]).apply(to: jets, seed: 8)
        for jet in 0..<200 {
            let a = Self.particles(jets, jet), b = Self.particles(out, jet)
            let shifts = zip(a, b).map { ($1.eta - $0.eta, $1.phi - $0.phi) }
            let etaSpread = a.map(\.eta).max()! - a.map(\.eta).min()!
            for s in shifts {
                #expect(abs(s.0 - shifts[0].0) < 1e-5 && abs(s.1 - shifts[0].1) < 1e-5)
                #expect(abs(s.0) <= etaSpread + 1e-6)
            }
        }
    }

    @Test("Cropping removes the softest particles and keeps at least 10")
    func cropSoftest() throws {
        let jets = try Self.gluons(slots: 30)
        let out = try AugmentationPipeline([.crop()]).apply(to: jets, seed: 12)
        var cropped = 0
        for jet in 0..<200 {
            let a = Self.particles(jets, jet), b = Self.particles(out, jet)
            let keptPT = b.map(\.pt), removedPT = a.map(\.pt).filter { !keptPT.contains($0) }
            if let hardestRemoved = removedPT.max() { #expect(hardestRemoved <= keptPT.min()!); cropped += 1 }
            #expect(b.count >= min(a.count, 10) && a.count - b.count <= 10)
        }
        #expect(cropped > 100)
    }

    @Test("Merging conserves the jet's 3-momentum and leaves at least 10 particles")
    func mergeMomentum() throws {
        let jets = try Self.gluons(slots: 30)
        // Generous cuts so that many pairs merge.
        let out = try AugmentationPipeline([.merge(maxDeltaR: 0.2, strength: 1000)]).apply(to: jets, seed: 13)
        let (p, q) = (Self.fourMomenta(jets), Self.fourMomenta(out))
        let (before, after) = (Self.realCounts(jets), Self.realCounts(out))
        #expect(zip(before, after).filter { $1 < $0 }.count > 100)
        for jet in 0..<200 {
            #expect(after[jet] >= min(before[jet], 10))
            for k in 1..<4 { #expect(abs(p[jet][k] - q[jet][k]) < 1e-5 * p[jet][0]) }
            // Energy: merged particles become massless, so E can only drop.
            #expect(q[jet][0] <= p[jet][0] * (1 + 1e-6))
        }
    }

    @Test("The boost keeps the jet's direction and mass and raises its momentum by at most gamma (|p| + beta E)")
    func boostAlongAxis() throws {
        let jets = try Self.gluons(slots: 30)
        let beta = 0.3
        let out = try AugmentationPipeline([.boost(maxBeta: beta)]).apply(to: jets, seed: 14)
        let (p, q) = (Self.fourMomenta(jets), Self.fourMomenta(out))
        let gamma = 1 / (1 - beta * beta).squareRoot()
        var grew = 0
        for jet in 0..<200 {
            let (a, b) = (Array(p[jet][1...]), Array(q[jet][1...]))
            let (la, lb) = (sqrt(a.reduce(0) { $0 + $1 * $1 }), sqrt(b.reduce(0) { $0 + $1 * $1 }))
            for k in 0..<3 { #expect(abs(a[k] / la - b[k] / lb) < 1e-5) }
            // Along the axis |p'| = gamma (|p| + beta E) for the jet's own beta <= the maximum.
            #expect(lb >= la * (1 - 1e-6) && lb <= gamma * (la + beta * p[jet][0]) * (1 + 1e-6))
            // Invariant mass is boost invariant.
            #expect(agrees(Self.mass(p[jet]), Self.mass(q[jet]), relative: 1e-4))
            if lb > la * 1.01 { grew += 1 }
        }
        #expect(grew > 150)
    }

    @Test("4-vector scale multiplies a jet's pts by one factor; dropouts at 0 and 1 keep or remove all")
    func weaver() throws {
        let jets = try Self.gluons(slots: 30)
        let scaled = try AugmentationPipeline([.fourVectorScale(sigma: 0.1)]).apply(to: jets, layout: .absolute(mask: 3), seed: 15)
        for jet in 0..<200 {
            let a = Self.particles(jets, jet), b = Self.particles(scaled, jet)
            let ratios = zip(a, b).map { $1.pt / $0.pt }
            #expect(ratios.allSatisfy { abs($0 / ratios[0] - 1) < 1e-6 })
        }
        #expect(try AugmentationPipeline([.inputDropout(probability: 0)]).apply(to: jets, seed: 1) == jets)
        let empty = try AugmentationPipeline([.inputDropout(probability: 1)]).apply(to: jets, seed: 1)
        #expect(empty.storage.allSatisfy { $0 == 0 })
        // A cut drawn from N(0, 1e6 GeV) is above every particle about half the time.
        let dropped = Self.realCounts(try AugmentationPipeline([.ptDropout(sigma: 1e6)]).apply(to: jets, seed: 1))
        let emptied = dropped.filter { $0 == 0 }.count
        #expect(emptied > 70 && emptied < 130)
    }

    @Test("weaver's 4-vector shift in relative coordinates recentres each jet on its new axis")
    func shiftRecentres() throws {
        let jets = try Self.gluons(slots: 30)
        let out = try AugmentationPipeline([.fourVectorShift(sigma: 0.05)]).apply(to: jets, seed: 16)
        for jet in 0..<200 {
            let (eta, phi) = Self.centroid(Self.particles(out, jet))
            #expect(abs(eta) < 1e-6 && abs(phi) < 1e-6)
        }
        #expect(out != jets)
    }

    @Test("One jet [particles, features] is augmented as a batch of one")
    func singleJet() throws {
        let jets = try Self.gluons(slots: 60)
        let pipeline = AugmentationPipeline([.rotation(), .collinearFill(), .smear()])
        let one = try pipeline.apply(to: jets.rows(0..<1).reshaped([60, 4]), seed: 5)
        #expect(one.shape == [60, 4])
        #expect(one.storage == (try pipeline.apply(to: jets, seed: 5)).rows(0..<1).storage)
    }

    // MARK: - Defaults and text

    @Test("Defaults are the sources' (the augmentations spec of the reference kit)", arguments: [
        (Augmentation.translation(), Augmentation.Kind.translation(width: 1)),
        (.smear(), .smear(strength: 0.1, ptMin: 0.1)),
        (.collinearSplit(), .collinearSplit(maxSplits: 20, minPT: 0)),
        (.merge(), .merge(maxDeltaR: 0.05, strength: 0.2, minParticles: 10)),
        (.crop(), .crop(amount: 10, minParticles: 10)),
        (.boost(), .boost(maxBeta: 0.002)),
        (.rotation(), .rotation),
        (.collinearFill(), .collinearFill),
    ])
    func defaults(_ augmentation: Augmentation, _ expected: Augmentation.Kind) throws {
        #expect(augmentation.kind == expected)
        // The bare name reads back the same defaults.
        #expect(try Augmentation(parsing: augmentation.name) == augmentation)
    }

    @Test("Every augmentation's text reads back to itself", arguments: everyAugmentation)
    func textRoundTrip(_ augmentation: Augmentation) throws {
        #expect(try Augmentation(parsing: augmentation.description) == augmentation)
    }

    @Test("A pipeline reads names, parameters and spaces")
    func pipelineText() throws {
        let pipeline = try AugmentationPipeline(parsing: "rotate, collinear-split(max-splits=5), smear(pt-min=0.5 , strength=0.2)")
        #expect(pipeline.stages == [.rotation(), .collinearSplit(maxSplits: 5), .smear(strength: 0.2, ptMin: 0.5)])
        #expect(try AugmentationPipeline(parsing: pipeline.description) == pipeline)
    }

    @Test("Bad text is a descriptive error", arguments: [
        "rotate,,smear", "spin", "smear(width=1)", "pt-dropout", "smear(strength=-1)", "crop(amount=2.5)",
        "smear(strength=0.1", "input-dropout(probability=2)",
    ])
    func badText(_ text: String) {
        #expect(throws: PhysicsError.self) { try AugmentationPipeline(parsing: text) }
    }

    // MARK: - Helpers

    struct Particle: Equatable { let eta: Double, phi: Double, pt: Double }

    static func particles(_ jets: NDArray<Float>, _ jet: Int) -> [Particle] {
        let slots = jets.shape[1]
        return (0..<slots).compactMap { slot in
            let base = (jet * slots + slot) * 4
            guard jets.storage[base + 3] != 0 else { return nil }
            return Particle(eta: Double(jets.storage[base]), phi: Double(jets.storage[base + 1]), pt: Double(jets.storage[base + 2]))
        }
    }

    static func centroid(_ particles: [Particle]) -> (Double, Double) {
        let sum = particles.reduce(0) { $0 + $1.pt }
        return (particles.reduce(0) { $0 + $1.pt * $1.eta } / sum, particles.reduce(0) { $0 + $1.pt * $1.phi } / sum)
    }

    static func distance(_ a: Particle, _ b: Particle) -> Double {
        ((a.eta - b.eta) * (a.eta - b.eta) + (a.phi - b.phi) * (a.phi - b.phi)).squareRoot()
    }

    static func largestDistance(_ particles: [Particle]) -> Double {
        var largest = 0.0
        for i in particles.indices { for j in 0..<i { largest = max(largest, distance(particles[i], particles[j])) } }
        return largest
    }
}
