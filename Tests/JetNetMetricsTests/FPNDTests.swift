import Foundation
import JetNetCore
import JetNetIO
import JetNetSamples
import Testing

@testable import JetNetMetrics

@Suite("FPND")
struct FPNDTests {
    /// The 2,000 jets of an embedded JetNet sample, 30 particles, [etarel, phirel, ptrel].
    static func sample(_ jetType: String) throws -> NDArray<Float> {
        let file = try HDF5File(url: EmbeddedSample.url("\(jetType).hdf5"))
        return try file.read("particle_features", as: Float.self).selectingLast([0, 1, 2])
    }

    /// jetnet's FPND on its sample jets (golden/fpnd.json). jetnet shuffles the sample when
    /// loading it; FPND depends only on the activations' mean and covariance, so file order
    /// gives the same value.
    @Test("FPND of the g and t samples and of the smeared g jets match jetnet within 1e-3", arguments: ["g", "t", "smeared"])
    func fpndMatchesJetNet(_ name: String) throws {
        let (jets, jetType, expected) = try Self.goldenCase(name)
        let value = try Metrics.fpnd(gen: jets, jetType: jetType)
        #expect(abs(value - expected) <= 1e-3 * abs(expected), "swift \(value) vs jetnet \(expected)")
    }

    /// The jets, jet type and jetnet's FPND of a golden case: the "g" or "t" sample, or the
    /// "smeared" gluons (compared with the g statistics).
    static func goldenCase(_ name: String) throws -> (jets: NDArray<Float>, jetType: String, fpnd: Double) {
        let golden = try FPNDGolden.load()
        switch name {
        case "g": return (try sample("g"), "g", golden.fpnd_g_sample_vs_g)
        case "t": return (try sample("t"), "t", golden.fpnd_t_sample_vs_t)
        default: return (SmearedGluons.jets, "g", golden.fpnd_smeared_g_vs_g)
        }
    }

    @Test("fpnd_norm matches jetnet's JetNet.fpnd_norm exactly on 8 jets")
    func normalisationMatches() throws {
        let golden = try FPNDGolden.load()
        let normalised = try Metrics.fpndNormalised(jetArray(golden.input_g_first8))
        #expect(normalised.storage == jetArray(golden.input_g_first8_fpnd_normed).storage)
    }

    @Test("the input is not modified and the cap is 50,000 jets")
    func inputUntouched() throws {
        let golden = try FPNDGolden.load()
        let jets = jetArray(golden.input_g_first8)
        let copy = jets
        _ = try Metrics.fpnd(gen: jets, jetType: "q")
        #expect(jets == copy)
        #expect(Metrics.Defaults.fpndJets == 50_000)
    }

    @Test("the mean and covariance of activations are numpy's mean and cov (N - 1)")
    func meanAndCovariance() {
        // Rows (1, 2), (3, 8), (5, 5): means 3 and 5; cov = [[4, 3], [3, 9]].
        let (mean, covariance) = Metrics.meanAndCovariance(NDArray(shape: [3, 2], storage: [1, 2, 3, 8, 5, 5]))
        #expect(mean == [3, 5])
        #expect(covariance.storage == [4, 3, 3, 9])
    }

    @Test("jetnet's stored statistics load for g, q, t with a symmetric 256x256 covariance", arguments: ["g", "q", "t"])
    func referenceStatistics(_ jetType: String) throws {
        let reference = try FPNDReference.jetNet(jetType: jetType)
        #expect(reference.mean.count == 256)
        #expect(reference.covariance.shape == [256, 256])
        #expect(reference.covariance[3, 200] == reference.covariance[200, 3])
        #expect((0..<256).allSatisfy { reference.covariance[$0, $0] > 0 })
    }

    @Test("bad inputs are errors, not crashes")
    func badInputs() throws {
        let four = NDArray<Float>(zeros: [10, 30, 4])
        #expect(throws: MetricError.wrongFeatureCount(array: "jets", expected: "3 (etarel, phirel, ptrel)", shape: [10, 30, 4])) {
            try Metrics.fpnd(gen: four, jetType: "g")
        }
        #expect(throws: MetricError.wrongRank(array: "jets", expected: 3, shape: [10, 90])) {
            try Metrics.fpnd(gen: NDArray(zeros: [10, 90]), jetType: "g")
        }
        #expect(throws: MetricError.self) { try Metrics.fpnd(gen: NDArray(zeros: [10, 50, 3]), jetType: "g") }
        for jetType in ["w", "z", "top", ""] {
            #expect(throws: MetricError.unsupportedJetType(jetType, supported: ["g", "q", "t"])) {
                try Metrics.fpnd(gen: NDArray(zeros: [10, 30, 3]), jetType: jetType)
            }
        }
        #expect(throws: InputError.tooFewJets(array: "generated jets", count: 1, needed: 2)) {
            try Metrics.fpnd(gen: NDArray(zeros: [1, 30, 3]), jetType: "g")
        }
        var nan = NDArray<Float>(zeros: [4, 30, 3])
        nan[2, 5, 1] = .nan
        #expect(throws: InputError.nonFinite(array: "generated jets", jet: 2, particle: 5, feature: 1, value: "nan")) {
            try Metrics.fpnd(gen: nan, jetType: "g")
        }
    }
}

@Suite("FPND with your own network and statistics")
struct FPNDCustomTests {
    @Test("fpnd(normalisedJets:network:reference:) with jetnet's parts equals fpnd(gen:jetType:)")
    func customEqualsBuiltIn() throws {
        let golden = try FPNDGolden.load()
        let builtIn = try Metrics.fpnd(gen: jetArray(golden.input_g_first8), jetType: "t")
        let custom = try Metrics.fpnd(
            normalisedJets: jetArray(golden.input_g_first8_fpnd_normed), network: ParticleNet.jetNetPretrained(),
            reference: FPNDReference.jetNet(jetType: "t"))
        #expect(custom == builtIn)
        #expect(custom > 0)
    }

    @Test("progress counts every jet once, in increasing order, and does not change the value")
    func progress() throws {
        let golden = try FPNDGolden.load()
        let jets = jetArray(golden.input_g_first8)
        let reports = Reports()
        let value = try Metrics.fpnd(gen: jets, jetType: "g") { done, total in reports.append(done, total) }
        let seen = reports.all
        #expect(seen.last.map { [$0.done, $0.total] } == [8, 8])
        #expect(seen.allSatisfy { $0.total == 8 } && zip(seen, seen.dropFirst()).allSatisfy { $0.done < $1.done })
        #expect(value == (try Metrics.fpnd(gen: jets, jetType: "g")))
    }

    /// Progress reports collected from the network's worker threads.
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var reports: [(done: Int, total: Int)] = []
        func append(_ done: Int, _ total: Int) { lock.withLock { reports.append((done, total)) } }
        var all: [(done: Int, total: Int)] { lock.withLock { reports } }
    }

    @Test("a reference of the wrong width is an error")
    func wrongWidth() throws {
        let golden = try FPNDGolden.load()
        let reference = FPNDReference(mean: [0, 0], covariance: NDArray(shape: [2, 2], storage: [1, 0, 0, 1]))
        #expect(throws: MetricError.self) {
            try Metrics.fpnd(
                normalisedJets: jetArray(golden.input_g_first8_fpnd_normed), network: ParticleNet.jetNetPretrained(),
                reference: reference)
        }
    }
}
