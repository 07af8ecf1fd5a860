import CParticleNetKernels

/// One worker's float16 per-edge buffers for ``ParticleNet/Precision/float16`` and the number of
/// input terms per float16 partial sum; kept apart from `ParticleNetWorkspace`, whose per-edge
/// buffers the float32 path sizes for itself.
final class HalfEdgeWorkspace {
    /// Input terms per float16 partial sum.
    let accumulationBlock: Int
    /// Two per-edge activation buffers `[edges, width]` of float16 bits, used in turn.
    let edgesA: UnsafeMutablePointer<UInt16>
    let edgesB: UnsafeMutablePointer<UInt16>

    init(network: ParticleNet, jets: Int, particles: Int, accumulationBlock: Int) {
        let capacity = jets * particles * network.neighbours * (network.blocks.map(\.width).max() ?? 1)
        self.accumulationBlock = accumulationBlock
        edgesA = .allocate(capacity: capacity)
        edgesB = .allocate(capacity: capacity)
    }

    deinit {
        edgesA.deallocate()
        edgesB.deallocate()
    }
}

extension ParticleNet {
    /// One EdgeConv block as `runBlock`, its per-edge layers in float16 (``Precision/float16``):
    /// the per-node first layer in float32, then float16 edges through the second and third
    /// layers, and the mean over each node's neighbours in float32.
    func runHalfBlock(
        _ block: EdgeConvBlock, half: HalfEdgeLayers, nodeCount: Int, inputColumn: Int, outputColumn: Int, k: Int,
        workspace: ParticleNetWorkspace, halfWorkspace: HalfEdgeWorkspace
    ) {
        let width = block.width
        let edgeCount = nodeCount * k
        let products = workspace.nodeProducts
        let (edgesA, edgesB) = (halfWorkspace.edgesA, halfWorkspace.edgesB)
        let accumulationBlock = halfWorkspace.accumulationBlock
        block.nodeLayer.apply(
            rows: nodeCount, input: workspace.nodes + inputColumn, inputStride: nodeWidth, output: products)
        jetnet_pn_half_gather_add_relu(products, workspace.neighbourIndices, nodeCount, k, width, edgesA)
        block.edgeLayers[0].bias.withUnsafeBufferPointer { bias in
            jetnet_pn_half_dense_bias_relu(
                edgesA, edgeCount, width, half.second, width, bias.baseAddress!, accumulationBlock, edgesB)
        }
        block.edgeLayers[1].bias.withUnsafeBufferPointer { bias in
            jetnet_pn_half_dense_mean_bias_relu(
                edgesB, nodeCount, k, width, half.third, width, bias.baseAddress!, accumulationBlock, 1 / Float(k),
                workspace.nodes + outputColumn, nodeWidth)
        }
    }
}
