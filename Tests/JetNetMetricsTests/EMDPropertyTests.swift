import Foundation
import JetNetCore
import Testing
import JetNetTestSupport
@testable import JetNetMetrics

/// Properties of the EMD that a wrong solver would break, analytic cases, and bad input.
@Suite struct EMDPropertyTests {
    /// A jet of `particles` rows `(pt, y, phi)`, pt in (0, 1], angles within 0.4 of the axis.
    static func randomJet(_ rng: inout SplitMix64, particles: Int, padding: Int = 0) -> [[Double]] {
        var jet = (0..<particles).map { _ in [rng.uniform(0.01, 1), rng.uniform(-0.4, 0.4), rng.uniform(-0.4, 0.4)] }
        for _ in 0..<padding {
            jet.insert([0, rng.uniform(-0.4, 0.4), rng.uniform(-0.4, 0.4)], at: Int(rng.next() % UInt64(jet.count + 1)))
        }
        return jet
    }

    static func randomJets(_ rng: inout SplitMix64, count: Int, particles: Int) -> NDArray<Double> {
        // Every jet gets `particles` rows, some of them zero-pt padding.
        let jets = (0..<count).map { _ -> [[Double]] in
            let padding = Int(rng.next() % UInt64(particles / 2))
            return randomJet(&rng, particles: particles - padding, padding: padding)
        }
        return jetArray(jets)
    }

    @Test func symmetric() throws {
        var rng = SplitMix64(state: 1)
        let a = Self.randomJets(&rng, count: 8, particles: 12)
        let b = Self.randomJets(&rng, count: 7, particles: 9)
        let ab = try Metrics.emds(a, b)
        let ba = try Metrics.emds(b, a)
        for i in 0..<8 {
            for j in 0..<7 {
                #expect(isClose(ab[i, j], ba[j, i], relative: 1e-12))
            }
        }
    }

    @Test(arguments: [(1.0, 1.0, false), (0.4, 2.0, false), (0.8, 0.5, true)])
    func zeroOnIdenticalJets(R: Double, beta: Double, norm: Bool) throws {
        var rng = SplitMix64(state: 2)
        var jets = (0..<6).map { _ in Self.randomJet(&rng, particles: 10, padding: 3) }
        // Coincident particles: several optimal plans, distance still exactly 0.
        jets.append([[0.3, 0.1, 0.1], [0.3, 0.1, 0.1], [0.2, -0.1, 0], [0, 0, 0], [0.2, -0.1, 0]])
        for jet in jets {
            #expect(try Metrics.emd(jetArray(jet), jetArray(jet), R: R, beta: beta, norm: norm) == 0)
        }
    }

    @Test func triangleInequality() throws {
        // EMD is a metric for R at least half the largest distance (here at most 1.14 / 2).
        var rng = SplitMix64(state: 3)
        for _ in 0..<40 {
            let jets = (0..<3).map { _ in jetArray(Self.randomJet(&rng, particles: 2 + Int(rng.next() % 9))) }
            let ab = try Metrics.emd(jets[0], jets[1])
            let bc = try Metrics.emd(jets[1], jets[2])
            let ac = try Metrics.emd(jets[0], jets[2])
            #expect(ac <= ab + bc + 1e-12, "\(ac) > \(ab) + \(bc)")
        }
    }

    @Test(arguments: [(2, 2), (2, 3), (3, 2), (3, 3), (2, 4), (4, 3), (4, 4), (1, 4)])
    func agreesWithBruteForceLP(particles0: Int, particles1: Int) throws {
        var rng = SplitMix64(state: UInt64(10 * particles0 + particles1))
        for (R, beta) in [(1.0, 1.0), (0.5, 2.0), (0.7, 0.5)] {
            let jet0 = Self.randomJet(&rng, particles: particles0)
            let jet1 = Self.randomJet(&rng, particles: particles1)
            let result = try Metrics.emdWithFlow(jetArray(jet0), jetArray(jet1), R: R, beta: beta)
            let expected = TransportBruteForce.emd(jet0, jet1, R: R, beta: beta)
            #expect(isClose(result.distance, expected, relative: 1e-12), "\(result.distance) vs brute force \(expected)")
        }
    }

