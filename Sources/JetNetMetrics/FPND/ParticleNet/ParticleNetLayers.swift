import CBLAS
import CParticleNetKernels
import JetNetCore

/// A dense layer `y = W x + b` with any following inference-mode BatchNorm folded in.
///
/// Folding BatchNorm (`(y - mean) / sqrt(var + eps) * gamma + beta`) into the weights saves a
/// pass over every edge activation; the folded weights are computed in `Double` and rounded once.
struct DenseLayer: Sendable {
    let inputs: Int
    let outputs: Int
    /// Row-major `[outputs, inputs]`, as PyTorch stores `nn.Linear.weight`.
    let weight: [Float]
    let bias: [Float]

    /// `output[r, :] = W · input[r, :] + b` for `rows` rows, with BLAS.
    ///
    /// The bias rows are written first and BLAS accumulates onto them (`beta = 1`), which
    /// spares both BLAS's zeroing pass over the output and a separate bias pass.
    ///
    /// - Parameters:
    ///   - input: `rows` rows of `inputs` values, `inputStride` apart.
    ///   - output: `rows` rows of `outputs` values, packed.
    func apply(rows: Int, input: UnsafePointer<Float>, inputStride: Int, output: UnsafeMutablePointer<Float>) {
        bias.withUnsafeBufferPointer { b in
            for row in 0..<rows {
                (output + row * outputs).update(from: b.baseAddress!, count: outputs)
            }
        }
        weight.withUnsafeBufferPointer { w in
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs),
                1, input, Int32(inputStride), w.baseAddress, Int32(inputs), 1, output, Int32(outputs))
        }
    }

    /// `output[r, :] = W · input[r, :]` for `rows` rows, without the bias, with BLAS: for a
    /// caller that adds the bias in its own pass over the output (fused with a ReLU), which
    /// gives the same floats as ``apply(rows:input:inputStride:output:)``, one pass fewer.
    ///
    /// - Parameters:
    ///   - input: `rows` rows of `inputs` values, `inputStride` apart.
    ///   - output: `rows` rows of `outputs` values, packed.
    func multiply(rows: Int, input: UnsafePointer<Float>, inputStride: Int, output: UnsafeMutablePointer<Float>) {
        weight.withUnsafeBufferPointer { w in
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs),
                1, input, Int32(inputStride), w.baseAddress, Int32(inputs), 0, output, Int32(outputs))
        }
    }
}

/// One EdgeConv block of jetnet's `_ParticleNet`: three Linear+BatchNorm+ReLU layers applied to
/// `[x_i, x_j - x_i]` for each of the k nearest neighbours j of node i, then the mean over j.
///
/// The first layer is evaluated per node, not per edge:
/// `W · [x_i, x_j - x_i] = (W_a - W_b) · x_i + W_b · x_j`, so one GEMM on the nodes gives both
/// halves (``nodeLayer`` stacks `(W_a - W_b)` with its bias over `W_b` without bias).
struct EdgeConvBlock: Sendable {
    /// Width of the node features the block reads.
    let inputWidth: Int
    /// Width of the features it produces (64, 128, 256 in jetnet's network).
    let width: Int
    /// `[2 * width, inputWidth]`: rows `0..<width` act on x_i, rows `width..<2 width` on x_j.
    let nodeLayer: DenseLayer
    /// The second and third layers, each `[width, width]`, applied per edge.
    let edgeLayers: [DenseLayer]
    /// ``edgeLayers``' weights packed once for the fused per-edge kernel (`jetnet_pn_edge_mlp`),
    /// each `[width / 8, width, 8]`; empty when `width` is not a multiple of 8.
    let packedEdgeWeights: [[Float]]
    /// ``nodeLayer``'s weight packed once for `jetnet_pn_node_layer`, `[2 width / 64, inputWidth,
    /// 64]`; empty when `2 width` is not a multiple of 64 (BLAS runs the layer then).
    let packedNodeWeight: [Float]

    init(inputWidth: Int, width: Int, nodeLayer: DenseLayer, edgeLayers: [DenseLayer]) {
        self.inputWidth = inputWidth
        self.width = width
        self.nodeLayer = nodeLayer
        self.edgeLayers = edgeLayers
        packedEdgeWeights = width % 8 == 0 ? edgeLayers.map { layer in
            [Float](unsafeUninitializedCapacity: width * width) { packed, count in
                layer.weight.withUnsafeBufferPointer { weight in
                    jetnet_pn_pack_edge_weights(weight.baseAddress!, width, width, packed.baseAddress!)
                }
                count = width * width
            }
        } : []
        let nodeOutputs = 2 * width
        packedNodeWeight = nodeOutputs % 64 == 0 ? [Float](unsafeUninitializedCapacity: nodeOutputs * inputWidth) { packed, count in
            nodeLayer.weight.withUnsafeBufferPointer { weight in
                jetnet_pn_pack_node_weights(weight.baseAddress!, nodeOutputs, inputWidth, packed.baseAddress!)
            }
            count = nodeOutputs * inputWidth
        } : []
    }
}

/// Reads PyTorch `nn.Linear` and `nn.BatchNorm1d` parameters out of a state dict.
struct StateDictLayerReader {
    let stateDict: TorchStateDict
    /// `nn.BatchNorm1d`'s default.
    let batchNormEpsilon = 1e-5

