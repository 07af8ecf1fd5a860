import Foundation
import JetNetCore
import Testing
@testable import JetNetPhysics

/// Direct sum over all vertex assignments (tiny jets only): the definition of an EFP.
private func bruteForce(edges: [EFPEdge], vertices: Int, z: [Double], theta: (Int, Int) -> Double) -> Double {
    let m = z.count
    var index = [Int](repeating: 0, count: vertices)
    var total = 0.0
    while true {
        var term = 1.0
        for vertex in index { term *= z[vertex] }
        for edge in edges { term *= theta(index[edge.u], index[edge.v]) }
        total += term
        var axis = vertices - 1
        while axis >= 0 {
            index[axis] += 1
            if index[axis] < m { break }
            index[axis] = 0
            axis -= 1
        }
        if axis < 0 { return total }
    }
}

/// A small jet [pt, y, phi] in Double with a fixed pseudo-random pattern.
private func smallJet(particles: Int, seed: Double) -> NDArray<Double> {
    var values: [Double] = []
    for i in 0..<particles {
        let x = Double(i) + seed
        values += [0.05 + 0.3 * abs(sin(1.7 * x)), 0.4 * sin(2.3 * x + 0.1), 0.4 * cos(3.1 * x)]
    }
    return NDArray(shape: [particles, 3], storage: values)
}

private func hadrTheta(_ jet: NDArray<Double>) -> (Int, Int) -> Double {
    { i, j in
        let dy = jet[i, 1] - jet[j, 1]
        let dphi = Double.pi - abs(abs(jet[i, 2] - jet[j, 2]) - Double.pi)
        return (dy * dy + dphi * dphi).squareRoot()
    }
}

/// Connected components of an edge list, each relabelled 0..<n.
private func components(_ edges: [EFPEdge]) -> [(vertices: Int, edges: [EFPEdge])] {
    let labels = Set(edges.flatMap { [$0.u, $0.v] })
    var parent = Dictionary(uniqueKeysWithValues: labels.map { ($0, $0) })
    func root(_ x: Int) -> Int { parent[x] == x ? x : root(parent[x]!) }
    for edge in edges { parent[root(edge.u)] = root(edge.v) }
    let groups = Dictionary(grouping: labels.sorted(), by: root)
    return groups.values.map { members in
        let relabel = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, $0) })
        return (members.count, edges.filter { relabel[$0.u] != nil }.map { EFPEdge(relabel[$0.u]!, relabel[$0.v]!) })
    }
}

@Suite("EFPSet: properties")
struct EFPPropertyTests {
    @Test("every prime d<=6 graph equals its defining sum over particles (6-particle jet)")
    func definition() throws {
        let set = try EFPSet("d<=6", "p==1", normed: false)
        let jet = smallJet(particles: 6, seed: 0.3)
        let values = try set.compute(jet)
        let z = (0..<6).map { jet[$0, 0] }
        let expected = set.graphs.map { graph in
            bruteForce(edges: graph.edges, vertices: graph.n, z: z, theta: hadrTheta(jet))
        }
        #expect(maxRelativeDifference(values, expected) < 1e-12)
    }

    @Test("composite EFPs equal the product of their prime factors")
    func composites() throws {
        let set = try EFPSet("d<=6", "p>=2", normed: false)
        #expect(set.graphs.allSatisfy { !$0.isPrime })
        let jet = smallJet(particles: 5, seed: 1.1)
        let values = try set.compute(jet)
        let z = (0..<5).map { jet[$0, 0] }
        let expected = set.graphs.map { graph in
            let parts = components(graph.edges)
            #expect(parts.count == graph.p)
            return parts.map { bruteForce(edges: $0.edges, vertices: $0.vertices, z: z, theta: hadrTheta(jet)) }
                .reduce(1, *)
        }
        #expect(maxRelativeDifference(values, expected) < 1e-12)
    }

