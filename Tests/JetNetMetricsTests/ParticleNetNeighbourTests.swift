import CParticleNetKernels
import Testing

/// EdgeConv's neighbour search (`jetnet_pn_nearest_neighbours`): jets of at most 32 particles
/// take the ranked AVX-512 search on CPUs with AVX-512F, larger ones (and other CPUs) the
/// insertion search; both must pick exactly the neighbours, in exactly the order, of a stable
/// sort of the float32 distances, or FPND's values would change.
@Suite("ParticleNet neighbour search")
struct ParticleNetNeighbourTests {
    /// `nodeStride`-wide rows with `width` features from `column` on, `jets` jets of `particles`;
    /// the last `padding` particles of each jet are zero, the others on a grid of `levels` values
    /// (0: continuous), so that equal distances are common.
    static func nodes(jets: Int, particles: Int, width: Int, padding: Int, levels: Int, seed: UInt64) -> [Float] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        var nodes = [Float](repeating: .nan, count: jets * particles * stride)
        for node in 0..<jets * particles {
            for c in 0..<width {
                let value = levels > 0 ? Float(next() % UInt64(levels)) / Float(levels) : Float(next() % 1_000_003) / 1e6 - 0.5
                nodes[node * stride + column + c] = node % particles >= particles - padding ? 0 : value
            }
        }
        return nodes
    }

    static let stride = 211, column = 5

    /// The squared distance as the kernels define it: four partial sums over columns c = m
    /// (mod 4), the remaining columns into the first, combined as (s0 + s1) + (s2 + s3).
    static func distance(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Float {
        let a = Array(a), b = Array(b)
        var s: [Float] = [0, 0, 0, 0]
        let whole = a.count / 4 * 4
        for c in 0..<whole {
            let d = a[c] - b[c]
            s[c % 4] += d * d
        }
        for c in whole..<a.count {
            let d = a[c] - b[c]
            s[0] += d * d
        }
        return (s[0] + s[1]) + (s[2] + s[3])
    }

    /// The k nearest other particles of each particle, nearest first, ties to the lower index.
    static func expected(_ nodes: [Float], jets: Int, particles: Int, width: Int, k: Int) -> [Int32] {
        var result: [Int32] = []
        for jet in 0..<jets {
            let base = jet * particles
            func row(_ j: Int) -> ArraySlice<Float> {
                nodes[(base + j) * stride + column..<(base + j) * stride + column + width]
            }
            for i in 0..<particles {
                let others = (0..<particles).filter { $0 != i }.map { (distance: distance(row(i), row($0)), index: $0) }
                let sorted = others.sorted { $0.distance < $1.distance || ($0.distance == $1.distance && $0.index < $1.index) }
                result += sorted.prefix(k).map { Int32(base + $0.index) }
            }
        }
        return result
    }

    static func search(_ nodes: [Float], jets: Int, particles: Int, width: Int, k: Int) -> [Int32] {
        var scratch = [Float](repeating: 0, count: jetnet_pn_nearest_neighbours_scratch(particles, width))
        var neighbours = [Int32](repeating: -1, count: jets * particles * k)
        jetnet_pn_nearest_neighbours(nodes, stride, column, width, jets, particles, k, &scratch, &neighbours)
        return neighbours
    }

    @Test(
        "neighbours and their order are those of a stable sort of the float32 distances",
        arguments: [
            (particles: 30, k: 16), (particles: 17, k: 16), (particles: 32, k: 16), (particles: 33, k: 16),
            (particles: 40, k: 16), (particles: 16, k: 8), (particles: 12, k: 11), (particles: 2, k: 1),
            (particles: 24, k: 4),
        ], [2, 3, 5, 67, 195])
    func matchesStableSort(shape: (particles: Int, k: Int), width: Int) {
        let (particles, k) = shape
        for (padding, levels) in [(0, 0), (particles / 3, 0), (particles / 2, 3), (0, 2)] {
            let nodes = Self.nodes(
                jets: 3, particles: particles, width: width, padding: padding, levels: levels,
                seed: UInt64(particles * 1000 + width * 10 + levels))
            let found = Self.search(nodes, jets: 3, particles: particles, width: width, k: k)
            let expected = Self.expected(nodes, jets: 3, particles: particles, width: width, k: k)
            #expect(found == expected, "\(particles) particles, k = \(k), width \(width), \(padding) padded, \(levels) levels")
        }
    }

    @Test("infinite distances tie and go to the lower index")
    func infiniteDistances() {
        let (particles, width, k) = (30, 3, 16)
        var nodes = Self.nodes(jets: 2, particles: particles, width: width, padding: 0, levels: 0, seed: 7)
        // Half of each jet far enough away that their squared distances to the rest overflow.
        for node in 0..<2 * particles where node % 2 == 0 { nodes[node * Self.stride + Self.column] = 3e19 }
        let found = Self.search(nodes, jets: 2, particles: particles, width: width, k: k)
        #expect(found == Self.expected(nodes, jets: 2, particles: particles, width: width, k: k))
        #expect(Self.distance([3e19, 0, 0], [0, 0, 0]) == .infinity)
    }

    @Test("NaN features (a float16 overflow) still give k distinct other particles of the same jet")
    func notANumber() {
        let (particles, width, k) = (30, 67, 16)
        var nodes = Self.nodes(jets: 2, particles: particles, width: width, padding: 5, levels: 0, seed: 11)
        for node in [3, 4, 40] { nodes[node * Self.stride + Self.column + 9] = .nan }
        let found = Self.search(nodes, jets: 2, particles: particles, width: width, k: k)
        for node in 0..<2 * particles {
            let row = found[node * k..<(node + 1) * k]
            let jet = node / particles
            #expect(Set(row).count == k && row.allSatisfy { Int($0) / particles == jet && Int($0) != node })
        }
    }
}
