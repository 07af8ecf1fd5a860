import Foundation
import JetNetCore
import Testing

@testable import JetNetMetrics

@Suite("W1 metrics: properties and bad input")
struct W1PropertyTests {
    /// Small random jets with a varying number of zero-padded particles.
    static func jets(count: Int, particles: Int = 6, features: Int = 3, seed: UInt64) -> NDArray<Float> {
        var rng = NumPyGenerator(seed: seed)
        let normals = rng.standardNormal(count: count * particles * features)
        let lengths = rng.integers(low: 0, high: Int64(particles) + 1, count: count)
        var storage = normals.map { Float($0 * 0.5) }
        if features >= 3 { for i in stride(from: 2, to: storage.count, by: features) { storage[i] = abs(storage[i]) } }  // pt >= 0
        for jet in 0..<count {
            for particle in Int(lengths[jet])..<particles {
                for feature in 0..<features { storage[(jet * particles + particle) * features + feature] = 0 }
            }
        }
        return NDArray(shape: [count, particles, features], storage: storage)
    }

    static let real = jets(count: 300, seed: 1)
    static let gen = jets(count: 250, seed: 2)

    @Test("w1p does not depend on the thread count")
    func w1pThreads() throws {
        let one = try Metrics.w1p(real: Self.real, gen: Self.gen, realMask: nil, genMask: nil, excludeZeros: true,
                                  particleFeatures: nil, samples: 400, batches: 6, seed: 3, threads: 1)
        let two = try Metrics.w1p(real: Self.real, gen: Self.gen, realMask: nil, genMask: nil, excludeZeros: true,
                                  particleFeatures: nil, samples: 400, batches: 6, seed: 3, threads: 2)
        #expect(one == two)
        #expect(one.values.count == 3 && one.values.allSatisfy { $0 > 0 && $0.isFinite })
    }

