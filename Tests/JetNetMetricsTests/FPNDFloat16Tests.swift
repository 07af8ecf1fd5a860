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
}
