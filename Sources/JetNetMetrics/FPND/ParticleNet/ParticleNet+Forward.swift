import CParticleNetKernels
import JetNetCore

/// Scratch buffers for one worker's forward passes over chunks of jets.
///
/// Node features live in one `[nodes, nodeWidth]` buffer laid out as
/// `[block 3 out, block 2 out, block 1 out, input]`: each block reads the columns from its input
/// onwards and writes its output just before them, so the skip concatenation `[new, old]` costs
/// nothing.
final class ParticleNetWorkspace {
    let nodes: UnsafeMutablePointer<Float>
    /// Per-node first-layer halves `[nodes, 2 * width]`.
    let nodeProducts: UnsafeMutablePointer<Float>
    /// Two per-edge activation buffers `[edges, width]`, used in turn (BLAS path only).
    let edgesA: UnsafeMutablePointer<Float>
    let edgesB: UnsafeMutablePointer<Float>
    /// The fused kernels' activations of one group of nodes, `96 * width` floats (fused path
    /// only), 64-byte aligned: the kernels load its rows as whole 64-byte vectors, and a vector
    /// straddling two cache lines costs two loads.
    let groupScratch: UnsafeMutablePointer<Float>
    /// Neighbour node index (within the chunk) of each edge, `[nodes, k]`.
    let neighbourIndices: UnsafeMutablePointer<Int32>
    /// The neighbour search's scratch (`jetnet_pn_nearest_neighbours_scratch` floats for the
    /// widest distance).
    let neighbourScratch: UnsafeMutablePointer<Float>
    /// Pooled node features `[jets, nodeWidth]` and fc1 activations `[jets, fc1]`.
    let pooled: UnsafeMutablePointer<Float>
    let hidden: UnsafeMutablePointer<Float>
    private let sizes: [Int]

    init(network: ParticleNet, jets: Int, particles: Int) {
        let nodeCount = jets * particles
        let edgeCount = nodeCount * network.neighbours
        let widest = network.blocks.map(\.width).max() ?? 1
        let edgeBuffer = network.edgeKernel == .blas ? edgeCount * widest : 0
        sizes = [
            nodeCount * network.nodeWidth, nodeCount * 2 * widest, edgeBuffer, edgeBuffer,
            network.blocks.indices.map {
                jetnet_pn_nearest_neighbours_scratch(particles, network.distanceWidth(ofBlock: $0))
            }.max() ?? 0,
            jets * network.nodeWidth, jets * max(network.activationWidth, network.classes),
            network.edgeKernel == .fused ? 96 * widest : 0,
        ]
        nodes = .allocate(capacity: sizes[0])
        nodeProducts = .allocate(capacity: sizes[1])
        edgesA = .allocate(capacity: sizes[2])
        edgesB = .allocate(capacity: sizes[3])
        neighbourScratch = .allocate(capacity: sizes[4])
        pooled = .allocate(capacity: sizes[5])
        hidden = .allocate(capacity: sizes[6])
        groupScratch = UnsafeMutableRawPointer.allocate(byteCount: sizes[7] * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: sizes[7])
        neighbourIndices = .allocate(capacity: edgeCount)
    }

    deinit {
        for buffer in [nodes, nodeProducts, edgesA, edgesB, neighbourScratch, pooled, hidden] { buffer.deallocate() }
        UnsafeMutableRawPointer(groupScratch).deallocate()
        neighbourIndices.deallocate()
    }
}

