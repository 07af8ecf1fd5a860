import Foundation

/// A deterministic generator for test data (SplitMix64), so property tests are reproducible.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }
}

/// Exact EMD of tiny jets by enumerating the vertices of the transportation polytope: every
/// spanning tree of the bipartite supply/demand graph is a candidate basis, its flows follow by
/// peeling leaves, and the cheapest feasible one is optimal (an LP attains its optimum at a vertex).
///
/// Independent of the network simplex: the pt difference is handled the textbook way, with a
/// zero-cost slack node on the lighter side and `|sum pt - sum pt'|` added afterwards.
enum TransportBruteForce {
    /// The EMD between jets given as `(pt, y, phi)` rows, with `(theta / R)^beta` costs.
    static func emd(_ jet0: [[Double]], _ jet1: [[Double]], R: Double = 1, beta: Double = 1) -> Double {
        var supplies = jet0.map { $0[0] }
        var demands = jet1.map { $0[0] }
        var costs = jet0.map { p in jet1.map { q in pow(((p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2])).squareRoot() / R, beta) } }
        let difference = demands.reduce(0, +) - supplies.reduce(0, +)
        if difference > 0 {
            supplies.append(difference)
            costs.append([Double](repeating: 0, count: demands.count))
        } else if difference < 0 {
            demands.append(-difference)
            costs = costs.map { $0 + [0] }
        }
        return cheapestVertex(supplies: supplies, demands: demands, costs: costs) + abs(difference)
    }

    /// Minimum of `sum f_ij c_ij` over the vertices of `{f >= 0, rows sum to supplies, columns to demands}`.
    static func cheapestVertex(supplies: [Double], demands: [Double], costs: [[Double]]) -> Double {
        let rows = supplies.count, columns = demands.count
        let basisSize = rows + columns - 1
        var best = Double.infinity
        var chosen: [Int] = []

        func root(_ parent: inout [Int], _ node: Int) -> Int {
            var node = node
            while parent[node] != node { node = parent[node] }
            return node
        }

        func evaluate() {
            // Peel leaves: a node with one remaining edge fixes that edge's flow.
            var remaining = supplies + demands
            var edges = chosen
            var flows: [Int: Double] = [:]
            while !edges.isEmpty {
                var degree = [Int](repeating: 0, count: rows + columns)
                for cell in edges { degree[cell / columns] += 1; degree[rows + cell % columns] += 1 }
                guard let leafEdge = edges.firstIndex(where: { degree[$0 / columns] == 1 || degree[rows + $0 % columns] == 1 }) else { return }
                let cell = edges.remove(at: leafEdge)
                let row = cell / columns, column = rows + cell % columns
                let flow = degree[row] == 1 ? remaining[row] : remaining[column]
                if flow < -1e-13 { return }
                flows[cell] = flow
                remaining[row] -= flow
                remaining[column] -= flow
            }
            let cost = flows.reduce(0.0) { $0 + $1.value * costs[$1.key / columns][$1.key % columns] }
            best = min(best, cost)
        }

        func extend(from start: Int, parent: [Int]) {
            if chosen.count == basisSize {
                evaluate()
                return
            }
            guard start < rows * columns else { return }
            for cell in start..<(rows * columns) {
                var next = parent
                let a = root(&next, cell / columns), b = root(&next, rows + cell % columns)
                if a == b { continue }  // would close a cycle: not a tree
                next[a] = b
                chosen.append(cell)
                extend(from: cell + 1, parent: next)
                chosen.removeLast()
            }
        }
        extend(from: 0, parent: Array(0..<(rows + columns)))
        return best
    }
}
