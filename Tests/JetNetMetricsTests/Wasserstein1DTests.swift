import Foundation
import Testing
import JetNetTestSupport

@testable import JetNetMetrics

/// scipy's `wasserstein_distance` on assorted inputs (Fixtures/wasserstein1d.json).
struct WassersteinCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let u: [Double]
    let v: [Double]
    let uWeights: [Double]?
    let vWeights: [Double]?
    let distance: Double

    var testDescription: String { name }

    static let all: [WassersteinCase] = {
        struct File: Decodable { let cases: [WassersteinCase] }
        return try! fixtures.decode(File.self, from: "wasserstein1d.json").cases
    }()
}

@Suite("1-D Wasserstein distance")
struct Wasserstein1DTests {
    @Test("matches scipy.stats.wasserstein_distance", arguments: WassersteinCase.all)
    func matchesScipy(_ c: WassersteinCase) throws {
        let d = try wasserstein1D(c.u, c.v, uWeights: c.uWeights, vWeights: c.vWeights)
        #expect(abs(d - c.distance) <= 1e-12 * max(abs(c.distance), 1e-300), "\(d) vs scipy \(c.distance)")
        // The distance is symmetric.
        let swapped = try wasserstein1D(c.v, c.u, uWeights: c.vWeights, vWeights: c.uWeights)
        #expect(abs(swapped - d) <= 1e-12 * max(d, 1e-300))
    }

    @Test("shifting a sample by c moves it by exactly |c|", arguments: [0.5, -2.0, 8.0])
    func shift(_ c: Double) throws {
        let u: [Double] = [0, 0.25, 1, 3, 3, 7]
        #expect(try wasserstein1D(u, u.map { $0 + c }) == abs(c))
    }

    @Test("integer weights equal repeated values")
    func weightsAreMultiplicities() throws {
        let weighted = try wasserstein1D([1, 4, 9], [2, 3], uWeights: [2, 1, 3], vWeights: [1, 4])
        let repeated = try wasserstein1D([1, 1, 4, 9, 9, 9], [2, 3, 3, 3, 3])
        #expect(abs(weighted - repeated) <= 1e-15 * repeated)
    }

    @Test("bad input throws a descriptive error")
    func badInput() throws {
        #expect(throws: MetricError.tooFewSamples(array: "u", rows: 0, needed: 1)) { try wasserstein1D([], [1]) }
        #expect(throws: MetricError.tooFewSamples(array: "v", rows: 0, needed: 1)) { try wasserstein1D([1], []) }
        #expect(throws: MetricError.nonFinite(array: "v", index: 1)) { try wasserstein1D([1], [0, .nan]) }
        #expect(throws: MetricError.nonFinite(array: "u", index: 0)) { try wasserstein1D([.infinity], [0]) }
        #expect(throws: MetricError.shapeMismatch(first: "u", firstShape: [2], second: "uWeights", secondShape: [1])) {
            try wasserstein1D([1, 2], [0], uWeights: [1])
        }
        #expect(throws: MetricError.invalidArgument(name: "vWeights[1]", value: "-1.0", allowed: "non-negative")) {
            try wasserstein1D([1], [0, 2], vWeights: [1, -1])
        }
        #expect(throws: MetricError.invalidArgument(name: "sum of uWeights", value: "0.0", allowed: "positive and finite")) {
            try wasserstein1D([1, 2], [0], uWeights: [0, 0])
        }
        let error = MetricError.nonFinite(array: "v", index: 1)
        #expect(error.errorDescription?.contains("v holds NaN or infinity at flat index 1") == true)
    }

    @Test("the radix sort orders negative, zero and positive values like a comparison sort")
    func radixSortOrder() {
        let values: [Double] = [3, -0.0, -1e-300, 1e300, -2, 0, 0x1p-1074, -1e300, 2.5, -2]
        let (sorted, tags) = OrderedRadixSort.sort(values: values, tags: (0..<UInt32(values.count)).map { $0 })
        #expect(sorted == values.sorted())
        #expect(tags.map { values[Int($0)] } == sorted)
        let floats = ([3, -0.0, -1e-30, 1e30, -2, 0, 0x1p-149, -1e30, 2.5, -2] as [Float]).map(Double.init)
        let packed = OrderedRadixSort.sortPacked(floats: floats, tags: (0..<UInt32(floats.count)).map { $0 })
        let unpacked = packed.map { Double(OrderedRadixSort.float(key: UInt32($0 >> 32))) }
        #expect(unpacked == floats.sorted())
        #expect(packed.map { floats[Int($0 & 0xffff_ffff)] } == unpacked)
    }
}