    /// W1P gathers only the drawn jets' particles, feature by feature from the float input, all
    /// batches' at once (100 draws from 300 and 250 jets) or batch by batch (10 draws, 12 batches:
    /// the batches together draw about ten times one batch's particles); the generic engine on
    /// every particle (as `Double`) must give the same distances.
    @Test("w1p over the drawn jets' particles equals the bootstrap over every particle",
          arguments: [(UInt64(3), 100, 4), (11, 100, 4), (3, 10, 12), (11, 10, 12)])
    func w1pDrawnParticlesEqualsAllParticles(seed: UInt64, samples: Int, batches: Int) throws {
        #expect(Metrics.w1pTakesBatchesApart(drawnItems: 401, largestBatchItems: 100)
                && !Metrics.w1pTakesBatchesApart(drawnItems: 400, largestBatchItems: 100))
        for mask in [nil, NDArray<Float>(shape: [300, 6], storage: (0..<1800).map { Float(($0 / 6 + $0) % 3 == 0 ? 0 : 1) })] {
            let drawnOnly = Metrics.w1pBootstrap(real: Self.real, gen: Self.gen, realMask: mask, genMask: nil, excludeZeros: true,
                                                 features: 3, samples: samples, batches: batches, seed: seed, threads: 2)
            let every = Metrics.bootstrapW1(
                real: W1Inputs.particleSide(Self.real, mask: mask, excludeZeros: true, features: 3),
                gen: W1Inputs.particleSide(Self.gen, mask: nil, excludeZeros: true, features: 3),
                features: 3, samples: samples, batches: batches, seed: seed, threads: 2, what: "particles")
            #expect(drawnOnly.values.count == 3 && drawnOnly.values.allSatisfy { $0 > 0 && $0.isFinite })
            for (a, b) in zip(drawnOnly.values + drawnOnly.errors, every.values + every.errors) {
                #expect(abs(a - b) <= 1e-13 * abs(b), "\(a) vs \(b)")
            }
        }
    }

    @Test("w1 of jet-level columns does not depend on the thread count")
    func w1Threads() throws {
        let a = NDArray<Double>(shape: [300, 4], storage: Self.real.storage.prefix(1200).map(Double.init))
        let b = NDArray<Double>(shape: [250, 4], storage: Self.gen.storage.prefix(1000).map(Double.init))
        let one = try Metrics.w1(real: a, gen: b, samples: 500, batches: 4, seed: 9, threads: 1)
        let two = try Metrics.w1(real: a, gen: b, samples: 500, batches: 4, seed: 9, threads: 2)
        #expect(one == two)
    }

    @Test("w1efp does not depend on the thread count")
    func w1efpThreads() throws {
        let one = try Metrics.w1efp(real: Self.real, gen: Self.gen, particleMasses: false, selection: ["d<=2"],
                                    samples: 200, batches: 3, seed: 2, threads: 1)
        let two = try Metrics.w1efp(real: Self.real, gen: Self.gen, particleMasses: false, selection: ["d<=2"],
                                    samples: 200, batches: 3, seed: 2, threads: 2)
        #expect(one == two)
        #expect(one.values.count == 5)  // energyflow's d<=2 set: 1, one edge, and three graphs of degree 2
    }

    /// The bootstrap engine (sort once, weighted walks) against scipy-style W1 of the gathered
    /// particles of each batch, drawn with the same generator calls as jetnet.
    @Test("w1p equals wasserstein1D of each batch's gathered particles")
    func w1pEqualsDirectComputation() throws {
        let samples = 120, batches = 3
        let result = try Metrics.w1p(real: Self.real, gen: Self.gen, samples: samples, batches: batches, seed: 11)
        var rng = NumPyGenerator(seed: 11)
        var perBatch = [[Double]]()
        func gather(_ jets: NDArray<Float>, _ rows: [Int], _ feature: Int) -> [Double] {
            var values = [Double]()
            for row in rows {
                for p in 0..<6 {
                    let x = (0..<3).map { jets[row, p, $0] }
                    if x.contains(where: { $0 != 0 }) { values.append(Double(x[feature])) }
                }
            }
            return values
        }
        for _ in 0..<batches {
            let r1 = rng.choice(300, count: samples), r2 = rng.choice(250, count: samples)
            perBatch.append(try (0..<3).map { try wasserstein1D(gather(Self.real, r1, $0), gather(Self.gen, r2, $0)) })
        }
        for feature in 0..<3 {
            let values = perBatch.map { $0[feature] }
            let mean = values.reduce(0, +) / Double(batches)
            let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(batches)).squareRoot()
            #expect(abs(result.values[feature] - mean) <= 1e-13 * mean)
            #expect(abs(result.errors[feature] - std) <= 1e-9 * std)
        }
    }

    /// More batches than the walk's eight lanes (a second lane group) and more samples than a
    /// 16-bit count holds (32-bit counts), against scipy-style W1 of each batch's drawn rows.
    @Test("w1 equals wasserstein1D of each batch's drawn rows", arguments: [(10, 300), (3, 70_000)])
    func w1EqualsDirectComputation(batches: Int, samples: Int) throws {
        let real = NDArray<Double>(shape: [300, 2], storage: Self.real.storage.prefix(600).map(Double.init))
        let gen = NDArray<Double>(shape: [250, 2], storage: Self.gen.storage.suffix(500).map(Double.init))
        let result = try Metrics.w1(real: real, gen: gen, samples: samples, batches: batches, seed: 5, threads: 2)
        var rng = NumPyGenerator(seed: 5)
        var perBatch = [[Double]]()
        for _ in 0..<batches {
            let r1 = rng.choice(300, count: samples), r2 = rng.choice(250, count: samples)
            perBatch.append(try (0..<2).map { f in try wasserstein1D(r1.map { real[$0, f] }, r2.map { gen[$0, f] }) })
        }
        for feature in 0..<2 {
            let values = perBatch.map { $0[feature] }
            let mean = values.reduce(0, +) / Double(batches)
            let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(batches)).squareRoot()
            #expect(abs(result.values[feature] - mean) <= 1e-13 * mean, "\(result.values[feature]) vs \(mean)")
            #expect(abs(result.errors[feature] - std) <= 1e-9 * std, "\(result.errors[feature]) vs \(std)")
        }
    }

    @Test("per-feature values read one by one as MetricValue; averaged is the papers' single number")
    func perFeatureValues() throws {
        let result = try Metrics.w1p(real: Self.real, gen: Self.gen, samples: 50, batches: 2, seed: 0)
        #expect(result.count == 3)
        for feature in 0..<3 {
            #expect(result[feature] == MetricValue(value: result.values[feature], error: result.errors[feature]))
        }
        let mean = result.values.reduce(0, +) / 3
        let rms = (result.errors.map { $0 * $0 }.reduce(0, +) / 3).squareRoot()
        #expect(abs(result.averaged.value - mean) <= 1e-15 * mean && abs(result.averaged.error - rms) <= 1e-15 * rms)
    }

    @Test("a side with no particles gives one infinity per feature")
    func emptySelection() throws {
        let zeros = NDArray<Float>(zeros: [20, 6, 3])
        let result = try Metrics.w1p(real: Self.real, gen: zeros, particleFeatures: 2, samples: 10, batches: 2, seed: 0)
        #expect(result.values == [.infinity, .infinity])
        #expect(result.errors.allSatisfy { $0.isNaN })  // NumPy: std of infinities is NaN
    }

    @Test("masks select particles; excludeZeros false keeps zero particles")
    func masks() throws {
        // Mask out every particle of the real jets but the first: equals W1P on one-particle jets.
        var maskStorage = [Float](repeating: 0, count: 300 * 6)
        for jet in 0..<300 { maskStorage[jet * 6] = 1 }
        let mask = NDArray<Float>(shape: [300, 6, 1], storage: maskStorage)
        let masked = try Metrics.w1p(real: Self.real, gen: Self.gen, realMask: mask, excludeZeros: false, samples: 100, batches: 2, seed: 4)
        let firstOnly = try Metrics.w1p(real: Self.real.reshaped([1800, 1, 3]).gatheringRows((0..<300).map { $0 * 6 }).reshaped([300, 1, 3]),
                                        gen: Self.gen, excludeZeros: false, samples: 100, batches: 2, seed: 4)
        #expect(masked == firstOnly)
        let kept = try Metrics.w1p(real: Self.real, gen: Self.gen, excludeZeros: false, samples: 100, batches: 2, seed: 4)
        let excluded = try Metrics.w1p(real: Self.real, gen: Self.gen, excludeZeros: true, samples: 100, batches: 2, seed: 4)
        #expect(kept.values != excluded.values)
    }

    @Test("bad input throws errors that name the array")
    func badInput() throws {
        let flat = NDArray<Float>(shape: [10, 3], repeating: 1)
        #expect(throws: MetricError.wrongRank(array: "real", expected: 3, shape: [10, 3])) {
            try Metrics.w1p(real: flat, gen: Self.gen, seed: 0)
        }
        #expect(throws: MetricError.wrongRank(array: "gen", expected: 3, shape: [10, 3])) {
            try Metrics.w1m(real: Self.real, gen: flat, seed: 0)
        }
        let twoFeatures = Self.gen.selectingLast([0, 1])
        #expect(throws: MetricError.wrongFeatureCount(array: "gen", expected: "at least 3", shape: [250, 6, 2])) {
            try Metrics.w1p(real: Self.real, gen: twoFeatures, seed: 0)
        }
        #expect(throws: MetricError.wrongFeatureCount(array: "real", expected: "at least 4", shape: [300, 6, 3])) {
            try Metrics.w1p(real: Self.real, gen: Self.gen, particleFeatures: 4, seed: 0)
        }
        #expect(throws: MetricError.wrongFeatureCount(array: "gen", expected: "at least 3", shape: [250, 6, 2])) {
            try Metrics.w1m(real: Self.real, gen: twoFeatures, seed: 0)
        }
        var withNaN = Self.gen
        withNaN[3, 2, 1] = .nan
        #expect(throws: InputError.nonFinite(array: "generated jets", jet: 3, particle: 2, feature: 1, value: "nan")) {
            try Metrics.w1p(real: Self.real, gen: withNaN, seed: 0)
        }
        var withInfinity = Self.real
        withInfinity[0, 0, 2] = .infinity
        #expect(throws: InputError.nonFinite(array: "real jets", jet: 0, particle: 0, feature: 2, value: "inf")) {
            try Metrics.w1m(real: withInfinity, gen: Self.gen, seed: 0)
        }
        for (samples, batches, name, value) in [(0, 5, "samples", 0), (-3, 5, "samples", -3), (10, 0, "batches", 0)] {
            #expect(throws: MetricError.invalidArgument(name: name, value: "\(value)", allowed: "at least 1")) {
                try Metrics.w1p(real: Self.real, gen: Self.gen, samples: samples, batches: batches, seed: 0)
            }
            #expect(throws: MetricError.invalidArgument(name: name, value: "\(value)", allowed: "at least 1")) {
                try Metrics.w1m(real: Self.real, gen: Self.gen, samples: samples, batches: batches, seed: 0)
            }
        }
        #expect(throws: MetricError.shapeMismatch(first: "genMask", firstShape: [250, 5], second: "gen", secondShape: [250, 6, 3])) {
            try Metrics.w1p(real: Self.real, gen: Self.gen, genMask: NDArray<Float>(zeros: [250, 5]), seed: 0)
        }
        #expect(throws: MetricError.wrongFeatureCount(array: "real", expected: "at least 4", shape: [300, 6, 3])) {
            try Metrics.w1efp(real: Self.real, gen: Self.gen, particleMasses: true, seed: 0)
        }
        #expect(throws: InputError.nonFinite(array: "generated jets", jet: 3, particle: 2, feature: 1, value: "nan")) {
            try Metrics.w1efp(real: Self.real, gen: withNaN, seed: 0)
        }
        #expect(throws: MetricError.invalidArgument(name: "batches", value: "-1", allowed: "at least 1")) {
            try Metrics.w1efp(real: Self.real, gen: Self.gen, batches: -1, seed: 0)
        }
        #expect(throws: MetricError.tooFewSamples(array: "real", rows: 0, needed: 1)) {
            try Metrics.w1p(real: NDArray<Float>(zeros: [0, 6, 3]), gen: Self.gen, seed: 0)
        }
        #expect(throws: MetricError.shapeMismatch(first: "real", firstShape: [4, 2], second: "gen", secondShape: [4, 3])) {
            try Metrics.w1(real: NDArray<Double>(zeros: [4, 2]), gen: NDArray<Double>(zeros: [4, 3]), seed: 0)
        }
    }
}
