import Dispatch
import Foundation
import JetNetCore

/// Augmentations applied in order to every jet of a batch, each jet drawing from its own
/// random stream.
///
/// ```swift
/// let pipeline = AugmentationPipeline([.rotation(), .collinearSplit(), .smear()])
/// let same = try AugmentationPipeline(parsing: "rotate,collinear-split,smear")
/// let augmented = try pipeline.apply(to: particles, layout: .jetnet, seed: 1)
/// ```
///
/// Reproducibility: jet `j`'s randomness in stage `s` is the stream
/// `(key: seed, stream: j, substream: s)` (``KeyedRandom``), a function of those three numbers
/// only. The same seed therefore gives the same bytes whatever the thread count, the batch
/// size or the other jets of the batch; pass `jetIndices` (such as dataset rows) to key jets
/// by something other than their position in the batch. The random numbers are not NumPy's:
/// no reference code draws per-jet streams, so there is nothing to match bit for bit.
public struct AugmentationPipeline: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The augmentations, applied first to last.
    public var stages: [Augmentation]

    /// A pipeline of `stages`, applied in order.
    public init(_ stages: [Augmentation]) {
        self.stages = stages
    }

    /// Reads a pipeline written as comma-separated augmentations, e.g.
    /// `"rotate, collinear-split(max-splits=10), smear(pt-min=0.5)"` (commas inside parentheses
    /// separate parameters).
    ///
    /// - Parameter text: the pipeline; see ``Augmentation/init(parsing:)`` for each stage.
    /// - Throws: ``PhysicsError/invalidAugmentation(text:reason:)`` for an empty pipeline, an
    ///   unknown name or a bad parameter.
    public init(parsing text: String) throws {
        var items: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1
            case ")": depth -= 1
            default: break
            }
            if character == ",", depth == 0 {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current)
        guard depth == 0 else {
            throw PhysicsError.invalidAugmentation(text: text, reason: "its parentheses do not match")
        }
        let stages = items.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard stages.allSatisfy({ !$0.isEmpty }) else {
            throw PhysicsError.invalidAugmentation(
                text: text, reason: "it has an empty stage; write names separated by commas, e.g. rotate,collinear-split,smear")
        }
        self.stages = try stages.map(Augmentation.init(parsing:))
    }

    /// The text form, e.g. `"rotate, smear(strength=0.1, pt-min=0.1)"`, which
    /// ``init(parsing:)`` reads back.
    public var description: String { stages.map(\.description).joined(separator: ", ") }

    /// Augments a copy of `particles`.
    ///
    /// - Parameters:
    ///   - particles: `[jets, particles, features]`, or one jet `[particles, features]`, with
    ///     the coordinates where `layout` says.
    ///   - layout: which features are `eta`, `phi`, `pt` (and the mask), relative or absolute.
    ///   - seed: the seed of every jet's random stream.
    ///   - jetIndices: `[jets]`, the number each jet's stream is keyed by (default: its position,
    ///     `0..<jets`); pass dataset rows so a jet is augmented the same whichever batch holds it.
    ///   - jetPT: `[jets]`, each jet's pt in GeV, converting `ptrel` to GeV in the relative frame
    ///     (default: `layout.jetPT` for every jet); ignored in the absolute frame.
    ///   - threads: the most threads to use (default: all cores); the result does not depend on it.
    /// - Returns: the augmented particles, same shape.
    /// - Throws: ``PhysicsError`` when the shape, the layout, a stage's parameters or the lengths
    ///   of `jetIndices` / `jetPT` do not fit.
    /// - Complexity: O(jets × particles) per stage, except ``Augmentation/merge(maxDeltaR:strength:minParticles:)``,
    ///   O(jets × particles²).
    public func apply(
        to particles: NDArray<Float>, layout: ParticleLayout = .jetnet, seed: UInt64,
        jetIndices: [Int]? = nil, jetPT: [Double]? = nil, threads: Int? = nil
    ) throws -> NDArray<Float> {
        var output = particles
        try applyInPlace(to: &output, layout: layout, seed: seed, jetIndices: jetIndices, jetPT: jetPT, threads: threads)
        return output
    }

    /// Augments `particles` in place; see ``apply(to:layout:seed:jetIndices:jetPT:threads:)``.
    /// - Throws: ``PhysicsError`` as ``apply(to:layout:seed:jetIndices:jetPT:threads:)`` does.
    public func applyInPlace(
        to particles: inout NDArray<Float>, layout: ParticleLayout = .jetnet, seed: UInt64,
        jetIndices: [Int]? = nil, jetPT: [Double]? = nil, threads: Int? = nil
    ) throws {
        try PhysicsError.checkJets(particles.shape, name: "particles", features: 1)
        let jets = particles.rank == 3 ? particles.shape[0] : 1
        let slots = particles.shape[particles.rank - 2]
        let width = particles.shape[particles.rank - 1]
        try layout.check(features: width)
        for stage in stages { try stage.validate() }
        if let jetIndices, jetIndices.count != jets {
            throw PhysicsError.shapeMismatch(first: "particles", firstShape: particles.shape, second: "jetIndices", secondShape: [jetIndices.count])
        }
        if let jetPT {
            guard jetPT.count == jets else {
                throw PhysicsError.shapeMismatch(first: "particles", firstShape: particles.shape, second: "jetPT", secondShape: [jetPT.count])
            }
            if layout.frame == .relative, let bad = jetPT.first(where: { !($0 > 0 && $0.isFinite) }) {
                throw PhysicsError.invalidArgument(name: "jetPT", value: "\(bad)", allowed: "positive and finite (GeV) for every jet")
            }
        }
        guard jets > 0, slots > 0, !stages.isEmpty else { return }
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, jets))
        let stages = self.stages
        let cartesian = layout.frame == .cartesian ? CartesianConversion(layout: layout, width: width) : nil
        particles.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let base = buffer.baseAddress!
            // Contiguous chunks, several per worker for balance; each jet depends only on its
            // own slots and stream, so the split cannot change the result.
            let chunkSize = max(64, jets / (workers * 8))
            let chunks = (jets + chunkSize - 1) / chunkSize
            let body: @Sendable (Int) -> Void = { chunk in
                for jet in (chunk * chunkSize)..<min(jets, (chunk + 1) * chunkSize) {
                    let key = UInt64(bitPattern: Int64(jetIndices?[jet] ?? jet))
                    let particles = base + jet * slots * width
                    if let cartesian {
                        cartesian.withWorkingCopy(of: particles, slots: slots) { cloud in
                            Self.run(stages, on: cloud, seed: seed, key: key)
                        }
                    } else {
                        let ptScale = layout.frame == .absolute ? 1 : jetPT?[jet] ?? layout.jetPT
                        let cloud = ParticleCloud(base: particles, count: slots, width: width, layout: layout, ptScale: ptScale)
                        Self.run(stages, on: cloud, seed: seed, key: key)
                    }
                }
            }
            if workers == 1 {
                for chunk in 0..<chunks { body(chunk) }
            } else {
                let next = ChunkCounter()
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    while let chunk = next.take(below: chunks) { body(chunk) }
                }
            }
        }
    }
}

extension AugmentationPipeline {
    /// Runs every stage on one jet, stage `s` drawing from stream `(seed, key, s)`.
    @inline(__always)
    static func run(_ stages: [Augmentation], on cloud: ParticleCloud, seed: UInt64, key: UInt64) {
        for (index, stage) in stages.enumerated() {
            var random = KeyedRandom(key: seed, stream: key, substream: UInt32(truncatingIfNeeded: index))
            stage.apply(to: cloud, random: &random)
        }
    }
}

/// Hands out chunk numbers to workers, each exactly once.
private final class ChunkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < limit else { return nil }
        next += 1
        return next - 1
    }
}