    @Test("hadr EFPs are invariant under a common phi rotation (across the wrap) and rapidity boost")
    func invariance() throws {
        let jets = try EFPFixtures.gJets().rows(0..<10).selectingLast([2, 0, 1]).converted(to: Double.self)
        var moved = jets
        for index in 0..<(10 * 30) {
            var phi = jets.storage[3 * index + 2] + Double.pi - 0.2
            if phi > Double.pi { phi -= 2 * Double.pi }  // rewrap into (-pi, pi]
            moved[index / 30, index % 30, 1] = jets.storage[3 * index + 1] + 1.3
            moved[index / 30, index % 30, 2] = phi
        }
        let set = try EFPSet("d<=5", normed: false)
        let before = try set.batchCompute(jets)
        let after = try set.batchCompute(moved)
        #expect(maxRelativeDifference(after.storage, before.storage) < 1e-9)
        // A change of relative angles must show (so the test can fail).
        var squeezed = jets
        for index in 0..<(10 * 30) { squeezed[index / 30, index % 30, 1] = 0.5 * jets.storage[3 * index + 1] }
        #expect(maxRelativeDifference(try set.batchCompute(squeezed).storage, before.storage) > 1e-3)
    }

    @Test("unnormed EFPs scale as lambda^n with the pt; normed ones do not change")
    func scaling() throws {
        let jets = try EFPFixtures.gJets().rows(0..<10).selectingLast([2, 0, 1]).converted(to: Double.self)
        let lambda = 3.7
        var scaled = jets
        for index in 0..<(10 * 30) { scaled[index / 30, index % 30, 0] = lambda * jets.storage[3 * index] }
        let set = try EFPSet("d<=5", normed: false)
        let before = try set.batchCompute(jets).storage
        let after = try set.batchCompute(scaled).storage
        let expected = before.enumerated().map { index, value in
            value * pow(lambda, Double(set.graphs[index % set.count].n))
        }
        #expect(maxRelativeDifference(after, expected) < 1e-12)
        let normed = try EFPSet("d<=5", normed: true)
        #expect(maxRelativeDifference(try normed.batchCompute(scaled).storage, try normed.batchCompute(jets).storage) < 1e-12)
    }

    @Test("batch results equal one-jet results exactly (independent of chunking)")
    func batchMatchesSingle() throws {
        let jets = try EFPFixtures.gJets().rows(0..<12)
        let batch = try efps(jets, selection: ["d<=5"])
        for jet in 0..<12 {
            let single = try efps(jets.rows(jet..<(jet + 1)).reshaped([30, 3]), selection: ["d<=5"])
            #expect(single.storage == Array(batch.storage[(jet * 102)..<((jet + 1) * 102)]))
        }
    }

    @Test("all-zero (padding-only) jets give zeros, never NaN", arguments: [false, true])
    func emptyJets(normed: Bool) throws {
        let set = try EFPSet("d<=5", normed: normed)
        let values = try set.batchCompute(NDArray<Float>(zeros: [3, 30, 3]))
        #expect(values.shape == [3, 102])
        #expect(values.storage.allSatisfy { $0 == 0 })
        let noParticles = try set.batchCompute(NDArray<Float>(zeros: [2, 0, 3]))
        #expect(noParticles.storage.allSatisfy { $0 == 0 })
        for measure in [EFPMeasure.hadrdot, .ee] {
            let other = try EFPSet("d<=3", measure: measure, normed: normed, coordinates: .ptyphim)
            #expect(try other.batchCompute(NDArray<Float>(zeros: [2, 30, 3])).storage.allSatisfy { $0 == 0 })
        }
    }

    @Test("zero-pt padding contributes nothing")
    func padding() throws {
        let jet = smallJet(particles: 6, seed: 2.0)
        var padded = NDArray<Double>(zeros: [9, 3])
        for i in 0..<6 { for f in 0..<3 { padded[i + 2, f] = jet[i, f] } }
        padded[0, 1] = 0.7  // padding with non-zero angles but zero pt
        for measure in EFPMeasure.allCases {
            let set = try EFPSet("d<=4", measure: measure, coordinates: .ptyphim)
            #expect(maxRelativeDifference(try set.compute(padded), try set.compute(jet)) < 1e-13)
        }
    }
}