extension ParticleNet {
    /// Runs `count` jets (`[count, particles, features]` at `jets`) through the network and
    /// writes `[count, fc1]` activations or `[count, classes]` logits to `output`; with a
    /// `halfWorkspace`, the per-edge layers run in float16 (``Precision/float16``).
    func forward(
        jets: UnsafePointer<Float>, count: Int, particles: Int, workspace: ParticleNetWorkspace,
        logits: Bool, halfWorkspace: HalfEdgeWorkspace? = nil, output: UnsafeMutablePointer<Float>
    ) {
        let nodeCount = count * particles
        let k = neighbours
        let nodes = workspace.nodes
        // The input goes in the last `features` columns.
        var inputColumn = nodeWidth - features
        for node in 0..<nodeCount {
            (nodes + node * nodeWidth + inputColumn).update(from: jets + node * features, count: features)
        }
        for (index, block) in blocks.enumerated() {
            findNeighbours(
                jets: count, particles: particles, column: inputColumn, width: distanceWidth(ofBlock: index),
                workspace: workspace)
            let outputColumn = inputColumn - block.width
            if let halfWorkspace, let half = halfBlocks[index] {
                runHalfBlock(
                    block, half: half, nodeCount: nodeCount, inputColumn: inputColumn, outputColumn: outputColumn, k: k,
                    workspace: workspace, halfWorkspace: halfWorkspace)
            } else {
                runBlock(block, nodeCount: nodeCount, inputColumn: inputColumn, outputColumn: outputColumn, k: k, workspace: workspace)
            }
            inputColumn = outputColumn
        }
        // Global mean pool over every particle of each jet, padding included.
        let pooled = workspace.pooled
        let scale = 1 / Float(particles)
        for jet in 0..<count {
            let row = pooled + jet * nodeWidth
            row.update(repeating: 0, count: nodeWidth)
            for particle in 0..<particles {
                accumulate(nodes + (jet * particles + particle) * nodeWidth, into: row, count: nodeWidth)
            }
            scaleInPlace(row, by: scale, count: nodeWidth)
        }
        let fc1Output = logits ? workspace.hidden : output
        fc1.apply(rows: count, input: pooled, inputStride: nodeWidth, output: fc1Output)
        if logits {
            reLUInPlace(fc1Output, count: count * fc1.outputs)
            fc2.apply(rows: count, input: fc1Output, inputStride: fc1.outputs, output: output)
        }
    }

    /// One EdgeConv block on all nodes of the chunk: per-node first layer, per-edge second and
    /// third layers, mean over each node's neighbours into `outputColumn`.
    private func runBlock(
        _ block: EdgeConvBlock, nodeCount: Int, inputColumn: Int, outputColumn: Int, k: Int,
        workspace: ParticleNetWorkspace
    ) {
        applyNodeLayer(block, nodeCount: nodeCount, inputColumn: inputColumn, workspace: workspace)
        switch edgeKernel {
        case .fused: runEdgeLayersFused(block, nodeCount: nodeCount, outputColumn: outputColumn, workspace: workspace)
        case .blas: runEdgeLayersBLAS(block, nodeCount: nodeCount, outputColumn: outputColumn, k: k, workspace: workspace)
        }
    }

    /// The block's per-node first layer on the node columns from `inputColumn` on, into
    /// `workspace.nodeProducts` (`[nodes, 2 width]`): the packed AVX-512 kernel with the fused
    /// path where `2 width` is a multiple of 64, else BLAS.
    func applyNodeLayer(_ block: EdgeConvBlock, nodeCount: Int, inputColumn: Int, workspace: ParticleNetWorkspace) {
        let products = workspace.nodeProducts
        let input = workspace.nodes + inputColumn
        if edgeKernel == .fused && !block.packedNodeWeight.isEmpty {
            block.packedNodeWeight.withUnsafeBufferPointer { weight in
                block.nodeLayer.bias.withUnsafeBufferPointer { bias in
                    jetnet_pn_node_layer(
                        input, nodeWidth, nodeCount, block.inputWidth, 2 * block.width, weight.baseAddress!,
                        bias.baseAddress!, products)
                }
            }
        } else {
            block.nodeLayer.apply(rows: nodeCount, input: input, inputStride: nodeWidth, output: products)
        }
    }

