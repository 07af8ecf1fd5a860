import CParticleNetKernels
import Foundation
import JetNetCore

/// jetnet's `_ParticleNet` (the network behind FPND) for inference, running PyTorch weights.
///
/// The forward pass is jetnet's: for each block, the k = 16 nearest neighbours of every particle
/// in its jet (the first block on (eta, phi), later blocks on all current features, a particle
/// never being its own neighbour), an EdgeConv whose MLP (Linear, BatchNorm in inference mode,
/// ReLU, three times) sees `[x_i, x_j - x_i]`, the mean over the neighbours, and a skip connection
/// `[new, old]`; three blocks (64, 128, 256 wide), the mean over all particles of each jet
/// (zero-padded ones included, as jetnet does), `fc1` (256) — the FPND activations — and
/// `fc2` on `ReLU(fc1)` for the class logits (dropout is off at inference).
///
/// Layer sizes are read from the state dict, so any network built by jetnet's `_ParticleNet`
/// class (any particle count, feature count, block widths, classes) can be loaded:
///
/// ```swift
/// let net = try ParticleNet.jetNetPretrained()       // jetnet's FPND weights
/// let mine = try ParticleNet(stateDict: TorchStateDict(contentsOf: url))
/// let activations = try net.activations(normalisedJets)   // [jets, 256]
/// ```
///
/// ``Precision/float16`` (opt-in, CPUs with AVX512-FP16) runs the per-edge layers, almost all of
/// the FLOPs, in float16 with float32 sums every 64 terms; the default is float32, as jetnet.
///
/// Neighbours are found from exact float32 squared distances, ties going to the lower particle
/// index. PyTorch computes the distances through a matrix product, so for a pair of neighbours
/// whose distances agree to float32 rounding it may pick the other one; padded particles are
/// identical to each other, so which of them is picked never matters.
///
/// Jets are processed in parallel on all cores in fixed chunks, each worker calling
/// single-threaded BLAS; while a call runs, OpenBLAS's (process-wide) thread count is 1, which
/// only slows other BLAS users. Results do not depend on the number of cores.
///
/// - Complexity: about 172 MFLOP per 30-particle jet, 96% of it in the two per-edge layers of
///   the three EdgeConv blocks. In float32, on CPUs with AVX-512F (and k = 16, block widths
///   multiples of 8), these run in one fused kernel per group of three particles: the first layer's
///   gather, both layers with their biases and ReLUs, and the mean over the 16 neighbours, with
///   the weights packed once when the network is loaded and no per-edge activations written to
///   memory; the per-node first layers run in a packed-weight AVX-512 kernel too. Elsewhere both
///   run as BLAS `sgemm` calls over two jets at once. `fc1` is a BLAS call on both paths.
///   ``Precision/float16`` runs the per-edge layers in a float16 kernel fused the same way (groups
///   of six particles) where the float32 path fuses, with the same packed per-node layers; with
///   other k it runs them in float16 kernels one layer at a time.
public struct ParticleNet: Sendable {
    /// Neighbours per particle (jetnet's `k`).
    public let neighbours: Int
    /// Features per particle the network reads (3 for jetnet: etarel, phirel, ptrel).
    public let features: Int
    /// Width of the `fc1` activations (256 for jetnet).
    public var activationWidth: Int { fc1.outputs }
    /// Number of classes of the logits (5 for jetnet: g, q, t, w, z).
    public var classes: Int { fc2.outputs }

    let blocks: [EdgeConvBlock]
    /// Each block's per-edge weights in float16 (``Precision/float16``); nil entries run float32.
    let halfBlocks: [HalfEdgeLayers?]
    let fc1: DenseLayer
    let fc2: DenseLayer
    /// Width of the final node features: every block's output plus the input.
    let nodeWidth: Int
    /// How the per-edge layers run; the fused kernel where the CPU and the shapes allow it.
    var edgeKernel: EdgeKernel

