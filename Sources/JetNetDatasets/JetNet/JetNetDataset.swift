import Foundation
import JetNetCore
import JetNetIO
import JetNetPhysics

/// The JetNet dataset (jetnet's `JetNet`): gluon, light-quark, top, W and Z jets with up to
/// 30 (`g.hdf5` …) or 150 (`g150.hdf5` …) particles each.
///
/// The same arguments give the same jets in the same order as
/// `jetnet.datasets.JetNet.getData`: the jet types are concatenated in the order given
/// (`"all"` is `g q t w z`), shuffled with `numpy.random.default_rng(seed).permutation`, and
/// cut at `int(cumsum(splitFractions) * length)`.
///
/// ```swift
/// let data = try JetNetDataset(
///     jetTypes: [.gluon, .top], location: DatasetLocation(directory: dir),
///     particles: 30, split: .train,
///     particleNormalisation: FeaturewiseLinear(normal: true, normaliseFeatures: [true, true, true, false]))
/// var batches = data.batches(size: 128, shuffle: true, seed: 0)
/// while let batch = try batches.next() { … }   // batch.particles: [128, 30, 4]
/// ```
///
/// **Lazy loading** (`lazy: true`) opens the files without reading `particle_features`;
/// batches read just their rows with HDF5 hyperslabs (sorted by file and row, runs of
/// consecutive rows read together), giving exactly the eager values. Peak memory while
/// iterating is one batch of output (`B × particles × features × 4` bytes) plus a fixed
/// overhead: a read buffer of at most 64 stored jets (64 × 150 × 16 B = 150 KiB), HDF5's
/// chunk cache (1 MiB per open dataset), and the jet features and row map held for every jet
/// (`(4 × jet features + 8)` bytes per jet) — below 2x one batch plus that overhead. A
/// particle normalisation that needs deriving streams over the split once when the dataset
/// is opened. Shuffled lazy epochs are slower than eager ones, and much slower on gzip-chunked
/// files, where random access decompresses about one chunk per jet.
///
/// **Differences from jetnet:** a file already on disk is checked against the MD5 recorded
/// when it was downloaded, without network (jetnet asks Zenodo every time); arrays are
/// float32 (jetnet's jet array is float64, holding the same float32 values).
public struct JetNetDataset: JetDataset {
    /// Zenodo record of the 30-particle files.
    public static let record30 = 6975118
    /// Zenodo record of the 150-particle files.
    public static let record150 = 6975117
    /// The largest `particles` value (the 150-particle files).
    public static let maxParticles = 150

    /// The normalisation of `[etarel, phirel, ptrel]` used to train FPND's ParticleNet
    /// (jetnet's `JetNet.fpnd_norm`, from arXiv:2106.11535): ``FeaturewiseLinearBounded/fpnd``.
    public static let fpndNormalisation = FeaturewiseLinearBounded.fpnd

    public var storage: DatasetStorage
    /// The jet types loaded, in order.
    public let jetTypes: [JetNetJetType]
    /// The split loaded.
    public let split: DatasetSplit

    /// The file holding `jetType` for `particles` particles per jet (`g.hdf5` up to 30, `g150.hdf5` above).
    public static func fileName(for jetType: JetNetJetType, particles: Int) -> String {
        "\(jetType.rawValue)\(particles > 30 ? "150" : "").hdf5"
    }

    /// Loads a split as a dataset object (jetnet's `JetNet(...)`; default split `train`).
    /// - Parameters:
    ///   - jetTypes: types to load, in order (jetnet's `jet_type`; default all).
    ///   - location: the data directory and download permission.
    ///   - particleFeatures: particle features in the order wanted (empty: none).
    ///   - jetFeatures: jet features in the order wanted (empty: none).
    ///   - particles: particles per jet, 1...150 (jetnet's `num_particles`).
    ///   - split: which part.
    ///   - splitFractions: train, valid, test fractions.
    ///   - seed: the shuffle seed.
    ///   - particleNormalisation: derived on this split if needed, then applied.
    ///   - jetNormalisation: derived on this split if needed, then applied.
    ///   - lazy: read particle rows from disk on demand.
    /// - Throws: ``DatasetError``.
    public init(
        jetTypes: [JetNetJetType] = JetNetJetType.allCases, location: DatasetLocation,
        particleFeatures: [JetNetParticleFeature] = JetNetParticleFeature.allCases,
        jetFeatures: [JetNetJetFeature] = JetNetJetFeature.allCases,
        particles: Int = 30, split: DatasetSplit = .train,
        splitFractions: [Double] = DatasetSplit.defaultFractions, seed: UInt64 = 42,
        particleNormalisation: (any Normalisation)? = nil, jetNormalisation: (any Normalisation)? = nil,
        lazy: Bool = false
    ) throws {
        let selection = try Self.select(
            jetTypes: jetTypes, location: location, particleFeatures: particleFeatures, jetFeatures: jetFeatures,
            particles: particles, split: split, splitFractions: splitFractions, seed: seed)
        let jets = try selection.jets()
        // Without particle features there is nothing to read lazily.
        let particles: ParticleSource = lazy && !particleFeatures.isEmpty ? .lazy(selection) : .memory(try selection.particles())
        storage = try DatasetStorage(
            particles: particles, jets: jets,
            particleFeatures: particleFeatures.map(\.rawValue), jetFeatures: jetFeatures.map(\.rawValue),
            particleNormalisation: particleNormalisation, jetNormalisation: jetNormalisation)
        self.jetTypes = jetTypes
        self.split = split
    }