    @Test func flowIsFeasibleAndCostsTheDistance() throws {
        var rng = SplitMix64(state: 4)
        for _ in 0..<10 {
            let jet0 = Self.randomJet(&rng, particles: 7, padding: 2)
            let jet1 = Self.randomJet(&rng, particles: 5, padding: 1)
            let result = try Metrics.emdWithFlow(jetArray(jet0), jetArray(jet1))
            let rows = result.flow.shape[0], columns = result.flow.shape[1]
            let total0 = jet0.reduce(0) { $0 + $1[0] }, total1 = jet1.reduce(0) { $0 + $1[0] }
            // The lighter jet gets one extra particle (last row or column) holding the difference.
            #expect(rows == jet0.count + (total0 < total1 ? 1 : 0))
            #expect(columns == jet1.count + (total1 < total0 ? 1 : 0))
            var cost = 0.0
            for i in 0..<rows {
                let rowSum = (0..<columns).reduce(0.0) { $0 + result.flow[i, $1] }
                #expect(isClose(rowSum, i < jet0.count ? jet0[i][0] : total1 - total0, relative: 1e-12, absolute: 1e-14))
                for j in 0..<columns {
                    #expect(result.flow[i, j] >= 0)
                    let distance = i < jet0.count && j < jet1.count
                        ? ((jet0[i][1] - jet1[j][1]) * (jet0[i][1] - jet1[j][1]) + (jet0[i][2] - jet1[j][2]) * (jet0[i][2] - jet1[j][2])).squareRoot()
                        : 1
                    cost += result.flow[i, j] * distance
                }
            }
            for j in 0..<columns {
                let columnSum = (0..<rows).reduce(0.0) { $0 + result.flow[$1, j] }
                #expect(isClose(columnSum, j < jet1.count ? jet1[j][0] : total0 - total1, relative: 1e-12, absolute: 1e-14))
            }
            #expect(isClose(cost, result.distance, relative: 1e-12))
        }
    }

    @Test func pairwiseEqualsOnePairAtATime() throws {
        // Every pair is solved from scratch, so chunking over threads cannot change a bit.
        var rng = SplitMix64(state: 5)
        let a = Self.randomJets(&rng, count: 9, particles: 15)
        let b = Self.randomJets(&rng, count: 11, particles: 12)
        let all = try Metrics.emds(a, b, R: 0.6, beta: 1.5)
        for i in 0..<9 {
            for j in 0..<11 {
                let single = try Metrics.emd(a.rows(i..<(i + 1)).reshaped([15, 3]), b.rows(j..<(j + 1)).reshaped([12, 3]), R: 0.6, beta: 1.5)
                #expect(all[i, j] == single)
            }
        }
    }

    @Test func paddingDoesNotChangeTheDistance() throws {
        var rng = SplitMix64(state: 6)
        for _ in 0..<10 {
            let jet0 = Self.randomJet(&rng, particles: 6)
            let jet1 = Self.randomJet(&rng, particles: 8)
            var padded0 = jet0
            padded0.insert([0, 0.2, -0.3], at: 2)
            padded0.append([0, 0, 0])
            let plain = try Metrics.emdWithFlow(jetArray(jet0), jetArray(jet1))
            let padded = try Metrics.emdWithFlow(jetArray(padded0), jetArray(jet1))
            // Equal up to rounding: like energyflow, which weights get divided rather than
            // multiplied by a reciprocal depends on their position in the padded array.
            #expect(isClose(padded.distance, plain.distance, relative: 1e-13))
            // Padding rows carry no flow; the other rows are the unpadded flow.
            #expect(padded.flow.shape[0] == plain.flow.shape[0] + 2)
            let columns = plain.flow.shape[1]
            #expect((0..<columns).allSatisfy { padded.flow[2, $0] == 0 && padded.flow[7, $0] == 0 })
            #expect((0..<columns).allSatisfy { isClose(padded.flow[3, $0], plain.flow[2, $0], relative: 1e-12, absolute: 1e-15) })
        }
    }

    @Test func scalesWithPtAndIgnoresCommonTranslations() throws {
        var rng = SplitMix64(state: 7)
        let jet0 = Self.randomJet(&rng, particles: 9), jet1 = Self.randomJet(&rng, particles: 7)
        let base = try Metrics.emd(jetArray(jet0), jetArray(jet1))
        let scaled = try Metrics.emd(jetArray(jet0.map { [$0[0] * 3.5, $0[1], $0[2]] }), jetArray(jet1.map { [$0[0] * 3.5, $0[1], $0[2]] }))
        #expect(isClose(scaled, 3.5 * base, relative: 1e-12))
        let moved = try Metrics.emd(jetArray(jet0.map { [$0[0], $0[1] + 0.7, $0[2] - 1.1] }), jetArray(jet1.map { [$0[0], $0[1] + 0.7, $0[2] - 1.1] }))
        #expect(isClose(moved, base, relative: 1e-12))
    }

    @Test func analyticSingleParticles() throws {
        let a = jetArray([[1.0, 0, 0]])
        // A 3-4-5 triangle: theta = 0.5.
        #expect(try Metrics.emd(a, jetArray([[1.0, 0.3, 0.4]])) == 0.5)
        #expect(try Metrics.emd(a, jetArray([[1.0, 0.3, 0.4]]), R: 0.25, beta: 2) == 4)
        // 0.6 moves by 0.5, the missing 0.4 costs 1 per unit.
        #expect(isClose(try Metrics.emd(a, jetArray([[0.6, 0.3, 0.4]])), 0.6 * 0.5 + 0.4, relative: 1e-15))
        // beta = 0: every move costs 1 per unit of pt.
        #expect(try Metrics.emd(jetArray([[0.5, 0, 0], [0.5, 0.1, 0]]), jetArray([[1.0, 0.3, 0.4]]), beta: 0) == 1)
    }

