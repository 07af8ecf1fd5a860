import Foundation
import JetNetCore
import JetNetPhysics
import JetNetIO

/// The JetClass dataset (Qu, Li, Qian 2022; Zenodo record 6619768): 100M jets in ten classes,
/// stored as ROOT files `<Process>_<NNN>.root` with TTree `tree`, read by the pure-Swift ROOT
/// reader.
///
/// ```swift
/// let data = try JetClassDataset(directory: dir, jetTypes: [.hbb, .qcd], particles: 128)
/// let all = try data.load()                        // eager
/// var batches = data.batches(size: 1024)           // streaming across files
/// while let batch = try batches.next() { train(batch.particles, batch.mask, batch.labels) }
/// ```
///
/// Particle arrays are `[jets, particles, features]` (jetnet's layout; particle_transformer's
/// `read_file` returns `[jets, features, particles]`), zero-padded and truncated to
/// `particles` as particle_transformer's `_pad` does, with a separate mask.
public struct JetClassDataset: Sendable {
    /// The files read, in order (by class, then file number).
    public let files: [JetClassFile]
    /// Particles per jet in the output (padding or truncating).
    public let particles: Int
    /// The particle features, in output order.
    public let particleFeatures: [JetClassParticleFeature]
    /// The jet features, in output order.
    public let jetFeatures: [JetClassJetFeature]
    /// At most this many jets from each file (all when nil).
    public let jetsPerFile: Int?

    /// Selects JetClass files and features.
    ///
    /// - Parameters:
    ///   - directory: where the files are (searched recursively).
    ///   - split: a subfolder to restrict to (`"train_100M"`, `"val_5M"`, `"test_20M"`), or nil.
    ///   - jetTypes: the classes to read (all ten by default).
    ///   - fileNumbers: the file numbers to read (`[0, 1]` reads `*_000` and `*_001`), all when nil.
    ///   - particles: particles per jet (default 128, as particle_transformer).
    ///   - particleFeatures: the particle features (default: the four-momentum).
    ///   - jetFeatures: the jet features (default: all ten).
    ///   - jetsPerFile: read at most this many jets of each file.
    /// - Throws: ``DatasetError`` when no file matches or a count is invalid.
    public init(
        directory: URL, split: String? = nil, jetTypes: [JetClassJetType] = JetClassJetType.allCases,
        fileNumbers: Set<Int>? = nil, particles: Int = 128,
        particleFeatures: [JetClassParticleFeature] = JetClassParticleFeature.fourMomentum,
        jetFeatures: [JetClassJetFeature] = JetClassJetFeature.allCases, jetsPerFile: Int? = nil
    ) throws {
        guard particles >= 1 else { throw DatasetError.invalidParticleCount(particles) }
        guard !jetTypes.isEmpty else { throw DatasetError.invalidRequest("Select at least one JetClass class.") }
        if let jetsPerFile, jetsPerFile < 0 { throw DatasetError.invalidRequest("jetsPerFile must be >= 0 (got \(jetsPerFile)).") }
        files = try JetClassFile.find(in: directory, split: split, jetTypes: jetTypes, numbers: fileNumbers)
        self.particles = particles
        self.particleFeatures = particleFeatures
        self.jetFeatures = jetFeatures
        self.jetsPerFile = jetsPerFile
    }

    /// Reads every selected jet at once.
    ///
    /// - Returns: all jets, file after file.
    /// - Throws: ``DatasetError/corruptFile(path:reason:)`` when a file cannot be read.
    public func load() throws -> JetClassJets {
        var parts: [JetClassJets] = []
        for file in files {
            let reader = try JetClassReader(file: file)
            let count = min(reader.entries, jetsPerFile ?? reader.entries)
            parts.append(try reader.read(0 ..< count, particles: particles, particleFeatures: particleFeatures, jetFeatures: jetFeatures))
        }
        return JetClassJets.concatenate(parts)
    }

    /// Streams the selected jets in batches, file after file; a batch can span two files.
    /// Only the entries of the current batch are read, so files larger than memory stream.
    ///
    /// - Parameters:
    ///   - size: jets per batch (the last batch may be smaller).
    ///   - seed: the seed of the augmentations; jet `k` of the stream draws from `(seed, k)`.
    ///   - augment: augmentations applied to each batch's particles (and its mask), or `nil`.
    ///   - layout: where the coordinates are (default: inferred from the feature names, see
    ///     ``JetNetPhysics/ParticleLayout/init(featureNames:)``).
    /// - Returns: an iterator whose `next()` reads the next batch.
    public func batches(
        size: Int, seed: UInt64 = 0, augment: AugmentationPipeline? = nil, layout: ParticleLayout? = nil
    ) -> JetClassBatchIterator {
        precondition(size >= 1, "JetClassDataset.batches: size must be >= 1")
        let augmentation = augment.map { BatchAugmentation(pipeline: $0, layout: layout, seed: seed) }
        return JetClassBatchIterator(dataset: self, size: size, augmentation: augmentation)
    }
}

/// Reads JetClass batches one after another (see ``JetClassDataset/batches(size:)``).
public struct JetClassBatchIterator: Sendable {
    let dataset: JetClassDataset
    /// Jets per batch.
    public let size: Int
    private var fileIndex = 0
    private var entry = 0
    private var reader: JetClassReader?
    let augmentation: BatchAugmentation?
    /// Jets handed out so far: the key of the next jet's augmentation stream.
    private var served = 0

    init(dataset: JetClassDataset, size: Int, augmentation: BatchAugmentation? = nil) {
        self.dataset = dataset
        self.size = size
        self.augmentation = augmentation
    }

    /// The next batch, or nil after the last jet.
    /// - Throws: ``DatasetError/corruptFile(path:reason:)`` when a file cannot be read.
    public mutating func next() throws -> JetClassJets? {
        var parts: [JetClassJets] = []
        var wanted = size
        while wanted > 0 && fileIndex < dataset.files.count {
            if reader == nil { reader = try JetClassReader(file: dataset.files[fileIndex]) }
            let available = min(reader!.entries, dataset.jetsPerFile ?? reader!.entries)
            let stop = min(available, entry + wanted)
            if stop > entry {
                parts.append(try reader!.read(entry ..< stop, particles: dataset.particles,
                                              particleFeatures: dataset.particleFeatures, jetFeatures: dataset.jetFeatures))
                wanted -= stop - entry
                entry = stop
            }
            if entry >= available {
                fileIndex += 1
                entry = 0
                reader = nil
            }
        }
        guard !parts.isEmpty else { return nil }
        var batch = JetClassJets.concatenate(parts)
        if let augmentation {
            try batch.augment(augmentation, features: dataset.particleFeatures.map(\.rawValue), firstJet: served)
        }
        served += batch.count
        return batch
    }
}

extension JetClassJets {
    /// Augments the particles in place and updates the mask to the particles that are left
    /// (and the ones the collinear splits add).
    mutating func augment(_ augmentation: BatchAugmentation, features: [String], firstJet: Int) throws {
        let layout = try augmentation.layout ?? ParticleLayout(featureNames: features)
        do {
            try augmentation.pipeline.applyInPlace(
                to: &particles, layout: layout, seed: augmentation.seed, jetIndices: Array(firstJet..<(firstJet + count)))
        } catch let error as PhysicsError {
            throw DatasetError.invalidRequest(error.errorDescription ?? "\(error)")
        }
        mask = NDArray(shape: mask.shape, storage: try layout.realParticles(in: particles))
    }
}
