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
    /// Two per-edge activation buffers `[edges, width]`, used in turn.
    let edgesA: UnsafeMutablePointer<Float>
    let edgesB: UnsafeMutablePointer<Float>
    /// Neighbour node index (within the chunk) of each edge, `[nodes, k]`.
    let neighbourIndices: UnsafeMutablePointer<Int32>
    /// One jet's `[particles, particles]` squared distances.
    let distances: UnsafeMutablePointer<Float>
    /// Pooled node features `[jets, nodeWidth]` and fc1 activations `[jets, fc1]`.
    let pooled: UnsafeMutablePointer<Float>
    let hidden: UnsafeMutablePointer<Float>
    private let sizes: [Int]

    init(network: ParticleNet, jets: Int, particles: Int) {
        let nodeCount = jets * particles
        let edgeCount = nodeCount * network.neighbours
        let widest = network.blocks.map(\.width).max() ?? 1
        sizes = [
            nodeCount * network.nodeWidth, nodeCount * 2 * widest, edgeCount * widest, edgeCount * widest,
            particles * particles, jets * network.nodeWidth, jets * max(network.activationWidth, network.classes),
        ]
        nodes = .allocate(capacity: sizes[0])
        nodeProducts = .allocate(capacity: sizes[1])
        edgesA = .allocate(capacity: sizes[2])
        edgesB = .allocate(capacity: sizes[3])
        distances = .allocate(capacity: sizes[4])
        pooled = .allocate(capacity: sizes[5])
        hidden = .allocate(capacity: sizes[6])
        neighbourIndices = .allocate(capacity: edgeCount)
    }

    deinit {
        for buffer in [nodes, nodeProducts, edgesA, edgesB, distances, pooled, hidden] { buffer.deallocate() }
        neighbourIndices.deallocate()
    }
}