    /// The per-edge layers and the mean in one C pass over groups of three nodes.
    private func runEdgeLayersFused(
        _ block: EdgeConvBlock, nodeCount: Int, outputColumn: Int, workspace: ParticleNetWorkspace
    ) {
        precondition(
            neighbours == 16 && !block.packedEdgeWeights.isEmpty && jetnet_pn_edge_mlp_supported() != 0,
            "the fused per-edge kernel needs k = 16, widths that are multiples of 8 and AVX-512F")
        let (second, third) = (block.edgeLayers[0], block.edgeLayers[1])
        block.packedEdgeWeights[0].withUnsafeBufferPointer { secondWeight in
            block.packedEdgeWeights[1].withUnsafeBufferPointer { thirdWeight in
                second.bias.withUnsafeBufferPointer { secondBias in
                    third.bias.withUnsafeBufferPointer { thirdBias in
                        jetnet_pn_edge_mlp(
                            workspace.nodeProducts, workspace.neighbourIndices, nodeCount, block.width,
                            secondWeight.baseAddress!, secondBias.baseAddress!, thirdWeight.baseAddress!,
                            thirdBias.baseAddress!, workspace.groupScratch, workspace.nodes + outputColumn, nodeWidth)
                    }
                }
            }
        }
    }

    /// The per-edge layers as BLAS `sgemm` over all edges of the chunk, then the mean.
    private func runEdgeLayersBLAS(
        _ block: EdgeConvBlock, nodeCount: Int, outputColumn: Int, k: Int, workspace: ParticleNetWorkspace
    ) {
        let width = block.width
        let products = workspace.nodeProducts
        // Edge (i, j): ReLU((W_a - W_b) x_i + b + W_b x_j).
        jetnet_pn_gather_add_relu(products, workspace.neighbourIndices, nodeCount, k, width, workspace.edgesA)
        let edgeCount = nodeCount * k
        // Each per-edge layer's bias is added in the pass that applies its ReLU.
        let second = block.edgeLayers[0]
        second.multiply(rows: edgeCount, input: workspace.edgesA, inputStride: width, output: workspace.edgesB)
        second.bias.withUnsafeBufferPointer { bias in
            jetnet_pn_add_bias_relu(workspace.edgesB, edgeCount, width, bias.baseAddress!)
        }
        let third = block.edgeLayers[1]
        third.multiply(rows: edgeCount, input: workspace.edgesB, inputStride: width, output: workspace.edgesA)
        // Mean aggregation of ReLU(third layer + bias) over the k edges of each node.
        third.bias.withUnsafeBufferPointer { bias in
            jetnet_pn_mean_bias_relu(
                workspace.edgesA, nodeCount, k, width, bias.baseAddress!, 1 / Float(k),
                workspace.nodes + outputColumn, nodeWidth)
        }
    }

    /// The node columns block `index` finds neighbours on, from its input column on: jetnet's
    /// first block uses (eta, phi) only, the others all their input features.
    func distanceWidth(ofBlock index: Int) -> Int {
        index == 0 ? min(2, features) : blocks[index].inputWidth
    }

    /// The `k` nearest other particles of every particle, per jet, on node columns
    /// `column..<column + width`; ties go to the lower index.
    private func findNeighbours(jets: Int, particles: Int, column: Int, width: Int, workspace: ParticleNetWorkspace) {
        jetnet_pn_nearest_neighbours(
            workspace.nodes, nodeWidth, column, width, jets, particles, neighbours, workspace.neighbourScratch,
            workspace.neighbourIndices)
    }
}

// Element-wise kernels as plain while loops over pointers with explicit comparisons: the
// optimiser vectorises them, and unoptimised (debug) builds avoid generic `max` and iterator
// calls, which made the test suite's forward passes many times slower.

/// `values[i] = max(values[i], 0)`.
@inline(__always)
private func reLUInPlace(_ values: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i < count {
        let v = values[i]
        values[i] = v > 0 ? v : 0
        i += 1
    }
}

/// `target[i] += source[i]`.
@inline(__always)
private func accumulate(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i < count {
        target[i] += source[i]
        i += 1
    }
}

/// `values[i] *= factor`.
@inline(__always)
private func scaleInPlace(_ values: UnsafeMutablePointer<Float>, by factor: Float, count: Int) {
    var i = 0
    while i < count {
        values[i] *= factor
        i += 1
    }
}
