import JetNetCore
import Testing

@testable import JetNetMetrics

@Suite("W1P's merged particle sort")
struct MergedParticleSortTests {
    /// Jets `[count, 5, 2]` whose first feature takes few distinct values (many equal keys
    /// within and across sides, many in one top digit) and whose second is continuous, both
    /// signs, with zero-padded particles.
    static func jets(count: Int, seed: UInt64) -> NDArray<Float> {
        var rng = NumPyGenerator(seed: seed)
        let steps = rng.integers(low: -40, high: 40, count: count * 5)
        let normals = rng.standardNormal(count: count * 5)
        var storage = [Float]()
        for i in 0..<(count * 5) {
            let padded = i % 5 == 4 && i % 3 == 0
            storage += padded ? [0, 0] : [Float(steps[i]) / 64 + 1, Float(normals[i])]
        }
        return NDArray(shape: [count, 5, 2], storage: storage)
    }

    @Test("the buffer holds both sides' keys in (value, tag) order, whatever the thread count",
          arguments: [(1, 0), (2, 0), (1, 1), (2, 1)])
    func mergedOrder(threads: Int, feature: Int) {
        let (real, gen) = (Self.jets(count: 400, seed: 1), Self.jets(count: 300, seed: 2))
        let drawn = [Array(stride(from: 0, to: 400, by: 2)), Array(stride(from: 1, to: 300, by: 3))]
        let sides: [(NDArray<Float>, NDArray<Float>?)] = [(real, nil), (gen, nil)]
        var expected: [UInt64] = []
        var counts = [0, 0]
        for side in 0..<2 {
            W1Inputs.forEachPackedParticle(
                sides[side].0, mask: nil, excludeZeros: true, features: 2, feature: feature, jets: drawn[side],
                tagOffset: side * 400) { key in
                expected.append(key)
                counts[side] += 1
            }
        }
        var buffer = [UInt64](repeating: 0, count: expected.count)
        buffer.withUnsafeMutableBufferPointer { buffer in
            MergedParticleSort.gather(
                sides: sides, excludeZeros: true, features: 2, feature: feature, drawn: drawn, tagOffsets: [0, 400],
                counts: counts, into: buffer, scratch: MergedParticleSort.Scratch(), threads: threads)
        }
        #expect(buffer == expected.sorted())
        guard feature == 0 else { return }
        // Parts large enough for the radix sort, and keys equal across sides (ties by tag).
        let digits = Dictionary(grouping: expected) { $0 >> UInt64(64 - MergedParticleSort.topBits) }
        #expect(digits.values.contains { $0.count > MergedParticleSort.comparisonSortLimit })
        #expect(Set(expected.filter { $0 & 0xFFFF_FFFF < 400 }.map { $0 >> 32 })
            .intersection(expected.filter { $0 & 0xFFFF_FFFF >= 400 }.map { $0 >> 32 }).count > 10)
    }
}
