import CParticleNetKernels
import Foundation
import JetNetCore
import Testing

@testable import JetNetMetrics

@Suite("FPND float16 mode")
struct FPNDFloat16Tests {
    /// On a CPU with AVX512-FP16 the float16 FPND is within 1e-3 of jetnet's float32 golden; on
    /// any other CPU asking for it is the documented error.
    @Test("float16 FPND of the g and t samples and of the smeared g jets is within 1e-3 of jetnet's", arguments: ["g", "t", "smeared"])
    func fpndWithinTolerance(_ name: String) throws {
        let (jets, jetType, expected) = try FPNDTests.goldenCase(name)
        guard ParticleNet.Precision.float16Available else {
            #expect(throws: Self.unavailable) { try Metrics.fpnd(gen: jets, jetType: jetType, precision: .float16) }
            return
        }
        let value = try Metrics.fpnd(gen: jets, jetType: jetType, precision: .float16)
        #expect(abs(value - expected) <= 1e-3 * abs(expected), "float16 \(value) vs jetnet \(expected)")
    }

    static let unavailable = MetricError.invalidArgument(
        name: "precision", value: "float16", allowed: "float32 on this CPU (float16 needs AVX512-FP16)")

    @Test("float16 activations of 8 g jets are within 2e-2 of PyTorch's, differ from float32, do not depend on threads")
    func activations() throws {
        let golden = try FPNDGolden.load()
        let net = try ParticleNet.jetNetPretrained()
        let jets = jetArray(golden.input_g_first8_fpnd_normed)
        guard ParticleNet.Precision.float16Available else {
            #expect(throws: Self.unavailable) { try net.activations(jets, precision: .float16) }
            return
        }
        let half = try net.activations(jets, precision: .float16)
        let expected = golden.activations_g_first8_fpnd_normed.flatMap { $0 }
        let scale = expected.map(abs).max() ?? 0
        let worst = zip(half.storage, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 2e-2 * scale, "largest |float16 - torch| = \(worst) of \(scale)")
        // A different computation, not the float32 one under another name.
        #expect(half != (try net.activations(jets)))
        let oneThread = try net.run(jets, logits: false, progress: nil, threads: 1, precision: .float16)
        #expect(oneThread == half)
    }

