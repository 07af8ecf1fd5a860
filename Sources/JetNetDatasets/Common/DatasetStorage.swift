import JetNetCore
import JetNetPhysics

/// The data of a jet dataset after selection, splitting and normalisation — what every
/// dataset type (``JetNetDataset``, ``TopTaggingDataset``, ``QuarkGluonDataset``) holds.
///
/// Normalisations are derived on the selected split (as jetnet's `JetDataset` does) when
/// they need deriving, then applied: to the whole particle array at once when it is in
/// memory, or to each batch as it is read when the dataset is lazy. Both derive from the same
/// blocks in the same order and apply the same float32 operations, so the values agree
/// exactly.
public struct DatasetStorage: Sendable {
    /// The particle features, in the order of the last axis (empty when none were selected).
    public let particleFeatures: [String]
    /// The jet features, in the order of the last axis (empty when none were selected).
    public let jetFeatures: [String]
    /// The number of jets.
    public let count: Int
    /// The normalisation applied to particle features (with derived parameters filled in).
    public let particleNormalisation: (any Normalisation)?
    /// The normalisation applied to jet features (with derived parameters filled in).
    public let jetNormalisation: (any Normalisation)?
    /// Applied to each jet's particles `[particles, features]` when an item or batch is read.
    public var particleTransform: (@Sendable (NDArray<Float>) -> NDArray<Float>)?
    /// Applied to each jet's features `[features]` when an item or batch is read.
    public var jetTransform: (@Sendable (NDArray<Float>) -> NDArray<Float>)?

    let particleSource: ParticleSource
    /// Jet features `[jets, features]`, normalised; always in memory (they are small).
    /// With no jet features selected the feature axis is empty: `[jets, 0]`.
    public let jets: NDArray<Float>

    /// Wraps what a dataset's `load` returned, the features named by the dataset's enums.
    init<Particle: DatasetName, Jet: DatasetName>(
        loaded: DatasetArrays, particleFeatures: [Particle], jetFeatures: [Jet],
        normalisations: (particles: (any Normalisation)?, jets: (any Normalisation)?)
    ) throws {
        try self.init(
            particles: .memory(loaded.particles), jets: loaded.jets,
            particleFeatures: particleFeatures.map(\.rawValue), jetFeatures: jetFeatures.map(\.rawValue),
            particleNormalisation: normalisations.particles, jetNormalisation: normalisations.jets)
    }

    /// Wraps loaded particles and jets, deriving the normalisations (streaming over lazy
    /// particle rows once if needed) and applying them (to lazy rows as they are read).
    /// - Parameters:
    ///   - particles: `[jets, particles, features]` in memory (`[jets, particles, 0]` without
    ///     particle features), or particle rows read on demand.
    ///   - jets: `[jets, features]` (`[jets, 0]` without jet features).
    ///   - particleFeatures: names of the particle features.
    ///   - jetFeatures: names of the jet features.
    ///   - particleNormalisation: derived here if it needs deriving.
    ///   - jetNormalisation: derived here if it needs deriving.
    /// - Throws: ``DatasetError`` when reading lazy rows fails or a normalisation does not fit.
    public init(
        particles source: ParticleSource, jets: NDArray<Float>, particleFeatures: [String], jetFeatures: [String],
        particleNormalisation: (any Normalisation)? = nil, jetNormalisation: (any Normalisation)? = nil
    ) throws {
        self.particleFeatures = particleFeatures
        self.jetFeatures = jetFeatures
        let count = source.shape[0]
        precondition(jets.shape[0] == count, "DatasetStorage: particle and jet arrays differ in length")
        self.count = count

        // An empty feature axis has nothing to normalise (jetnet skips the normalisation of a
        // feature kind it does not return).
        var particleNorm = particleFeatures.isEmpty ? nil : particleNormalisation
        if var norm = particleNorm, norm.needsDeriving {
            let features = source.shape[2]
            norm.derive(from: try FeatureStatistics.streaming(rows: count, features: features) { try source.raw(range: $0) })
            particleNorm = norm
        }
        var jetNorm = jetFeatures.isEmpty ? nil : jetNormalisation
        var normalisedJets = jets
        if var norm = jetNorm {
            if norm.needsDeriving {
                norm.derive(from: FeatureStatistics.streaming(rows: count, features: jets.shape[1]) { jets.rows($0) })
            }
            try Self.wrap { try norm.normalise(&normalisedJets) }
            jetNorm = norm
        }
        if case .memory(var array) = source, let norm = particleNorm {
            try Self.wrap { try norm.normalise(&array) }
            self.particleSource = .memory(array)
        } else {
            self.particleSource = source
        }
        self.particleNormalisation = particleNorm
        self.jetNormalisation = jetNorm
        self.jets = normalisedJets
    }

    /// Whether particle rows are read from disk on demand.
    public var isLazy: Bool {
        if case .lazy = particleSource { return true }
        return false
    }

    /// The particle array's shape `[jets, particles, features]`.
    public var particleShape: [Int] { particleSource.shape }

    /// The whole particle array (normalised), reading it from disk for a lazy dataset.
    /// - Returns: `[jets, particles, features]` (`[jets, particles, 0]` without particle features).
    /// - Throws: ``DatasetError`` when reading fails.
    public func loadParticles() throws -> NDArray<Float> {
        if case .memory(let array) = particleSource { return array }
        return try particles(at: Array(0..<count))
    }

    /// Particle rows at `indices` (normalised, before transforms).
    /// - Parameter indices: row indices in `0..<count`.
    /// - Returns: `[indices.count, particles, features]`.
    /// - Throws: ``DatasetError`` when reading fails.
    public func particles(at indices: [Int]) throws -> NDArray<Float> {
        switch particleSource {
        case .memory(let array): return array.gatheringRows(indices)
        case .lazy(let rows):
            var array = try rows.particles(at: indices)
            if let norm = particleNormalisation { try Self.wrap { try norm.normalise(&array) } }
            return array
        }
    }

    /// Turns a normalisation error into a dataset error.
    static func wrap(_ body: () throws -> Void) throws {
        do { try body() } catch let error as NormalisationError {
            throw DatasetError.invalidRequest(error.errorDescription ?? "\(error)")
        }
    }
}
