import Foundation
import JetNetCore
import JetNetIO
import JetNetPhysics

/// The Quark Gluon jets dataset (jetnet's `QuarkGluon`, energyflow's files `QG_jets*.npz`):
/// `X` `[N, M, 4]` (pt, rapidity, phi, pdgid) and labels `y` (1 = quark).
///
/// Each file is handled as jetnet does: keep the jets of the selected types (in file order),
/// take the first `particles` particles (zero-padding up to `particles`), shuffle with
/// `numpy.random.default_rng(seed).permutation` and cut the split — per file, with the same
/// seed — then concatenate the files.
///
/// **Differences from jetnet:** jetnet's default file list names `QG_jets_withbc_3.npz`
/// twice (so it loads those jets twice); ours lists each file once. Arrays are float32
/// (jetnet returns the files' float64).
public struct QuarkGluonDataset: JetDataset {
    /// The Zenodo record of the dataset.
    public static let record = 3164691
    /// The largest `particles` value.
    public static let maxParticles = 153

    /// The files of the dataset with (`withBC`) or without bottom and charm quark jets.
    public static func files(withBC: Bool) -> [String] {
        withBC ? (0..<20).map { "QG_jets_withbc_\($0).npz" } : ["QG_jets.npz"] + (1..<20).map { "QG_jets_\($0).npz" }
    }

    public var storage: DatasetStorage
    /// The jet types loaded.
    public let jetTypes: [QuarkGluonJetType]
    /// The split loaded.
    public let split: DatasetSplit

    /// Loads a split as a dataset object (jetnet's `QuarkGluon(...)`; default split train).
    /// - Parameters:
    ///   - jetTypes: `g`, `q` or both.
    ///   - location: the data directory and download permission.
    ///   - withBC: the files with bottom and charm quark jets (ignored when `fileList` is given).
    ///   - fileList: the files to load (default: all 20 of the chosen kind).
    ///   - particleFeatures: particle features in the order wanted (empty: none).
    ///   - jetFeatures: jet features (`type`, or empty).
    ///   - particles: particles per jet, 1...153.
    ///   - split: which part of each file.
    ///   - splitFractions: train, valid, test fractions.
    ///   - seed: the shuffle seed (the same for every file).
    ///   - particleNormalisation: derived on this split if needed, then applied.
    ///   - jetNormalisation: derived on this split if needed, then applied.
    /// - Throws: ``DatasetError``.
    public init(
        jetTypes: [QuarkGluonJetType] = QuarkGluonJetType.allCases, location: DatasetLocation,
        withBC: Bool = true, fileList: [String]? = nil,
        particleFeatures: [QuarkGluonParticleFeature] = QuarkGluonParticleFeature.allCases,
        jetFeatures: [QuarkGluonJetFeature] = QuarkGluonJetFeature.allCases,
        particles: Int = maxParticles, split: DatasetSplit = .train,
        splitFractions: [Double] = DatasetSplit.defaultFractions, seed: UInt64 = 42,
        particleNormalisation: (any Normalisation)? = nil, jetNormalisation: (any Normalisation)? = nil
    ) throws {
        let loaded = try Self.load(
            jetTypes: jetTypes, location: location, withBC: withBC, fileList: fileList,
            particleFeatures: particleFeatures, jetFeatures: jetFeatures, particles: particles,
            split: split, splitFractions: splitFractions, seed: seed)
        storage = try DatasetStorage(
            loaded: loaded, particleFeatures: particleFeatures, jetFeatures: jetFeatures,
            normalisations: (particleNormalisation, jetNormalisation))
        self.jetTypes = jetTypes
        self.split = split
    }