@Suite("EFPSet: selections and bad input")
struct EFPSelectionTests {
    @Test("energyflow's spellings parse: spaces, tuple form, chi, every comparison")
    func spellings() throws {
        #expect(try EFPCondition("d <= 4") == EFPCondition(.d, .lessOrEqual, 4))
        #expect(try EFPCondition("d<=", 4) == EFPCondition(.d, .lessOrEqual, 4))
        #expect(try EFPCondition("chi==3") == EFPCondition(.c, .equal, 3))
        for comparison in EFPCondition.Comparison.allCases {
            #expect(try EFPCondition("n\(comparison.rawValue)2").comparison == comparison)
        }
        let set = try EFPSet("d<=5", "n>2", "c!=3", "h>=1", "v<4", "e==3")
        #expect(!set.graphs.isEmpty)
        #expect(set.graphs.allSatisfy { $0.d <= 5 && $0.n > 2 && $0.c != 3 && $0.h >= 1 && $0.v < 4 && $0.e == 3 })
        let all = try EFPSet("d<=5").graphs
        #expect(set.graphs == all.filter { $0.n > 2 && $0.c != 3 && $0.h >= 1 && $0.v < 4 && $0.e == 3 })
    }

    @Test("bad selections throw errors that say what to write", arguments: [
        ("d<4x", EFPError.unparseableSelection("d<4x")),
        ("<=4", EFPError.unparseableSelection("<=4")),
        ("d<=-1", EFPError.unparseableSelection("d<=-1")),
        ("q<=3", EFPError.unknownVariable("q", selection: "q<=3")),
        ("d=<4", EFPError.unknownComparison("=<", selection: "d=<4")),
        ("d=4", EFPError.unknownComparison("=", selection: "d=4")),
    ])
    func badSelections(text: String, error: EFPError) throws {
        #expect(throws: error) { try EFPSet(text) }
        #expect(error.errorDescription!.contains("d<=4"))
    }

    @Test("a selection without a degree bound within the table is refused")
    func unboundedDegree() throws {
        #expect(throws: EFPError.degreeBeyondTable(selection: ["n==4"], maximumDegree: 8)) { try EFPSet("n==4") }
        #expect(throws: EFPError.degreeBeyondTable(selection: ["d<=9"], maximumDegree: 8)) { try EFPSet("d<=9") }
        #expect(try EFPSet("n==4", "d<9").count > 0)
    }

    @Test("bad arrays and parameters throw")
    func badInput() throws {
        let set = try EFPSet("d<=2")
        #expect(throws: EFPError.wrongRank(expected: "[jets, particles, features]", shape: [30, 3])) {
            try set.batchCompute(NDArray<Float>(zeros: [30, 3]))
        }
        #expect(throws: EFPError.wrongRank(expected: "[particles, features]", shape: [30])) {
            try set.compute(NDArray<Float>(zeros: [30]))
        }
        #expect(throws: EFPError.self) { try set.batchCompute(NDArray<Float>(zeros: [2, 30, 2])) }
        #expect(throws: EFPError.self) { try EFPSet("d<=2", coordinates: .epxpypz).batchCompute(NDArray<Float>(zeros: [2, 30, 3])) }
        #expect(throws: EFPError.wrongFeatureCount(expected: "at least 3 features [eta, phi, pt]", shape: [2, 30, 2])) {
            try efps(NDArray<Float>(zeros: [2, 30, 2]))
        }
        #expect(throws: EFPError.self) { try efps(NDArray<Float>(zeros: [2, 30, 3]), particleMasses: true) }
        #expect(throws: EFPError.self) { try efps(NDArray<Float>(zeros: [2, 2, 30, 3])) }
        #expect(throws: EFPError.invalidParameter(name: "beta", value: 0, allowed: "a finite number > 0")) {
            try EFPSet("d<=2", beta: 0)
        }
    }

    @Test("jetnet's default selection is n==4, d==4, p==1: 5 prime EFPs of one jet")
    func jetnetDefault() throws {
        let jet = try EFPFixtures.gJets().rows(0..<1).reshaped([30, 3])
        let values = try efps(jet)
        #expect(values.shape == [5])
        let golden = try EFPFixtures.npy("efp_golden_default_n4_d4_p1")
        #expect(maxRelativeDifference(values.storage, Array(golden.values[0..<5])) < 2e-5)
    }
}
