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
    public let jets: NDArray<Float>?

    /// Wraps what a dataset's `load` returned, the features named by the dataset's enums.
    init<Particle: DatasetName, Jet: DatasetName>(
        loaded: (particles: NDArray<Float>?, jets: NDArray<Float>?), particleFeatures: [Particle], jetFeatures: [Jet],
        normalisations: (particles: (any Normalisation)?, jets: (any Normalisation)?)
    ) throws {
        try self.init(
            particles: loaded.particles, jets: loaded.jets,
            particleFeatures: particleFeatures.map(\.rawValue), jetFeatures: jetFeatures.map(\.rawValue),
            particleNormalisation: normalisations.particles, jetNormalisation: normalisations.jets)
    }

    /// Wraps loaded arrays, deriving and applying the normalisations.
    /// - Parameters:
    ///   - particles: `[jets, particles, features]` in memory, or `nil`.
    ///   - lazyParticles: particle rows read on demand (instead of `particles`), or `nil`.
    ///   - jets: `[jets, features]`, or `nil`.
    ///   - particleFeatures: names of the particle features.
    ///   - jetFeatures: names of the jet features.
    ///   - particleNormalisation: derived here if it needs deriving.
    ///   - jetNormalisation: derived here if it needs deriving.
    /// - Throws: ``DatasetError`` when reading lazy rows fails or a normalisation does not fit.
    public init(
        particles: NDArray<Float>?, lazyParticles: (any LazyParticleRows)? = nil, jets: NDArray<Float>?,
        particleFeatures: [String], jetFeatures: [String],
        particleNormalisation: (any Normalisation)? = nil, jetNormalisation: (any Normalisation)? = nil
    ) throws {
        precondition(particles == nil || lazyParticles == nil, "DatasetStorage: give particles in memory or lazily, not both")
        self.particleFeatures = particleFeatures
        self.jetFeatures = jetFeatures
        let source: ParticleSource = if let particles { .memory(particles) } else if let lazyParticles { .lazy(lazyParticles) } else { .none }
        let count = source.shape?[0] ?? jets?.shape[0] ?? 0
        precondition(jets == nil || jets!.shape[0] == count, "DatasetStorage: particle and jet arrays differ in length")
        self.count = count

        var particleNorm = particleNormalisation
        if var norm = particleNorm, let shape = source.shape {
            if norm.needsDeriving {
                let features = shape[2]
                let statistics = try FeatureStatistics.streaming(rows: count, features: features) { range in
                    try source.raw(range: range) ?? NDArray(zeros: [0, features])
                }
                norm.derive(from: statistics)
            }
            particleNorm = norm
        }
        var jetNorm = jetNormalisation
        var normalisedJets = jets
        if var norm = jetNorm, var array = normalisedJets {
            if norm.needsDeriving {
                norm.derive(from: FeatureStatistics.streaming(rows: count, features: array.shape[1]) { array.rows($0) })
            }
            try Self.wrap { try norm.normalise(&array) }
            normalisedJets = array
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

    /// The whole particle array `[jets, particles, features]` (normalised) if it is in memory;
    /// `nil` for a lazy dataset (use ``loadParticles()``) or when no particle features were selected.
    public var particles: NDArray<Float>? {
        if case .memory(let array) = particleSource { return array }
        return nil
    }

    /// The particle array's shape `[jets, particles, features]`, or `nil` without particle features.
    public var particleShape: [Int]? { particleSource.shape }

    /// The whole particle array (normalised), reading it from disk for a lazy dataset.
    /// - Returns: `[jets, particles, features]`, or `nil` without particle features.
    /// - Throws: ``DatasetError`` when reading fails.
    public func loadParticles() throws -> NDArray<Float>? {
        try particles(at: Array(0..<count))
    }

    /// Particle rows at `indices` (normalised, before transforms).
    /// - Parameter indices: row indices in `0..<count`.
    /// - Returns: `[indices.count, particles, features]`, or `nil` without particle features.
    /// - Throws: ``DatasetError`` when reading fails.
    public func particles(at indices: [Int]) throws -> NDArray<Float>? {
        switch particleSource {
        case .none: return nil
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
