import Foundation
import JetNetCore
import Testing

@testable import JetNetMetrics

/// golden/fpnd.json (jetnet 0.2.5 on PyTorch CPU), via Fixtures/fpnd_golden.json.
struct FPNDGolden: Decodable {
    let fpnd_g_sample_vs_g: Double
    let fpnd_t_sample_vs_t: Double
    let fpnd_smeared_g_vs_g: Double
    let activations_g_first8_fpnd_normed: [[Float]]
    let logits_g_first8: [[Float]]
    let input_g_first8: [[[Float]]]
    let input_g_first8_fpnd_normed: [[[Float]]]

    static func load() throws -> FPNDGolden {
        try fixtures.decode(FPNDGolden.self, from: "fpnd_golden.json")
    }
}

@Suite("ParticleNet")
struct ParticleNetTests {
    @Test("fc1 activations of 8 g jets match PyTorch within 1e-4", arguments: ParticleNet.EdgeKernel.availableHere)
    func activationsMatchPyTorch(kernel: ParticleNet.EdgeKernel) throws {
        let golden = try FPNDGolden.load()
        var net = try ParticleNet.jetNetPretrained()
        net.edgeKernel = kernel
        let activations = try net.activations(jetArray(golden.input_g_first8_fpnd_normed))
        #expect(activations.shape == [8, 256])
        let expected = golden.activations_g_first8_fpnd_normed.flatMap { $0 }
        let worst = zip(activations.storage, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-4, "largest |swift - torch| = \(worst)")
    }

    @Test("logits of 8 g jets match PyTorch within 1e-4", arguments: ParticleNet.EdgeKernel.availableHere)
    func logitsMatchPyTorch(kernel: ParticleNet.EdgeKernel) throws {
        let golden = try FPNDGolden.load()
        var net = try ParticleNet.jetNetPretrained()
        net.edgeKernel = kernel
        let logits = try net.logits(jetArray(golden.input_g_first8_fpnd_normed))
        #expect(logits.shape == [8, 5])
        let expected = golden.logits_g_first8.flatMap { $0 }
        let worst = zip(logits.storage, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-4, "largest |swift - torch| = \(worst)")
    }
}

@Suite("ParticleNet properties")
struct ParticleNetPropertyTests {
    @Test("a jet's activations do not depend on the other jets in the call or on chunking")
    func independentOfBatch() throws {
        let golden = try FPNDGolden.load()
        let net = try ParticleNet.jetNetPretrained()
        let jets = jetArray(golden.input_g_first8_fpnd_normed)
        let together = try net.activations(jets)
        // BLAS may round differently for other matrix sizes, hence a tolerance here.
        for jet in [0, 5, 7] {
            let alone = try net.activations(jets.rows(jet..<jet + 1))
            let worst = zip(alone.storage, together.rows(jet..<jet + 1).storage).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst < 1e-5)
        }
        // 8 jets repeated 9 times: many chunks over both workers, bit-identical rows every time.
        let repeated = try net.activations(NDArray.concatenate(Array(repeating: jets, count: 9)))
        for copy in 0..<9 {
            #expect(repeated.rows(copy * 8..<copy * 8 + 8).storage == together.storage)
        }
    }

    @Test(
        "the fused and BLAS per-edge kernels agree, also on chunks whose node count is not a multiple of 3",
        .enabled(if: ParticleNet.EdgeKernel.availableHere.contains(.fused), "the fused kernel needs AVX-512F"))
    func kernelsAgree() throws {
        let golden = try FPNDGolden.load()
        var net = try ParticleNet.jetNetPretrained()
        // 17 particles: chunks of 3 jets (51 nodes, 17 groups of 3) and a last chunk of 2 jets
        // (34 nodes: 11 groups and one node alone).
        let jets = jetArray(golden.input_g_first8_fpnd_normed.map { Array($0.prefix(17)) })
        net.edgeKernel = .blas
        let blas = try net.activations(jets).storage
        net.edgeKernel = .fused
        let fused = try net.activations(jets).storage
        let scale = blas.map { abs($0) }.max() ?? 0
        let worst = zip(blas, fused).map { abs($0 - $1) }.max() ?? .infinity
        #expect(scale > 0.1 && worst < 1e-5 * scale, "largest |fused - blas| = \(worst) of values up to \(scale)")
    }

    @Test("activations are invariant under reordering a jet's particles (up to float rounding)")
    func permutationInvariant() throws {
        let golden = try FPNDGolden.load()
        let net = try ParticleNet.jetNetPretrained()
        let jets = jetArray(golden.input_g_first8_fpnd_normed)
        let order = Array((0..<30).reversed())
        var permuted = jets
        for jet in 0..<8 {
            for (to, from) in order.enumerated() {
                for f in 0..<3 { permuted[jet, to, f] = jets[jet, from, f] }
            }
        }
        let a = try net.activations(jets).storage
        let b = try net.activations(permuted).storage
        let worst = zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-4)
    }

    @Test("wrong shapes and non-finite values are errors")
    func badInputs() throws {
        let net = try ParticleNet.jetNetPretrained()
        #expect(net.features == 3 && net.neighbours == 16 && net.activationWidth == 256 && net.classes == 5)
        #expect(throws: MetricError.wrongFeatureCount(array: "jets", expected: "3", shape: [2, 30, 4])) {
            try net.activations(NDArray(zeros: [2, 30, 4]))
        }
        #expect(throws: MetricError.wrongRank(array: "jets", expected: 3, shape: [2, 90])) {
            try net.activations(NDArray(zeros: [2, 90]))
        }
        #expect(throws: MetricError.self) { try net.activations(NDArray(zeros: [2, 16, 3])) }
        var infinite = NDArray<Float>(zeros: [2, 30, 3])
        infinite[1, 0, 2] = .infinity
        #expect(throws: MetricError.nonFinite(array: "jets", index: 90 + 2)) { try net.activations(infinite) }
        #expect(try net.activations(NDArray(zeros: [0, 30, 3])).shape == [0, 256])
    }
}