    /// Loads arrays exactly as `jetnet.datasets.QuarkGluon.getData` (default split all).
    /// - Returns: particles `[jets, particles, features]` and jets `[jets, 1]`; a kind with no
    ///   features asked for has an empty feature axis (see ``DatasetArrays``).
    /// - Throws: ``DatasetError``.
    public static func load(
        jetTypes: [QuarkGluonJetType] = QuarkGluonJetType.allCases, location: DatasetLocation,
        withBC: Bool = true, fileList: [String]? = nil,
        particleFeatures: [QuarkGluonParticleFeature] = QuarkGluonParticleFeature.allCases,
        jetFeatures: [QuarkGluonJetFeature] = QuarkGluonJetFeature.allCases,
        particles: Int = maxParticles, split: DatasetSplit = .all,
        splitFractions: [Double] = DatasetSplit.defaultFractions, seed: UInt64 = 42
    ) throws -> DatasetArrays {
        try DatasetRequest.validate(
            dataset: "QuarkGluon", particles: particles, maximum: maxParticles, jetTypes: jetTypes.map(\.rawValue),
            validJetTypes: QuarkGluonJetType.allCases.map(\.rawValue), particleFeatures: particleFeatures.count, jetFeatures: jetFeatures.count)
        try DatasetSplit.validate(splitFractions)
        let wanted = Set(jetTypes.map { Double($0.classIndex) })
        let columns = QuarkGluonParticleFeature.columns(of: particleFeatures)
        // The only jet feature is the label.
        let jetWidth = jetFeatures.isEmpty ? 0 : 1
        var particleParts = [NDArray<Float>](), jetParts = [NDArray<Float>]()
        for name in fileList ?? files(withBC: withBC) {
            let url = try location.file(name, record: record, dataset: "QuarkGluon", cliCommand: "jetnet download quarkgluon")
            let (x, y) = try readFile(url)
            let selected = (0..<y.count).filter { wanted.contains(y.storage[$0]) }
            let range = try split.rowRange(length: selected.count, fractions: splitFractions)
            let rows = jetnetPermutation(selected.count, seed: seed)[range].map { selected[$0] }
            particleParts.append(gatherParticles(x, rows: rows, particles: particles, columns: columns))
            jetParts.append(NDArray(shape: [rows.count, jetWidth], storage: jetWidth == 0 ? [] : rows.map { Float(y.storage[$0]) }))
        }
        guard !particleParts.isEmpty else {
            return (NDArray(zeros: [0, particles, columns.count]), NDArray(zeros: [0, jetWidth]))
        }
        return (NDArray.concatenate(particleParts), NDArray.concatenate(jetParts))
    }

    /// Reads `X` `[N, M, 4]` and `y` `[N]` as float64.
    private static func readFile(_ url: URL) throws -> (x: NDArray<Double>, y: NDArray<Double>) {
        let x: NDArray<Double>, y: NDArray<Double>
        do {
            let file = try NPZFile(url: url)
            x = try file.array("X", as: Double.self)
            y = try file.array("y", as: Double.self)
        } catch {
            throw DatasetError.corruptFile(path: url.path, reason: (error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
        guard x.rank == 3, x.shape[2] == 4, y.rank == 1, y.shape[0] == x.shape[0] else {
            throw DatasetError.corruptFile(path: url.path, reason: "X has shape \(x.shape) and y \(y.shape); expected [N, M, 4] and [N]")
        }
        return (x, y)
    }

    /// Rows of `x` with the first `particles` particles (zero-padded) and the chosen columns, as float32.
    private static func gatherParticles(_ x: NDArray<Double>, rows: [Int], particles: Int, columns: [Int]) -> NDArray<Float> {
        let stored = x.shape[1], width = columns.count
        let kept = min(stored, particles)
        var out = NDArray<Float>(zeros: [rows.count, particles, width])
        x.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                for (r, row) in rows.enumerated() {
                    for p in 0..<kept {
                        let source = (row * stored + p) * 4, target = (r * particles + p) * width
                        for (k, column) in columns.enumerated() { output[target + k] = Float(input[source + column]) }
                    }
                }
            }
        }
        return out
    }
}