    /// The two implementations of the per-edge layers of the EdgeConv blocks.
    enum EdgeKernel: Sendable, CaseIterable {
        /// One AVX-512 pass per group of nodes (`jetnet_pn_edge_mlp`): gather, both layers, their
        /// biases and ReLUs and the mean over the neighbours, without per-edge buffers; the
        /// per-node first layer in `jetnet_pn_node_layer` where `2 width` is a multiple of 64.
        /// Needs AVX-512F, k = 16 and block widths that are multiples of 8.
        case fused
        /// BLAS `sgemm` over all edges of a chunk per layer, with element-wise passes between
        /// (in ``Precision/float16``: the float16 kernels one layer at a time).
        case blas

        /// The kernels this CPU runs for a network with k = 16 and widths that are multiples of 8.
        static var availableHere: [EdgeKernel] {
            jetnet_pn_edge_mlp_supported() != 0 ? [.fused, .blas] : [.blas]
        }
    }

    /// Builds the network from a `_ParticleNet` state dict.
    ///
    /// - Parameters:
    ///   - stateDict: the weights, as saved by `torch.save(net.state_dict(), …)` for jetnet's
    ///     `_ParticleNet(num_hits, node_feat_size)`: `edge_nets.<i>.model.{0,1,3,4,6,7}.*`,
    ///     `fc1.0.*`, `fc2.*`.
    ///   - neighbours: k of the k-nearest-neighbour graphs (jetnet: 16).
    /// - Throws: ``MetricError/badResource(path:reason:)`` when a tensor is missing or has a
    ///   shape that does not fit the architecture.
    public init(stateDict: TorchStateDict, neighbours: Int = 16) throws(MetricError) {
        guard neighbours > 0 else {
            throw .invalidArgument(name: "neighbours", value: "\(neighbours)", allowed: "at least 1")
        }
        let reader = StateDictLayerReader(stateDict: stateDict)
        let firstWeight = try stateDict.floatTensor("edge_nets.0.model.0.weight")
        guard firstWeight.rank == 2, firstWeight.shape[1] % 2 == 0, firstWeight.shape[1] >= 4 else {
            throw .badResource(
                path: "state dict",
                reason: "edge_nets.0.model.0.weight has shape \(firstWeight.shape); a ParticleNet's first layer reads [x_i, x_j - x_i] of at least 2 features")
        }
        let features = firstWeight.shape[1] / 2
        var blocks: [EdgeConvBlock] = []
        var width = features
        while stateDict.tensors["edge_nets.\(blocks.count).model.0.weight"] != nil {
            let block = try reader.edgeConvBlock(index: blocks.count, inputWidth: width)
            blocks.append(block)
            width += block.width
        }
        let fcWidth = try reader.outputs(ofLinear: "fc1.0")
        self.fc1 = try reader.plainLinear("fc1.0", inputs: width, outputs: fcWidth)
        self.fc2 = try reader.plainLinear("fc2", inputs: fcWidth, outputs: try reader.outputs(ofLinear: "fc2"))
        self.blocks = blocks
        self.halfBlocks = blocks.map { HalfEdgeLayers($0) }
        self.features = features
        self.neighbours = neighbours
        self.nodeWidth = width
        let fusable = neighbours == 16 && blocks.allSatisfy { !$0.packedEdgeWeights.isEmpty }
        self.edgeKernel = fusable && jetnet_pn_edge_mlp_supported() != 0 ? .fused : .blas
    }

    /// The `fc1` activations jetnet's FPND compares (`pnet(x, ret_activations=True)`).
    ///
    /// - Parameter jets: `[jets, particles, features]` already normalised as the network was
    ///   trained (for jetnet's weights: `JetNet.fpnd_norm` of `[etarel, phirel, ptrel]`), with
    ///   more particles than ``neighbours``.
    ///   - precision: the per-edge layers' arithmetic (float32 by default).
    /// - Returns: `[jets, activationWidth]`, without ReLU.
    /// - Throws: ``MetricError`` when `jets` has the wrong rank, feature count, too few
    ///   particles, or non-finite values; for ``Precision/float16`` also when the CPU lacks
    ///   AVX512-FP16 or a float16 value overflowed.
    public func activations(_ jets: NDArray<Float>, precision: Precision = .float32) throws(MetricError) -> NDArray<Float> {
        try run(jets, logits: false, progress: nil, precision: precision)
    }

