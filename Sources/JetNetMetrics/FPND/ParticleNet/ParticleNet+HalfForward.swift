import CParticleNetKernels

extension ParticleNet {
    /// One EdgeConv block as `runBlock`, its per-edge layers in float16 (``Precision/float16``):
    /// the per-node first layer in float32, then float16 edges through the second and third
    /// layers, and the mean over each node's neighbours in float32.
    func runHalfBlock(
        _ block: EdgeConvBlock, half: HalfEdgeLayers, accumulationBlock: Int, nodeCount: Int, inputColumn: Int,
        outputColumn: Int, k: Int, workspace: ParticleNetWorkspace
    ) {
        let width = block.width
        let edgeCount = nodeCount * k
        let products = workspace.nodeProducts
        block.nodeLayer.apply(
            rows: nodeCount, input: workspace.nodes + inputColumn, inputStride: nodeWidth, output: products)
        // The float edge buffers hold twice the float16 values needed.
        workspace.edgesA.withMemoryRebound(to: UInt16.self, capacity: edgeCount * width) { edgesA in
            workspace.edgesB.withMemoryRebound(to: UInt16.self, capacity: edgeCount * width) { edgesB in
                jetnet_pn_half_gather_add_relu(products, workspace.neighbourIndices, nodeCount, k, width, edgesA)
                block.edgeLayers[0].bias.withUnsafeBufferPointer { bias in
                    jetnet_pn_half_dense_bias_relu(
                        edgesA, edgeCount, width, half.second, width, bias.baseAddress!, accumulationBlock, edgesB)
                }
                block.edgeLayers[1].bias.withUnsafeBufferPointer { bias in
                    jetnet_pn_half_dense_mean_bias_relu(
                        edgesB, nodeCount, k, width, half.third, width, bias.baseAddress!, accumulationBlock,
                        1 / Float(k), workspace.nodes + outputColumn, nodeWidth)
                }
            }
        }
    }
}
