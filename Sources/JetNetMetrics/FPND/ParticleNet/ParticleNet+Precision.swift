import CParticleNetKernels

extension ParticleNet {
    /// The arithmetic of the per-edge layers, where almost all of the network's FLOPs are.
    public enum Precision: String, Sendable, Hashable, CaseIterable, Codable {
        /// float32 throughout (BLAS `sgemm`), as jetnet: the default.
        case float32
        /// float16 weights and per-edge activations on CPUs with AVX512-FP16, products summed in
        /// float16 over blocks of 64 terms and the blocks in float32 (with k = 16, in one fused
        /// pass per group of particles, as the float32 path); the per-node layers,
        /// biases, means, pooling and `fc1` stay float32, as do the per-edge layers of a block
        /// whose width is not a multiple of 32 (jetnet's are 64, 128, 256). FPND moves by less
        /// than 1e-3 relative on jetnet's samples (bench/RESULTS.md has the study). On other
        /// CPUs it is refused with ``MetricError/invalidArgument(name:value:allowed:)``.
        case float16

        /// Whether this CPU runs ``float16`` (it has AVX512-FP16).
        public static var float16Available: Bool { jetnet_pn_half_supported() != 0 }
    }

    /// Input terms per float16 partial sum in ``Precision/float16``: float16's 11-bit
    /// significands make longer sums drift, and flushing to float32 more often costs speed.
    static let float16Block = 64

    /// Throws unless this CPU can run `precision`.
    static func checkAvailable(_ precision: Precision) throws(MetricError) {
        if precision == .float16, !Precision.float16Available {
            throw .invalidArgument(
                name: "precision", value: "float16", allowed: "float32 on this CPU (float16 needs AVX512-FP16)")
        }
    }
}

/// One EdgeConv block's per-edge weights converted to float16 and packed for the float16 kernels.
struct HalfEdgeLayers: Sendable {
    /// `[width * width]` float16 bits of the second and third layers packed for
    /// `jetnet_pn_half_dense_*` (see `jetnet_pn_half_pack_weights`).
    let second: [UInt16]
    let third: [UInt16]
    /// The same weights packed for the fused kernel `jetnet_pn_half_edge_mlp`
    /// (`jetnet_pn_half_pack_edge_weights`, `[width / 8, width, 8]`).
    let fusedSecond: [UInt16]
    let fusedThird: [UInt16]

    /// Nil when the block's width is not a multiple of 32 (the kernels' panel width) or the CPU
    /// has no AVX512-FP16; such a block runs in float32.
    init?(_ block: EdgeConvBlock) {
        guard block.width % 32 == 0, ParticleNet.Precision.float16Available else { return nil }
        func packed(_ layer: DenseLayer, _ pack: (UnsafePointer<Float>, Int, Int, UnsafeMutablePointer<UInt16>) -> Void) -> [UInt16] {
            [UInt16](unsafeUninitializedCapacity: layer.inputs * layer.outputs) { buffer, count in
                pack(layer.weight, layer.outputs, layer.inputs, buffer.baseAddress!)
                count = layer.inputs * layer.outputs
            }
        }
        second = packed(block.edgeLayers[0], jetnet_pn_half_pack_weights)
        third = packed(block.edgeLayers[1], jetnet_pn_half_pack_weights)
        fusedSecond = packed(block.edgeLayers[0], jetnet_pn_half_pack_edge_weights)
        fusedThird = packed(block.edgeLayers[1], jetnet_pn_half_pack_edge_weights)
    }
}
