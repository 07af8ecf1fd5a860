/// One edge of an EFP multigraph; a multiedge appears once per multiplicity.
public struct EFPEdge: Sendable, Hashable, CustomStringConvertible {
    /// The smaller vertex label.
    public let u: Int
    /// The larger vertex label.
    public let v: Int

    /// Makes an edge between vertices `u` and `v`.
    public init(_ u: Int, _ v: Int) {
        self.u = u
        self.v = v
    }

    /// The edge as `(u, v)`.
    public var description: String { "(\(u), \(v))" }
}

/// A multigraph indexing an Energy Flow Polynomial, with energyflow's specs.
///
/// `EFP_G = sum over particles i_1...i_n of z_{i_1}...z_{i_n} prod_{(k,l) in G} theta_{i_k i_l}`.
/// The specs are the columns of energyflow's `EFPSet.specs`.
public struct EFPGraph: Sendable, Hashable {
    /// Number of vertices (the empty graph has one).
    public let n: Int
    /// Number of simple edges (multiedges counted once).
    public let e: Int
    /// Degree: number of edges counted with multiplicity.
    public let d: Int
    /// Maximum valency of a vertex.
    public let v: Int
    /// Index of the graph among graphs with the same `n` and `d` in energyflow's table.
    public let k: Int
    /// Variable-elimination complexity chi energyflow's einsum path reaches (cost ~ M^c).
    public let c: Int
    /// Number of prime factors (connected components); 1 for the empty graph.
    public let p: Int
    /// Number of valency-1 vertices.
    public let h: Int
    /// The edges as energyflow's `EFPSet.graphs()` lists them (multiedges repeated).
    public let edges: [EFPEdge]

    /// The specs row `[n, e, d, v, k, c, p, h]`, in energyflow's column order.
    public var specs: [Int] { [n, e, d, v, k, c, p, h] }

    /// Whether the graph is connected (prime).
    public var isPrime: Bool { p == 1 }

    /// The value of one spec variable.
    public func spec(_ variable: EFPCondition.Variable) -> Int {
        switch variable {
        case .n: n
        case .e: e
        case .d: d
        case .v: v
        case .k: k
        case .c: c
        case .p: p
        case .h: h
        }
    }

    init(specs s: [Int], edges: [EFPEdge]) {
        precondition(s.count == 8, "EFPGraph needs 8 specs")
        (n, e, d, v, k, c, p, h) = (s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7])
        self.edges = edges
    }
}
