import CParticleNetKernels

/// One worker's float16 per-edge buffers for ``ParticleNet/Precision/float16`` and the number of
/// input terms per float16 partial sum; kept apart from `ParticleNetWorkspace`, whose per-edge
/// buffers the float32 path sizes for itself.
final class HalfEdgeWorkspace {
    /// Input terms per float16 partial sum.
    let accumulationBlock: Int
    /// Whether the blocks run in the fused kernel (`jetnet_pn_half_edge_mlp`, which reads and
    /// writes only the float32 workspace's group scratch), or in the layered kernels through the
    /// edge buffers below.
    let fused: Bool
    /// Two per-edge activation buffers `[edges, width]` of float16 bits, used in turn (layered
    /// kernels only).
    let edgesA: UnsafeMutablePointer<UInt16>
    let edgesB: UnsafeMutablePointer<UInt16>

    init(network: ParticleNet, jets: Int, particles: Int, accumulationBlock: Int) {
        fused = network.fusesHalfEdges(accumulationBlock: accumulationBlock)
        let capacity = fused ? 0 : jets * particles * network.neighbours * (network.blocks.map(\.width).max() ?? 1)
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
    /// Whether ``Precision/float16`` runs the per-edge layers in the fused kernel: where the
    /// float32 path fuses (k = 16, AVX-512F, which AVX512-FP16 implies) and the float16 sums span
    /// the fused kernel's 64 terms; other lengths (the precision study's) run the layered kernels.
    func fusesHalfEdges(accumulationBlock: Int) -> Bool {
        edgeKernel == .fused && accumulationBlock == Self.float16Block
    }

    /// One EdgeConv block as `runBlock`, its per-edge layers in float16 (``Precision/float16``):
    /// the per-node first layer in float32, then float16 edges through the second and third
    /// layers, and the mean over each node's neighbours in float32.
    func runHalfBlock(
        _ block: EdgeConvBlock, half: HalfEdgeLayers, nodeCount: Int, inputColumn: Int, outputColumn: Int, k: Int,
        workspace: ParticleNetWorkspace, halfWorkspace: HalfEdgeWorkspace
    ) {
        applyNodeLayer(block, nodeCount: nodeCount, inputColumn: inputColumn, workspace: workspace)
        if halfWorkspace.fused {
            runHalfEdgeLayersFused(block, half: half, nodeCount: nodeCount, outputColumn: outputColumn, workspace: workspace)
        } else {
            runHalfEdgeLayersLayered(
                block, half: half, nodeCount: nodeCount, outputColumn: outputColumn, k: k, workspace: workspace,
                halfWorkspace: halfWorkspace)
        }
    }

    /// The float16 per-edge layers and the mean in one pass over groups of six nodes, through the
    /// float32 path's group scratch (`96 width` floats hold the kernel's `192 width` float16s).
    private func runHalfEdgeLayersFused(
        _ block: EdgeConvBlock, half: HalfEdgeLayers, nodeCount: Int, outputColumn: Int, workspace: ParticleNetWorkspace
    ) {
        let (second, third) = (block.edgeLayers[0], block.edgeLayers[1])
        let scratch = UnsafeMutableRawPointer(workspace.groupScratch).assumingMemoryBound(to: UInt16.self)
        second.bias.withUnsafeBufferPointer { secondBias in
            third.bias.withUnsafeBufferPointer { thirdBias in
                jetnet_pn_half_edge_mlp(
                    workspace.nodeProducts, workspace.neighbourIndices, nodeCount, block.width, half.fusedSecond,
                    secondBias.baseAddress!, half.fusedThird, thirdBias.baseAddress!, scratch,
                    workspace.nodes + outputColumn, nodeWidth)
            }
        }
    }

    /// The float16 per-edge layers one after the other over all edges of the chunk.
    private func runHalfEdgeLayersLayered(
        _ block: EdgeConvBlock, half: HalfEdgeLayers, nodeCount: Int, outputColumn: Int, k: Int,
        workspace: ParticleNetWorkspace, halfWorkspace: HalfEdgeWorkspace
    ) {
        let width = block.width
        let (edgesA, edgesB) = (halfWorkspace.edgesA, halfWorkspace.edgesB)
        let accumulationBlock = halfWorkspace.accumulationBlock
        jetnet_pn_half_gather_add_relu(workspace.nodeProducts, workspace.neighbourIndices, nodeCount, k, width, edgesA)
        block.edgeLayers[0].bias.withUnsafeBufferPointer { bias in
            jetnet_pn_half_dense_bias_relu(
                edgesA, nodeCount * k, width, half.second, width, bias.baseAddress!, accumulationBlock, edgesB)
        }
        block.edgeLayers[1].bias.withUnsafeBufferPointer { bias in
            jetnet_pn_half_dense_mean_bias_relu(
                edgesB, nodeCount, k, width, half.third, width, bias.baseAddress!, accumulationBlock, 1 / Float(k),
                workspace.nodes + outputColumn, nodeWidth)
        }
    }
}