    @Test("the float16 kernel's error against a float64 product stays below float16 rounding", arguments: [1, 8, 32, 96])
    func kernelError(block: Int) throws {
        guard ParticleNet.Precision.float16Available else {
            #expect(throws: Self.unavailable) { try ParticleNet.checkAvailable(.float16) }
            return
        }
        // 23 rows (tiles of 8, 4 and 1), 96 inputs, 96 outputs (a 64-wide and a 32-wide panel);
        // values exact in float16.
        let rows = 23, width = 96
        let input = (0..<rows * width).map { Float(($0 * 37) % 29) / 16 }
        let weight = (0..<width * width).map { Float(($0 * 53) % 41 - 20) / 64 }
        let bias = (0..<width).map { Float($0 % 7) * 8 + 40 }
        var packed = [UInt16](repeating: 0, count: width * width)
        jetnet_pn_half_pack_weights(weight, width, width, &packed)
        var products = [Float](repeating: 0, count: rows * 2 * width)
        for r in 0..<rows { for c in 0..<width { products[r * 2 * width + c] = input[r * width + c] } }
        var edges = [UInt16](repeating: 0, count: rows * width)
        jetnet_pn_half_gather_add_relu(products, (0..<Int32(rows)).map { $0 }, rows, 1, width, &edges)
        var output = [UInt16](repeating: 0, count: rows * width)
        jetnet_pn_half_dense_bias_relu(edges, rows, width, packed, width, bias, block, &output)
        var worst = 0.0
        for r in 0..<rows {
            for o in 0..<width {
                var exact = Double(bias[o])
                var magnitude = Double(bias[o])
                for i in 0..<width {
                    let term = Double(input[r * width + i]) * Double(weight[o * width + i])
                    exact += term
                    magnitude += abs(term)
                }
                let value = Double(Float16(bitPattern: output[r * width + o]))
                worst = max(worst, abs(value - max(exact, 0)) / magnitude)
            }
        }
        // Output rounding (2^-11 relative) plus float16 partial sums of up to `block` terms.
        let bound = 0x1p-11 + Double(min(block, width)) * 0x1p-11
        #expect(worst <= bound, "largest error \(worst) of the terms' magnitude, bound \(bound)")
        if block == 1 { #expect(worst <= 2 * 0x1p-11) }
    }

    @Test(
        "the fused float16 kernel rounds as the layered float16 kernels (within 1e-6 of the largest output) and is within 2e-3 of float32",
        arguments: [64, 128, 256], [60, 34])
    func fusedKernelAgrees(width: Int, nodes: Int) throws {
        guard ParticleNet.Precision.float16Available else {
            #expect(throws: Self.unavailable) { try ParticleNet.checkAvailable(.float16) }
            return
        }
        // 60 nodes: ten groups of six; 34: five groups and a group of four. Neighbours within
        // the node's jet of 30 (or of the last 4), as the network picks them.
        let k = 16
        let products = (0..<nodes * 2 * width).map { Float(($0 * 7919) % 997) / 997 - 0.45 }
        let neighbours = (0..<nodes * k).map { edge -> Int32 in
            let node = edge / k, jetStart = node / 30 * 30
            return Int32(jetStart + (node + 1 + (edge % k) * 7) % min(30, nodes - jetStart))
        }
        let scale = 2 / Float(width).squareRoot()
        let second = (0..<width * width).map { Float(($0 * 53) % 101) / 101 * scale - scale / 2 }
        let third = (0..<width * width).map { Float(($0 * 89) % 103) / 103 * scale - scale / 2 }
        let secondBias = (0..<width).map { Float($0 % 11) / 50 - 0.05 }
        let thirdBias = (0..<width).map { Float($0 % 13) / 60 - 0.05 }
        func packed(_ weight: [Float], _ pack: (UnsafePointer<Float>, Int, Int, UnsafeMutablePointer<UInt16>) -> Void) -> [UInt16] {
            var out = [UInt16](repeating: 0, count: width * width)
            pack(weight, width, width, &out)
            return out
        }
        var fused = [Float](repeating: .nan, count: nodes * width)
        var scratch = [UInt16](repeating: 0, count: 192 * width)
        jetnet_pn_half_edge_mlp(
            products, neighbours, nodes, width, packed(second, jetnet_pn_half_pack_edge_weights), secondBias,
            packed(third, jetnet_pn_half_pack_edge_weights), thirdBias, &scratch, &fused, width)
        var edgesA = [UInt16](repeating: 0, count: nodes * k * width), edgesB = edgesA
        var layered = [Float](repeating: .nan, count: nodes * width)
        jetnet_pn_half_gather_add_relu(products, neighbours, nodes, k, width, &edgesA)
        jetnet_pn_half_dense_bias_relu(
            edgesA, nodes * k, width, packed(second, jetnet_pn_half_pack_weights), width, secondBias,
            ParticleNet.float16Block, &edgesB)
        jetnet_pn_half_dense_mean_bias_relu(
            edgesB, nodes, k, width, packed(third, jetnet_pn_half_pack_weights), width, thirdBias,
            ParticleNet.float16Block, 1 / Float(k), &layered, width)
        var single = [Float](repeating: .nan, count: nodes * width)
        var packed32 = (second: [Float](repeating: 0, count: width * width), third: [Float](repeating: 0, count: width * width))
        jetnet_pn_pack_edge_weights(second, width, width, &packed32.second)
        jetnet_pn_pack_edge_weights(third, width, width, &packed32.third)
        var scratch32 = [Float](repeating: 0, count: 96 * width)
        jetnet_pn_edge_mlp(
            products, neighbours, nodes, width, packed32.second, secondBias, packed32.third, thirdBias, &scratch32,
            &single, width)

        let largest = single.map(abs).max() ?? 0
        let fromLayered = zip(fused, layered).map { abs($0 - $1) }.max() ?? .infinity
        let fromFloat32 = zip(fused, single).map { abs($0 - $1) }.max() ?? .infinity
        #expect(largest > 0.1 && fused.allSatisfy(\.isFinite))
        #expect(fromLayered <= 1e-6 * largest, "largest |fused - layered| = \(fromLayered) of \(largest)")
        #expect(fromFloat32 <= 2e-3 * largest, "largest |float16 - float32| = \(fromFloat32) of \(largest)")
    }

    @Test("float16 activations: fused and layered kernels within 2e-4 of the largest; k = 8 (layered) within 3e-3 of float32")
    func networkPaths() throws {
        let golden = try FPNDGolden.load()
        var net = try ParticleNet.jetNetPretrained()
        let jets = jetArray(golden.input_g_first8_fpnd_normed)
        guard ParticleNet.Precision.float16Available else {
            #expect(throws: Self.unavailable) { try net.activations(jets, precision: .float16) }
            return
        }
        let fused = try net.activations(jets, precision: .float16).storage
        net.edgeKernel = .blas
        let layered = try net.activations(jets, precision: .float16).storage
        let float32 = try net.activations(jets).storage
        let scale = float32.map(abs).max() ?? 0
        let apart = zip(fused, layered).map { abs($0 - $1) }.max() ?? .infinity
        #expect(apart <= 2e-4 * scale && fused != layered, "largest |fused - layered| = \(apart) of \(scale)")
        #expect(zip(fused, float32).map { abs($0 - $1) }.max()! <= 2e-2 * scale)

        // k = 8 cannot fuse: the float16 layered kernels run, close to float32 with k = 8.
        let eight = try ParticleNet(stateDict: TorchStateDict(contentsOf: ParticleNet.resourceURL("pnet_state_dict", extension: "pt")), neighbours: 8)
        let half8 = try eight.activations(jets, precision: .float16).storage
        let single8 = try eight.activations(jets).storage
        let scale8 = single8.map(abs).max() ?? 0
        let apart8 = zip(half8, single8).map { abs($0 - $1) }.max() ?? .infinity
        #expect(apart8 <= 3e-3 * scale8 && half8 != single8, "k = 8: largest |float16 - float32| = \(apart8) of \(scale8)")
    }

    @Test("a float16 overflow throws MetricError.overflow on both float16 paths; float32 stays finite", arguments: ParticleNet.EdgeKernel.allCases)
    func overflowThrows(kernel: ParticleNet.EdgeKernel) throws {
        let golden = try FPNDGolden.load()
        var net = try ParticleNet.jetNetPretrained()
        net.edgeKernel = kernel
        // Inputs 3e4 times jetnet's normalised ones: per-edge values far above float16's 65504.
        let jets = jetArray(golden.input_g_first8_fpnd_normed.map { $0.map { $0.map { $0 * 3e4 } } })
        guard ParticleNet.Precision.float16Available else {
            #expect(throws: Self.unavailable) { try net.activations(jets, precision: .float16) }
            return
        }
        #expect(try net.activations(jets).storage.allSatisfy(\.isFinite))
        #expect {
            try net.activations(jets, precision: .float16)
        } throws: { error in
            guard case .overflow(let metric, _, let largest)? = error as? MetricError else { return false }
            return metric == "FPND float16" && largest == 65504
        }
    }
}