    @Test func periodicPhiWrapsAround() throws {
        let a = jetArray([[1.0, 0, 3.1]]), b = jetArray([[1.0, 0, -3.1]])
        #expect(isClose(try Metrics.emd(a, b, periodicPhi: true), 2 * Double.pi - 6.2, relative: 1e-12))
        #expect(isClose(try Metrics.emd(a, b), 6.2, relative: 1e-15))
    }

    @Test func emptyJets() throws {
        let jet = [[0.3, 0.1, 0.0], [0.5, -0.1, 0.2]]
        let empty = NDArray<Double>(shape: [0, 3], storage: [])
        let onlyPadding = jetArray([[0.0, 0.1, 0.1], [0.0, 0.0, 0.0]])
        // All of the other jet's pt goes to the extra particle at cost 1.
        #expect(try Metrics.emd(empty, jetArray(jet)) == 0.8)
        #expect(try Metrics.emd(jetArray(jet), onlyPadding) == 0.8)
        #expect(try Metrics.emd(empty, empty) == 0)
        #expect(try Metrics.emd(onlyPadding, onlyPadding, norm: true) == 0)
        let flow = try Metrics.emdWithFlow(empty, jetArray(jet)).flow
        #expect(flow.shape == [1, 2])
        #expect(isClose(flow[0, 0], 0.3, relative: 1e-15) && isClose(flow[0, 1], 0.5, relative: 1e-15))
        let matrix = try Metrics.emds(jetArray([[[0.0, 0, 0]], [[0.2, 0.1, 0.1]]]), jetArray([[[0.0, 0, 0]]]))
        #expect(matrix == NDArray(shape: [2, 1], storage: [0, 0.2]))
    }

    @Test func badInputThrows() throws {
        let jet = jetArray([[0.3, 0.1, 0.0], [0.5, -0.1, 0.2]])
        let negative = jetArray([[0.3, 0.1, 0.0], [-0.5, -0.1, 0.2]])
        #expect(throws: MetricError.invalidArgument(
            name: "jet1[0, 1] pt", value: "-0.5",
            allowed: ">= 0, because EMD moves pt as a non-negative mass (check the feature order: energyflow's [pt, y, phi])")) {
            try Metrics.emd(jet, negative)
        }
        #expect(throws: MetricError.self) { try Metrics.emds(jetArray([[[0.3, 0.1, 0.0]]]), negative.reshaped([1, 2, 3])) }
        #expect(throws: MetricError.nonFinite(array: "jet0", index: 4)) {
            try Metrics.emd(jetArray([[0.3, 0.1, 0.0], [0.5, .nan, 0.2]]), jet)
        }
        #expect(throws: MetricError.wrongRank(array: "jet0", expected: 2, shape: [1, 2, 3])) {
            try Metrics.emd(jet.reshaped([1, 2, 3]), jet)
        }
        #expect(throws: MetricError.wrongRank(array: "jets1", expected: 3, shape: [2, 3])) {
            try Metrics.emds(jet.reshaped([1, 2, 3]), jet)
        }
        #expect(throws: MetricError.wrongFeatureCount(array: "jet1", expected: "3 (pt, y, phi)", shape: [3, 2])) {
            try Metrics.emd(jet, jet.reshaped([3, 2]))
        }
        #expect(throws: MetricError.invalidArgument(name: "R", value: "0.0", allowed: "positive and finite")) {
            try Metrics.emd(jet, jet, R: 0)
        }
        #expect(throws: MetricError.invalidArgument(name: "beta", value: "-1.0", allowed: "non-negative and finite")) {
            try Metrics.emd(jet, jet, beta: -1)
        }
        #expect(throws: EMDError.emptyJetWithNorm(array: "jets0", jet: 0)) {
            try Metrics.emd(NDArray<Double>(shape: [0, 3], storage: []), jet, norm: true)
        }
        #expect(throws: EMDError.emptyJetWithNorm(array: "jets1", jet: 1)) {
            try Metrics.emds(jet.reshaped([1, 2, 3]), jetArray([[[0.1, 0, 0]], [[0, 0, 0]]]), norm: true)
        }
        // Every error says how to fix it.
        #expect(MetricError.invalidArgument(name: "R", value: "0.0", allowed: "positive and finite").errorDescription?.contains("must be positive") == true)
        #expect(EMDError.emptyJetWithNorm(array: "jets0", jet: 3).errorDescription?.contains("norm: false") == true)
    }
}
