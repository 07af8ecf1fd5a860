import Foundation
import JetNetCore

/// energyflow 1.4.0's EFP graph table (`efps_d_le_10.json.gz`) up to the bundled degree, in its
/// order: the order of an ``EFPSet`` is part of its result (the d <= 4 set is the FPD/KPD
/// feature vector). Made by `scripts/fixtures/make_efp_table.py`.
struct EFPTable: Sendable {
    /// A simple edge with its multiplicity.
    struct WeightedEdge: Sendable, Hashable {
        let u: Int
        let v: Int
        let weight: Int
    }

    /// A connected (prime) graph with its simple edges.
    struct Prime: Sendable {
        let graph: EFPGraph
        let simpleEdges: [WeightedEdge]
    }

    /// A disconnected graph: the product of prime graphs.
    struct Composite: Sendable {
        let graph: EFPGraph
        /// Indices into ``EFPTable/primes``.
        let factors: [Int]
    }

    let primes: [Prime]
    let composites: [Composite]
    let maximumDegree: Int

    /// The bundled table, parsed once.
    static let bundled: Result<EFPTable, EFPError> = {
        guard let url = BundledResources.url(bundle: "JetNet_JetNetPhysics.resources", "Resources/efp_table.txt")
            ?? Bundle.module.url(forResource: "efp_table", withExtension: "txt", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "efp_table", withExtension: "txt")
        else { return .failure(.badTable("efp_table.txt is missing from the JetNetPhysics bundle")) }
        do {
            return .success(try EFPTable(text: String(contentsOf: url, encoding: .utf8)))
        } catch let error as EFPError {
            return .failure(error)
        } catch {
            return .failure(.badTable("\(error)"))
        }
    }()

    /// Parses the text format written by `make_efp_table.py`.
    init(text: String) throws {
        var primes: [Prime] = []
        var composites: [Composite] = []
        var primeIndex: [[Int]: Int] = [:]  // (n, d, k) -> index
        var maximumDegree = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ")
            guard fields.count == 10, let specs = Optional(fields[1...8].compactMap { Int($0) }), specs.count == 8
            else { throw EFPError.badTable("bad line '\(line)'") }
            maximumDegree = max(maximumDegree, specs[2])
            switch fields[0] {
            case "C":
                var simple: [WeightedEdge] = []
                if fields[9] != "-" {
                    for item in fields[9].split(separator: ",") {
                        let parts = item.split(whereSeparator: { $0 == "-" || $0 == "*" }).compactMap { Int($0) }
                        guard parts.count == 3 else { throw EFPError.badTable("bad edge '\(item)'") }
                        simple.append(WeightedEdge(u: parts[0], v: parts[1], weight: parts[2]))
                    }
                }
                let edges = simple.flatMap { edge in Array(repeating: EFPEdge(edge.u, edge.v), count: edge.weight) }
                primeIndex[[specs[0], specs[2], specs[4]]] = primes.count
                primes.append(Prime(graph: EFPGraph(specs: specs, edges: edges), simpleEdges: simple))
            case "D":
                var factors: [Int] = []
                for item in fields[9].split(separator: ";") {
                    let ndk = item.split(separator: ".").compactMap { Int($0) }
                    guard let index = primeIndex[ndk] else { throw EFPError.badTable("unknown factor '\(item)'") }
                    factors.append(index)
                }
                // energyflow's graph_union: each factor's vertices shifted past the previous ones.
                var edges: [EFPEdge] = []
                var offset = 0
                for index in factors {
                    let factorEdges = primes[index].graph.edges
                    edges += factorEdges.map { EFPEdge($0.u + offset, $0.v + offset) }
                    offset += 1 + (factorEdges.map { max($0.u, $0.v) }.max() ?? 0)
                }
                composites.append(Composite(graph: EFPGraph(specs: specs, edges: edges), factors: factors))
            default:
                throw EFPError.badTable("bad line kind '\(fields[0])'")
            }
        }
        self.primes = primes
        self.composites = composites
        self.maximumDegree = maximumDegree
    }
}
