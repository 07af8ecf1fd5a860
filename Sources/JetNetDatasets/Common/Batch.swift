import JetNetCore
import JetNetPhysics

/// A batch of jets ready for a training step.
public struct Batch: Sendable {
    /// Particle features `[batch, particles, features]` (transformed; `[batch, particles, 0]`
    /// when none were selected).
    public let particles: NDArray<Float>
    /// Jet features `[batch, features]` (transformed; `[batch, 0]` when none were selected).
    public let jets: NDArray<Float>
    /// The dataset rows in this batch, in order.
    public let indices: [Int]
}

/// Iterates over a dataset in batches; `next()` throws because a lazy dataset reads from disk.
///
/// ```swift
/// var batches = dataset.batches(size: 128, shuffle: true, seed: 0)
/// while let batch = try batches.next() { train(batch.particles, batch.jets) }
/// ```
public struct BatchIterator: Sendable {
    let storage: DatasetStorage
    let order: [Int]
    /// Jets per batch (the last batch may be smaller unless `dropLast`).
    public let size: Int
    let dropLast: Bool
    let augmentation: BatchAugmentation?
    private var position = 0

    init(storage: DatasetStorage, order: [Int], size: Int, dropLast: Bool, augmentation: BatchAugmentation? = nil) {
        self.storage = storage
        self.order = order
        self.size = size
        self.dropLast = dropLast
        self.augmentation = augmentation
    }

    /// The number of batches in a full pass.
    public var count: Int {
        dropLast ? order.count / size : (order.count + size - 1) / size
    }

    /// The next batch, or `nil` at the end.
    /// - Throws: ``DatasetError`` when a lazy dataset cannot read its file, or when the
    ///   augmentation cannot find its coordinates among the particle features.
    public mutating func next() throws -> Batch? {
        let end = min(position + size, order.count)
        guard position < end, !(dropLast && end - position < size) else { return nil }
        let indices = Array(order[position..<end])
        position = end
        return try storage.batch(at: indices, augmentation: augmentation)
    }
}

/// What ``JetDataset/batches(size:shuffle:seed:dropLast:augment:layout:)`` applies to each batch.
struct BatchAugmentation: Sendable {
    let pipeline: AugmentationPipeline
    /// `nil`: inferred from the dataset's feature names.
    let layout: ParticleLayout?
    let seed: UInt64
}

extension DatasetStorage {
    /// The items at `indices`, augmented, transformed and stacked.
    func batch(at indices: [Int], augmentation: BatchAugmentation? = nil) throws -> Batch {
        var particles = try augmentation.map { try augmentedParticles(at: indices, $0) } ?? particles(at: indices)
        var jets = self.jets.gatheringRows(indices)
        // Transforms see only selected features, never an empty feature axis.
        if let transform = particleTransform, !particleFeatures.isEmpty {
            particles = try Self.stackTransformed(particles, transform)
        }
        if let transform = jetTransform, !jetFeatures.isEmpty {
            jets = try Self.stackTransformed(jets, transform)
        }
        return Batch(particles: particles, jets: jets, indices: indices)
    }

    /// Particle rows at `indices` augmented in physical units (before normalisation), then
    /// normalised; each jet's random stream is keyed by its row, so a jet comes out the same
    /// in whichever batch it lands.
    func augmentedParticles(at indices: [Int], _ augmentation: BatchAugmentation) throws -> NDArray<Float> {
        guard !particleFeatures.isEmpty else { return try particles(at: indices) }
        var array: NDArray<Float>
        switch particleSource {
        case .memory(let normalised):
            // In-memory rows are stored normalised: undo it to augment physical coordinates.
            array = normalised.gatheringRows(indices)
            if let norm = particleNormalisation { try Self.wrap { try norm.inverse(&array) } }
        case .lazy(let rows):
            array = try rows.particles(at: indices)
        }
        let layout = try augmentation.layout ?? ParticleLayout(featureNames: particleFeatures)
        do {
            try augmentation.pipeline.applyInPlace(to: &array, layout: layout, seed: augmentation.seed, jetIndices: indices)
        } catch let error as PhysicsError {
            throw DatasetError.invalidRequest(error.errorDescription ?? "\(error)")
        }
        if let norm = particleNormalisation { try Self.wrap { try norm.normalise(&array) } }
        return array
    }

    /// Applies `transform` to each row of `array` and stacks the results.
    static func stackTransformed(_ array: NDArray<Float>, _ transform: (NDArray<Float>) -> NDArray<Float>) throws -> NDArray<Float> {
        let rows = array.shape[0]
        let itemShape = Array(array.shape.dropFirst())
        var outputs = [NDArray<Float>]()
        outputs.reserveCapacity(rows)
        var firstShape: [Int]?
        for row in 0..<rows {
            let item = transform(array.rows(row..<(row + 1)).reshaped(itemShape))
            if let firstShape, item.shape != firstShape {
                throw DatasetError.invalidRequest("A transform returned shape \(item.shape) for one jet and \(firstShape) for another; batches need one shape.")
            }
            firstShape = item.shape
            outputs.append(item.reshaped([1] + item.shape))
        }
        guard !outputs.isEmpty else { return array }
        return NDArray.concatenate(outputs)
    }
}
