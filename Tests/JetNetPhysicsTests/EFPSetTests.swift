import Foundation
import JetNetCore
import Testing
@testable import JetNetPhysics

/// energyflow's EFPSet args for each golden set.
private let goldenSelections: [(name: String, file: String, selection: [String])] = [
    ("default_n4_d4_p1", "efp_golden_default_n4_d4_p1", ["n==4", "d==4", "p==1"]),
    ("d<=4", "efp_golden_dle4", ["d<=4"]),
    ("d<=5", "efp_golden_dle5", ["d<=5"]),
]

@Suite("EFPSet: graphs and values against energyflow")
struct EFPSetGoldenTests {
    @Test("graph lists equal energyflow's, in order, with its specs", arguments: goldenSelections)
    func graphLists(name: String, file: String, selection: [String]) throws {
        let golden = try #require(try EFPFixtures.golden().sets[name])
        let set = try EFPSet(selection, normed: false)
        #expect(set.count == golden.count)
        #expect(set.graphs.map { $0.edges.map { [$0.u, $0.v] } } == golden.graphs)
        #expect(set.graphs.map(\.specs) == golden.specs)
    }

    @Test("counts: 5 default, 36 for d<=4, 102 for d<=5")
    func counts() throws {
        #expect(try EFPSet("n==4", "d==4", "p==1").count == 5)
        #expect(try EFPSet("d<=4").count == 36)
        #expect(try EFPSet(["d<=5"]).count == 102)
        #expect(try EFPSet("d<=7").count == 1000)
    }

    @Test("jetnet efps equals energyflow in float64 to 1e-9 and the float32 golden to 2e-5", arguments: goldenSelections)
    func jetnetValues(name: String, file: String, selection: [String]) throws {
        let jets = try EFPFixtures.gJets()
        let values = try efps(jets, selection: selection)
        let golden = try EFPFixtures.npy(file)
        #expect(values.shape == golden.shape)
        // The golden was computed by energyflow on float32 arrays (float32 arithmetic).
        #expect(maxRelativeDifference(values.storage, golden.values) < 2e-5)
        // energyflow on the same jets in float64: columns matched by graph within d<=5.
        let full = try EFPFixtures.npy("efp_f64_dle5_g100")
        let all = try EFPSet("d<=5").graphs
        let set = try EFPSet(selection)
        let columns = set.graphs.map { graph in all.firstIndex(of: graph)! }
        let expected = (0..<100).flatMap { jet in columns.map { full.values[jet * all.count + $0] } }
        #expect(maxRelativeDifference(values.storage, expected) < 1e-9)
    }

    @Test("d<=7 (1000 graphs) equals energyflow in float64 to 1e-9")
    func degreeSeven() throws {
        let jets = try EFPFixtures.gJets().rows(0..<8)
        let set = try EFPSet("d<=7", normed: false)
        let values = try set.batchCompute(jets.selectingLast([2, 0, 1]))
        let expected = try EFPFixtures.npy("efp_f64_dle7_g8")
        #expect(values.shape == expected.shape)
        #expect(maxRelativeDifference(values.storage, expected.values) < 1e-9)
    }

    @Test("beta, kappa, normed variants equal energyflow", arguments: [
        (0, 0.5, 1.0, true), (1, 2.0, 2.0, true), (2, 1.0, 1.0, true),
    ])
    func variants(index: Int, beta: Double, kappa: Double, normed: Bool) throws {
        let jets = try EFPFixtures.tJets().selectingLast([2, 0, 1])
        let set = try EFPSet("d<=3", beta: beta, kappa: kappa, normed: normed)
        let values = try set.batchCompute(jets)
        #expect(maxRelativeDifference(values.storage, try EFPFixtures.npy("efp_f64_variant\(index)_t20").values) < 1e-9)
        #expect(maxRelativeDifference(values.storage, try EFPFixtures.npy("efp_golden_variant\(index)").values) < 2e-5)
    }

    @Test("hadrdot and ee measures equal energyflow on unpadded jets")
    func otherMeasures() throws {
        let jets = try EFPFixtures.gJets().rows(0..<8).selectingLast([2, 0, 1]).converted(to: Double.self)
        let hadrdot = try EFPSet("d<=4", measure: .hadrdot, normed: false)
        #expect(maxRelativeDifference(try hadrdot.batchCompute(jets).storage,
                                      try EFPFixtures.npy("efp_f64_hadrdot_dle4_g8").values) < 1e-9)
        // ee takes [E, px, py, pz] (its default coordinates).
        var p4s: [Double] = []
        for index in 0..<(8 * 30) {
            let (pt, y, phi) = (jets.storage[3 * index], jets.storage[3 * index + 1], jets.storage[3 * index + 2])
            p4s += [pt * cosh(y), pt * cos(phi), pt * sin(phi), pt * sinh(y)]
        }
        let ee = try EFPSet("d<=4", measure: .ee, beta: 2, normed: true)
        #expect(ee.coordinates == .epxpypz)
        let values = try ee.batchCompute(NDArray(shape: [8, 30, 4], storage: p4s))
        #expect(maxRelativeDifference(values.storage, try EFPFixtures.npy("efp_f64_ee_beta2_normed_dle4_g8").values) < 1e-9)
    }

    @Test("particle masses: jetnet's d<=4 golden, and hadr ignores the mass")
    func masses() throws {
        let jets = try EFPFixtures.gJets().rows(0..<30)
        // make/golden_jetnet.py: m4 = concatenate([g3, abs(g3[..., 2:3]) * 0.01], -1) in float32.
        var storage: [Float] = []
        for index in 0..<(30 * 30) {
            let row = jets.storage[(3 * index)..<(3 * index + 3)]
            storage += row + [abs(row.last!) * Float(0.01)]
        }
        let withMasses = NDArray(shape: [30, 30, 4], storage: storage)
        let values = try efps(withMasses, particleMasses: true, selection: ["d<=4"])
        #expect(maxRelativeDifference(values.storage, try EFPFixtures.npy("efp_golden_masses30").values) < 2e-5)
        #expect(values == (try efps(jets, selection: ["d<=4"])))
    }
}