    /// Loads arrays exactly as `jetnet.datasets.JetNet.getData` (default split `all`).
    /// - Parameters: as ``init(jetTypes:location:particleFeatures:jetFeatures:particles:split:splitFractions:seed:particleNormalisation:jetNormalisation:lazy:)``.
    /// - Returns: particles `[jets, particles, features]` and jets `[jets, features]`; a kind
    ///   with no features asked for has an empty feature axis (see ``DatasetArrays``).
    /// - Throws: ``DatasetError``.
    public static func load(
        jetTypes: [JetNetJetType] = JetNetJetType.allCases, location: DatasetLocation,
        particleFeatures: [JetNetParticleFeature] = JetNetParticleFeature.allCases,
        jetFeatures: [JetNetJetFeature] = JetNetJetFeature.allCases,
        particles: Int = 30, split: DatasetSplit = .all,
        splitFractions: [Double] = DatasetSplit.defaultFractions, seed: UInt64 = 42
    ) throws -> DatasetArrays {
        let selection = try select(
            jetTypes: jetTypes, location: location, particleFeatures: particleFeatures, jetFeatures: jetFeatures,
            particles: particles, split: split, splitFractions: splitFractions, seed: seed)
        return (try selection.particles(), try selection.jets())
    }

    /// Validates the request, finds the files and works out which rows the split takes.
    static func select(
        jetTypes: [JetNetJetType], location: DatasetLocation,
        particleFeatures: [JetNetParticleFeature], jetFeatures: [JetNetJetFeature],
        particles: Int, split: DatasetSplit, splitFractions: [Double], seed: UInt64
    ) throws -> JetNetSelection {
        try DatasetRequest.validate(
            dataset: "JetNet", particles: particles, maximum: maxParticles, jetTypes: jetTypes.map(\.rawValue),
            validJetTypes: JetNetJetType.allCases.map(\.rawValue), particleFeatures: particleFeatures.count, jetFeatures: jetFeatures.count)
        try DatasetSplit.validate(splitFractions)
        let record = particles > 30 ? record150 : record30
        let files = try jetTypes.map { type in
            let name = fileName(for: type, particles: particles)
            let url = try location.file(
                name, record: record, dataset: "JetNet",
                cliCommand: "jetnet download jetnet --jet-types \(type.rawValue) --particles \(particles)")
            let file = try JetNetFile(url: url)
            guard file.storedParticles >= particles else {
                throw DatasetError.corruptFile(path: url.path, reason: "it stores \(file.storedParticles) particles per jet, fewer than the \(particles) requested")
            }
            return file
        }
        let length = files.reduce(0) { $0 + $1.count }
        let range = try split.rowRange(length: length, fractions: splitFractions)
        let order = jetnetPermutation(length, seed: seed)[range]
        // Map each selected row of the concatenation to (file, row in file).
        var offsets = [0]
        for file in files { offsets.append(offsets.last! + file.count) }
        var fileIndex = [Int32](), rowIndex = [Int32]()
        fileIndex.reserveCapacity(order.count)
        rowIndex.reserveCapacity(order.count)
        for global in order {
            var f = 0
            while global >= offsets[f + 1] { f += 1 }
            fileIndex.append(Int32(f))
            rowIndex.append(Int32(global - offsets[f]))
        }
        return JetNetSelection(
            files: files, jetTypes: jetTypes, fileIndex: fileIndex, rowIndex: rowIndex,
            particleCount: particles, particleColumns: JetNetParticleFeature.columns(of: particleFeatures),
            jetColumns: JetNetJetFeature.columns(of: jetFeatures))
    }
}