    /// The tensor `name` as `Double`, checked against `shape`.
    func tensor(_ name: String, shape: [Int]) throws(MetricError) -> [Double] {
        let array = try stateDict.floatTensor(name)
        guard array.shape == shape else {
            throw .badResource(
                path: "state dict", reason: "tensor '\(name)' has shape \(array.shape) but the network needs \(shape)")
        }
        return array.storage.map { Double($0) }
    }

    /// The output count of the `nn.Linear` at `prefix`, from its weight's shape.
    func outputs(ofLinear prefix: String) throws(MetricError) -> Int {
        let weight = try stateDict.floatTensor(prefix + ".weight")
        guard weight.rank == 2, weight.shape[0] > 0 else {
            throw .badResource(path: "state dict", reason: "tensor '\(prefix).weight' of shape \(weight.shape) is not a Linear weight")
        }
        return weight.shape[0]
    }

    /// `(W, b)` of an `nn.Linear(inputs, outputs)`, W row-major `[outputs, inputs]`.
    func linear(_ prefix: String, inputs: Int, outputs: Int) throws(MetricError) -> (weight: [Double], bias: [Double]) {
        (try tensor(prefix + ".weight", shape: [outputs, inputs]), try tensor(prefix + ".bias", shape: [outputs]))
    }

    /// `(scale, shift)` of an inference-mode `nn.BatchNorm1d`: `y = scale * x + shift`.
    func batchNorm(_ prefix: String, features: Int) throws(MetricError) -> (scale: [Double], shift: [Double]) {
        let gamma = try tensor(prefix + ".weight", shape: [features])
        let beta = try tensor(prefix + ".bias", shape: [features])
        let mean = try tensor(prefix + ".running_mean", shape: [features])
        let variance = try tensor(prefix + ".running_var", shape: [features])
        var scale = [Double](repeating: 0, count: features)
        var shift = [Double](repeating: 0, count: features)
        for f in 0..<features {
            scale[f] = gamma[f] / (variance[f] + batchNormEpsilon).squareRoot()
            shift[f] = beta[f] - mean[f] * scale[f]
        }
        return (scale, shift)
    }

    /// A Linear layer followed by a BatchNorm, folded into one ``DenseLayer``.
    func linearBatchNorm(linear linearPrefix: String, batchNorm normPrefix: String, inputs: Int, outputs: Int) throws(MetricError) -> DenseLayer {
        let (w, b) = try linear(linearPrefix, inputs: inputs, outputs: outputs)
        let (scale, shift) = try batchNorm(normPrefix, features: outputs)
        var weight = [Float](repeating: 0, count: outputs * inputs)
        var bias = [Float](repeating: 0, count: outputs)
        for o in 0..<outputs {
            for i in 0..<inputs { weight[o * inputs + i] = Float(scale[o] * w[o * inputs + i]) }
            bias[o] = Float(scale[o] * b[o] + shift[o])
        }
        return DenseLayer(inputs: inputs, outputs: outputs, weight: weight, bias: bias)
    }

    /// A plain Linear layer.
    func plainLinear(_ prefix: String, inputs: Int, outputs: Int) throws(MetricError) -> DenseLayer {
        let (w, b) = try linear(prefix, inputs: inputs, outputs: outputs)
        return DenseLayer(inputs: inputs, outputs: outputs, weight: w.map { Float($0) }, bias: b.map { Float($0) })
    }

    /// jetnet's `_ParticleNetEdgeNet` at `edge_nets.<index>`, reading `inputWidth`-wide nodes.
    func edgeConvBlock(index: Int, inputWidth: Int) throws(MetricError) -> EdgeConvBlock {
        let prefix = "edge_nets.\(index).model"
        let width = try outputs(ofLinear: prefix + ".0")
        // Split W = [W_a | W_b] (x_i half, x_j - x_i half) into the per-node form.
        var nodeWeight = [Float](repeating: 0, count: 2 * width * inputWidth)
        var nodeBias = [Float](repeating: 0, count: 2 * width)
        let (w, b) = try linear(prefix + ".0", inputs: 2 * inputWidth, outputs: width)
        let (scale, shift) = try batchNorm(prefix + ".1", features: width)
        for o in 0..<width {
            for i in 0..<inputWidth {
                let a = w[o * 2 * inputWidth + i]
                let bj = w[o * 2 * inputWidth + inputWidth + i]
                nodeWeight[o * inputWidth + i] = Float(scale[o] * (a - bj))
                nodeWeight[(width + o) * inputWidth + i] = Float(scale[o] * bj)
            }
            nodeBias[o] = Float(scale[o] * b[o] + shift[o])
        }
        let nodeLayer = DenseLayer(inputs: inputWidth, outputs: 2 * width, weight: nodeWeight, bias: nodeBias)
        let second = try linearBatchNorm(linear: prefix + ".3", batchNorm: prefix + ".4", inputs: width, outputs: width)
        let third = try linearBatchNorm(linear: prefix + ".6", batchNorm: prefix + ".7", inputs: width, outputs: width)
        return EdgeConvBlock(inputWidth: inputWidth, width: width, nodeLayer: nodeLayer, edgeLayers: [second, third])
    }
}
