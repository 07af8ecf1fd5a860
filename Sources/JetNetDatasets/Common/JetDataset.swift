import Foundation
import JetNetCore
import JetNetPhysics

/// What every dataset type offers (jetnet's `JetDataset`): length, items, batches, export.
///
/// Conforming types hold a ``DatasetStorage``; everything else comes from this extension.
public protocol JetDataset: Sendable {
    /// The selected, split and normalised data.
    var storage: DatasetStorage { get set }
}

extension JetDataset {
    /// The number of jets.
    public var count: Int { storage.count }

    /// Particle features `[jets, particles, features]` (normalised; `[jets, particles, 0]` when
    /// none were selected), read from disk for a lazy dataset.
    /// - Throws: ``DatasetError`` when a lazy dataset cannot read its file.
    public var particles: NDArray<Float> {
        get throws { try storage.loadParticles() }
    }

    /// Jet features `[jets, features]` (normalised; `[jets, 0]` when none were selected).
    public var jets: NDArray<Float> { storage.jets }

    /// Whether particle rows are read from disk on demand.
    public var isLazy: Bool { storage.isLazy }

    /// A transform applied to each jet's particles `[particles, features]` when read.
    public var particleTransform: (@Sendable (NDArray<Float>) -> NDArray<Float>)? {
        get { storage.particleTransform }
        set { storage.particleTransform = newValue }
    }

    /// A transform applied to each jet's features `[features]` when read.
    public var jetTransform: (@Sendable (NDArray<Float>) -> NDArray<Float>)? {
        get { storage.jetTransform }
        set { storage.jetTransform = newValue }
    }

    /// The jet at `index`: its particles `[particles, features]` and features `[features]`,
    /// with the transforms applied (jetnet's `__getitem__`).
    /// - Precondition: `index` is in `0..<count`.
    /// - Throws: ``DatasetError`` when a lazy dataset cannot read its file.
    public subscript(index: Int) -> (particles: NDArray<Float>, jet: NDArray<Float>) {
        get throws {
            precondition(index >= 0 && index < count, "JetDataset: index \(index) out of range 0..<\(count)")
            let batch = try storage.batch(at: [index])
            return (batch.particles.reshaped(Array(batch.particles.shape.dropFirst())),
                    batch.jets.reshaped(Array(batch.jets.shape.dropFirst())))
        }
    }

    /// Batches over the dataset.
    ///
    /// With `shuffle`, the order is `numpy.random.default_rng(seed).permutation(count)`, so it
    /// is reproducible (PyTorch's `DataLoader` shuffles with torch's generator instead).
    /// - Parameters:
    ///   - size: jets per batch (>= 1).
    ///   - shuffle: visit the jets in a seeded random order.
    ///   - seed: the seed for the order.
    ///   - dropLast: skip a final batch smaller than `size`.
    ///   - augment: augmentations applied to each batch's particles in physical units (the
    ///     normalisation is undone, the pipeline applied, the normalisation redone), before the
    ///     particle transform. Jet row `r` draws from the streams of `(seed, r)`, so pass a new
    ///     seed each epoch for new augmentations; the batch size and order do not change them.
    ///   - layout: where the coordinates are (default: inferred from the feature names, see
    ///     ``JetNetPhysics/ParticleLayout/init(featureNames:)``).
    /// - Returns: an iterator whose ``BatchIterator/next()`` gives `[B, P, F]` and `[B, J]` arrays.
    ///
    /// ```swift
    /// let views = try AugmentationPipeline(parsing: "rotate,collinear-split,smear")
    /// var batches = dataset.batches(size: 128, shuffle: true, seed: UInt64(epoch), augment: views)
    /// ```
    public func batches(
        size: Int, shuffle: Bool = false, seed: UInt64 = 0, dropLast: Bool = false,
        augment: AugmentationPipeline? = nil, layout: ParticleLayout? = nil
    ) -> BatchIterator {
        precondition(size >= 1, "batches(size:): size must be at least 1")
        let order = shuffle ? jetnetPermutation(count, seed: seed) : Array(0..<count)
        let augmentation = augment.map { BatchAugmentation(pipeline: $0, layout: layout, seed: seed) }
        return BatchIterator(storage: storage, order: order, size: size, dropLast: dropLast, augmentation: augmentation)
    }

    /// Writes the dataset to a NumPy `.npz` with arrays `particles` `[jets, particles, features]`
    /// and `jets` `[jets, features]` (float32; normalised; transforms not applied), so
    /// `np.load(path)["particles"]` gives the prepared split in Python. A kind with no
    /// selected features is left out.
    /// - Parameter url: the `.npz` file to write.
    /// - Throws: ``DatasetError/exportFailed(path:reason:)``.
    public func export(to url: URL) throws {
        try ArrayExport.write((try storage.loadParticles(), storage.jets), to: url)
    }
}