    /// The class logits (`pnet(x)`, no softmax): for jetnet's weights the order is g, q, t, w, z.
    ///
    /// - Parameters:
    ///   - jets: `[jets, particles, features]`, normalised as for ``activations(_:precision:)``.
    ///   - precision: the per-edge layers' arithmetic (float32 by default).
    /// - Returns: `[jets, classes]`.
    /// - Throws: ``MetricError`` as ``activations(_:precision:)``.
    public func logits(_ jets: NDArray<Float>, precision: Precision = .float32) throws(MetricError) -> NDArray<Float> {
        try run(jets, logits: true, progress: nil, precision: precision)
    }

    /// Activations or logits, reporting each finished chunk of jets to `progress`, on at most
    /// `threads` threads (nil: all processors; the result does not depend on it), float16
    /// partial sums over `float16Block` terms in ``Precision/float16``.
    func run(
        _ jets: NDArray<Float>, logits: Bool, progress: (@Sendable (Int) -> Void)?, threads: Int? = nil,
        precision: Precision = .float32, float16Block: Int = ParticleNet.float16Block
    ) throws(MetricError) -> NDArray<Float> {
        try validate(jets)
        try Self.checkAvailable(precision)
        let halfAccumulation = precision == .float16 ? float16Block : nil
        let jetCount = jets.shape[0]
        let particles = jets.shape[1]
        let outputWidth = logits ? classes : activationWidth
        var output = [Float](repeating: 0, count: jetCount * outputWidth)
        guard jetCount > 0 else { return NDArray(shape: [0, outputWidth], storage: []) }

        // Fixed chunk boundaries (independent of the thread count) keep results reproducible;
        // small chunks (about 1,000 edges) keep each worker's buffers in its caches, and each
        // worker runs single-threaded BLAS, so BLAS's own threads do not compete with the workers.
        let chunkJets = max(1, 64 / particles)
        let chunkCount = (jetCount + chunkJets - 1) / chunkJets
        let workers = min(max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount), chunkCount)
        let network = self
        jets.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                let source = UnsafeSendablePointer(input.baseAddress!)
                let destination = UnsafeSendableMutablePointer(out.baseAddress!)
                let runChunks = {
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        let workspace = ParticleNetWorkspace(network: network, jets: chunkJets, particles: particles)
                        let halfWorkspace = halfAccumulation.map {
                            HalfEdgeWorkspace(network: network, jets: chunkJets, particles: particles, accumulationBlock: $0)
                        }
                        for chunk in stride(from: worker, to: chunkCount, by: workers) {
                            let first = chunk * chunkJets
                            let count = min(chunkJets, jetCount - first)
                            network.forward(
                                jets: source.pointer + first * particles * network.features, count: count,
                                particles: particles, workspace: workspace, logits: logits,
                                halfWorkspace: halfWorkspace, output: destination.pointer + first * outputWidth)
                            progress?(count)
                        }
                    }
                }
                // Single-threaded BLAS even for one worker, so no result depends on BLAS threading.
                SingleThreadedBLAS.run(runChunks)
            }
        }
        if halfAccumulation != nil, let bad = output.firstIndex(where: { !$0.isFinite }) {
            throw .overflow(metric: "FPND float16", array: "activations (jet \(bad / outputWidth))", largest: 65504)
        }
        return NDArray(shape: [jetCount, outputWidth], storage: output)
    }

    private func validate(_ jets: NDArray<Float>) throws(MetricError) {
        guard jets.rank == 3 else { throw .wrongRank(array: "jets", expected: 3, shape: jets.shape) }
        guard jets.shape[2] == features else {
            throw .wrongFeatureCount(array: "jets", expected: "\(features)", shape: jets.shape)
        }
        guard jets.shape[1] > neighbours else {
            throw .invalidArgument(
                name: "particles per jet", value: "\(jets.shape[1])",
                allowed: "more than the \(neighbours) neighbours each particle needs")
        }
        if let bad = jets.storage.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(array: "jets", index: bad)
        }
    }
}

/// A pointer handed to `concurrentPerform` workers, which read disjoint parts of it.
private struct UnsafeSendablePointer: @unchecked Sendable {
    let pointer: UnsafePointer<Float>
    init(_ pointer: UnsafePointer<Float>) { self.pointer = pointer }
}

/// A pointer handed to `concurrentPerform` workers, which write disjoint rows of it.
private struct UnsafeSendableMutablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}