extension ParticleNet {
    /// Runs `count` jets (`[count, particles, features]` at `jets`) through the network and
    /// writes `[count, fc1]` activations or `[count, classes]` logits to `output`.
    func forward(
        jets: UnsafePointer<Float>, count: Int, particles: Int, workspace: ParticleNetWorkspace,
        logits: Bool, output: UnsafeMutablePointer<Float>
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
            // jetnet's first block finds neighbours on (eta, phi) only.
            let distanceWidth = index == 0 ? min(2, features) : block.inputWidth
            findNeighbours(
                jets: count, particles: particles, column: inputColumn, width: distanceWidth, workspace: workspace)
            let outputColumn = inputColumn - block.width
            runBlock(block, nodeCount: nodeCount, inputColumn: inputColumn, outputColumn: outputColumn, k: k, workspace: workspace)
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
    /// third layers (BLAS), mean over each node's neighbours into `outputColumn`.
    private func runBlock(
        _ block: EdgeConvBlock, nodeCount: Int, inputColumn: Int, outputColumn: Int, k: Int,
        workspace: ParticleNetWorkspace
    ) {
        let width = block.width
        let products = workspace.nodeProducts
        block.nodeLayer.apply(
            rows: nodeCount, input: workspace.nodes + inputColumn, inputStride: nodeWidth, output: products)
        // Edge (i, j): ReLU((W_a - W_b) x_i + b + W_b x_j).
        let edges = workspace.edgesA
        let neighbourIndices = workspace.neighbourIndices
        for node in 0..<nodeCount {
            let own = products + node * 2 * width
            for slot in 0..<k {
                let other = products + Int(neighbourIndices[node * k + slot]) * 2 * width + width
                addReLU(own, other, into: edges + (node * k + slot) * width, count: width)
            }
        }
        let edgeCount = nodeCount * k
        // Each per-edge layer's bias is added in the pass that applies its ReLU.
        let second = block.edgeLayers[0]
        second.multiply(rows: edgeCount, input: workspace.edgesA, inputStride: width, output: workspace.edgesB)
        second.bias.withUnsafeBufferPointer { bias in
            for edge in 0..<edgeCount {
                addBiasReLU(bias.baseAddress!, to: workspace.edgesB + edge * width, count: width)
            }
        }
        let third = block.edgeLayers[1]
        third.multiply(rows: edgeCount, input: workspace.edgesB, inputStride: width, output: workspace.edgesA)
        // Mean aggregation of ReLU(third layer + bias) over the k edges of each node.
        let scale = 1 / Float(k)
        third.bias.withUnsafeBufferPointer { bias in
            for node in 0..<nodeCount {
                let target = workspace.nodes + node * nodeWidth + outputColumn
                target.update(repeating: 0, count: width)
                for slot in 0..<k {
                    accumulateBiasReLU(
                        workspace.edgesA + (node * k + slot) * width, bias.baseAddress!, into: target, count: width)
                }
                scaleInPlace(target, by: scale, count: width)
            }
        }
    }

    /// The `k` nearest other particles of every particle, per jet, on node columns
    /// `column..<column + width`; ties go to the lower index.
    private func findNeighbours(jets: Int, particles: Int, column: Int, width: Int, workspace: ParticleNetWorkspace) {
        let k = neighbours
        let distances = workspace.distances
        var bestDistance = [Float](repeating: 0, count: k)
        var bestIndex = [Int32](repeating: 0, count: k)
        for jet in 0..<jets {
            let base = jet * particles
            for i in 0..<particles {
                distances[i * particles + i] = 0
                let a = workspace.nodes + (base + i) * nodeWidth + column
                for j in (i + 1)..<max(particles, i + 1) {
                    let b = workspace.nodes + (base + j) * nodeWidth + column
                    let d = squaredDistance(a, b, count: width)
                    distances[i * particles + j] = d
                    distances[j * particles + i] = d
                }
            }
            for i in 0..<particles {
                var found = 0
                for j in 0..<particles where j != i {
                    let d = distances[i * particles + j]
                    if found == k && !(d < bestDistance[k - 1]) { continue }
                    // Insertion keeps the list sorted; equal distances stay in index order.
                    var slot = found < k ? found : k - 1
                    while slot > 0 && d < bestDistance[slot - 1] {
                        bestDistance[slot] = bestDistance[slot - 1]
                        bestIndex[slot] = bestIndex[slot - 1]
                        slot -= 1
                    }
                    bestDistance[slot] = d
                    bestIndex[slot] = Int32(base + j)
                    if found < k { found += 1 }
                }
                (workspace.neighbourIndices + (base + i) * k).update(from: bestIndex, count: k)
            }
        }
    }
}

/// `sum((a - b)^2)` over `count` floats, with four partial sums (plain scalar code: as fast
/// as SIMD here once optimised, and far faster than unspecialised SIMD in debug builds).
@inline(__always)
private func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
    var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
    var i = 0
    while i + 4 <= count {
        let d0 = a[i] - b[i], d1 = a[i + 1] - b[i + 1], d2 = a[i + 2] - b[i + 2], d3 = a[i + 3] - b[i + 3]
        s0 += d0 * d0
        s1 += d1 * d1
        s2 += d2 * d2
        s3 += d3 * d3
        i += 4
    }
    while i < count {
        let d = a[i] - b[i]
        s0 += d * d
        i += 1
    }
    return (s0 + s1) + (s2 + s3)
}

// Element-wise kernels as plain while loops over pointers with explicit comparisons: the
// optimiser vectorises them, and unoptimised (debug) builds avoid generic `max` and iterator
// calls, which made the test suite's forward passes many times slower.

/// `out[i] = max(a[i] + b[i], 0)`.
@inline(__always)
private func addReLU(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i < count {
        let v = a[i] + b[i]
        out[i] = v > 0 ? v : 0
        i += 1
    }
}

/// `values[i] = max(values[i] + bias[i], 0)`, stored unconditionally so that it vectorises.
@inline(__always)
private func addBiasReLU(_ bias: UnsafePointer<Float>, to values: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i < count {
        let v = values[i] + bias[i]
        values[i] = v > 0 ? v : 0
        i += 1
    }
}

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

/// `target[i] += max(source[i] + bias[i], 0)`.
@inline(__always)
private func accumulateBiasReLU(
    _ source: UnsafePointer<Float>, _ bias: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int
) {
    var i = 0
    while i < count {
        let v = source[i] + bias[i]
        target[i] += v > 0 ? v : 0
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
