import Foundation
import JetNetCore
@testable import JetNetPhysics
import Testing

@Suite("Normalisations")
struct NormalisationTests {
    /// Deterministic pseudo-random data of shape [jets, particles, features] (an LCG; values in [-3, 5)).
    static func data(jets: Int = 40, particles: Int = 7, features: Int = 4) -> NDArray<Float> {
        var state: UInt64 = 12345
        return NDArray(shape: [jets, particles, features], storage: (0..<(jets * particles * features)).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let unit = Double(state >> 11) / Double(1 << 53)
            return Float(unit * 8 - 3) * Float(1 + i % features)
        })
    }

    @Test("FeaturewiseLinear with given shifts and scales: (x + shift) * scale, only enabled features")
    func linearExplicit() throws {
        let x = NDArray<Float>(shape: [2, 3], storage: [1, 2, 3, 4, 5, 6])
        let norm = FeaturewiseLinear(shifts: [1, -2, 0.5], scales: [2, 0.5, 10], normaliseFeatures: [true, true, false])
        #expect(try norm.normalised(x).storage == [4, 0, 3, 10, 1.5, 6])
        #expect(try norm.inverted(norm.normalised(x)) == x)
        #expect(!norm.needsDeriving)
    }

    @Test("A single shift or scale applies to every feature")
    func linearBroadcast() throws {
        let x = NDArray<Float>(shape: [1, 2], storage: [1, 2])
        #expect(try FeaturewiseLinear(shifts: [1], scales: [3]).normalised(x).storage == [6, 9])
    }

    @Test("normal: true derives mean and std (ours), and the result has zero mean and unit std")
    func linearDerivesNormal() throws {
        let x = Self.data()
        var norm = FeaturewiseLinear(normal: true)
        #expect(norm.needsDeriving)
        norm.derive(from: x)
        #expect(!norm.needsDeriving)
        let y = try norm.normalised(x)
        let statistics = FeatureStatistics(of: y)
        for f in 0..<4 {
            #expect(abs(statistics.mean[f]) < 1e-6)
            #expect(abs(statistics.standardDeviation[f] - 1) < 1e-6)
        }
    }

    @Test("Derived mean and std equal a direct two-pass computation")
    func statisticsDirect() {
        let x = Self.data(jets: 3000, particles: 2, features: 3)
        let statistics = FeatureStatistics.streaming(rows: 3000, features: 3) { x.rows($0) }
        for f in 0..<3 {
            let column = stride(from: f, to: x.count, by: 3).map { Double(x.storage[$0]) }
            let mean = column.reduce(0, +) / Double(column.count)
            let std = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(column.count)).squareRoot()
            #expect(abs(statistics.mean[f] - mean) < 1e-12 * max(1, abs(mean)))
            #expect(abs(statistics.standardDeviation[f] - std) < 1e-12 * std)
            #expect(statistics.absoluteMax[f] == column.map(abs).max()!)
        }
    }

    @Test("Round trips return the input within 1e-6", arguments: [
        [true, true, true, true], [true, false, true, false], [false, false, false, false],
    ])
    func roundTrips(enabled: [Bool]) throws {
        let x = Self.data()
        var linear = FeaturewiseLinear(shifts: nil, scales: nil, normaliseFeatures: enabled)
        linear.derive(from: x)
        for (a, b) in zip(try linear.inverted(linear.normalised(x)).storage, x.storage) { #expect(abs(a - b) <= 1e-6 * max(1, abs(b))) }
        var bounded = FeaturewiseLinearBounded(norms: [1.0, nil, 2.0, 1.0], shifts: [0, 0.5, nil, -0.5], normaliseFeatures: enabled)
        bounded.derive(from: x)
        let normalised = try bounded.normalised(x)
        // Every round-tripped value within 1e-6 of its own magnitude.
        let back = try bounded.inverted(normalised)
        for (a, b) in zip(back.storage, x.storage) { #expect(abs(a - b) <= 1e-6 * max(1, abs(b))) }
    }

    @Test("FeaturewiseLinearBounded scales to the norm: max |x| becomes the norm, then shifted")
    func boundedScales() throws {
        let x = Self.data()
        var norm = FeaturewiseLinearBounded(norms: [1.0], shifts: [0, 0, 0, -0.5])
        norm.derive(from: x)
        let y = try norm.normalised(x)
        let statistics = FeatureStatistics(of: y)
        for f in 0..<3 { #expect(abs(statistics.absoluteMax[f] - 1) < 1e-6) }
        // The shifted feature: max |y + 0.5| is the norm.
        let last = stride(from: 3, to: y.count, by: 4).map { abs(Double(y.storage[$0]) + 0.5) }
        #expect(abs(last.max()! - 1) < 1e-6)
    }

    @Test("nil entries skip scaling or shifting for that feature")
    func boundedNilEntries() throws {
        let x = NDArray<Float>(shape: [2, 3], storage: [2, -4, 1, -1, 2, 3])
        let norm = FeaturewiseLinearBounded(norms: [nil, 1.0, nil], shifts: [1.0, nil, nil], maxes: [2, 4, 3])
        #expect(try norm.normalised(x).storage == [3, -1, 1, 0, 0.5, 3])
    }

    @Test("Mismatched parameter counts and underived parameters are errors")
    func errors() {
        let x = NDArray<Float>(shape: [2, 3], storage: [1, 2, 3, 4, 5, 6])
        #expect(throws: NormalisationError.featureCountMismatch(parameter: "shifts", count: 2, features: 3)) {
            try FeaturewiseLinear(shifts: [1, 2], scales: [1]).normalised(x)
        }
        #expect(throws: NormalisationError.notDerived("FeaturewiseLinear shifts and scales")) {
            try FeaturewiseLinear(shifts: nil, scales: [1]).normalised(x)
        }
        #expect(throws: NormalisationError.notDerived("FeaturewiseLinearBounded maxes")) {
            try FeaturewiseLinearBounded().normalised(x)
        }
        #expect(throws: NormalisationError.featureCountMismatch(parameter: "maxes", count: 2, features: 3)) {
            try FeaturewiseLinearBounded(maxes: [1, 2]).normalised(x)
        }
    }
}
