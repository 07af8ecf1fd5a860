import Foundation
import JetNetCore
import JetNetIO
import JetNetPhysics

/// The Top Quark Tagging reference dataset (jetnet's `TopTagging`): QCD and top jets with
/// up to 200 particles, in pandas files `train.h5`, `val.h5`, `test.h5`.
///
/// Particle features are `E px py pz` (columns `E_i PX_i PY_i PZ_i`); jet features are the
/// class index (`is_signal_new`) and `E px py pz` from the `truth*` columns — the top
/// quark's four-momentum, zeros for QCD jets: that is what jetnet returns. Jets of the
/// selected types keep the file's order (no shuffling), splits are the files themselves,
/// concatenated in the order given (`.all` = train, valid, test).
///
/// **Differences from jetnet:** columns are found by name, not position; arrays are float32
/// (the stored precision; jetnet returns float64 copies); offline MD5 checks as for JetNet.
public struct TopTaggingDataset: JetDataset {
    /// The Zenodo record of the dataset.
    public static let record = 2603256
    /// The largest `particles` value.
    public static let maxParticles = 200

    public var storage: DatasetStorage
    /// The jet types loaded.
    public let jetTypes: [TopTaggingJetType]
    /// The splits loaded, in order.
    public let splits: [DatasetSplit]

    /// The file holding a split (`train.h5`, `val.h5`, `test.h5`).
    public static func fileName(for split: DatasetSplit) -> String {
        switch split {
        case .train: "train.h5"
        case .valid: "val.h5"
        case .test: "test.h5"
        case .all: "train.h5"
        }
    }

    /// Loads splits as a dataset object (jetnet's `TopTagging(...)`; default split train).
    /// - Parameters:
    ///   - jetTypes: `qcd`, `top` or both.
    ///   - location: the data directory and download permission.
    ///   - particleFeatures: particle features in the order wanted (empty: none).
    ///   - jetFeatures: jet features in the order wanted (empty: none).
    ///   - particles: particles per jet, 1...200.
    ///   - splits: the files to load, in order (`.all`: train, valid, test).
    ///   - particleNormalisation: derived on the loaded jets if needed, then applied.
    ///   - jetNormalisation: derived on the loaded jets if needed, then applied.
    /// - Throws: ``DatasetError``.
    public init(
        jetTypes: [TopTaggingJetType] = TopTaggingJetType.allCases, location: DatasetLocation,
        particleFeatures: [TopTaggingParticleFeature] = TopTaggingParticleFeature.allCases,
        jetFeatures: [TopTaggingJetFeature] = TopTaggingJetFeature.allCases,
        particles: Int = maxParticles, splits: [DatasetSplit] = [.train],
        particleNormalisation: (any Normalisation)? = nil, jetNormalisation: (any Normalisation)? = nil
    ) throws {
        let loaded = try Self.load(
            jetTypes: jetTypes, location: location, particleFeatures: particleFeatures,
            jetFeatures: jetFeatures, particles: particles, splits: splits)
        storage = try DatasetStorage(
            loaded: loaded, particleFeatures: particleFeatures, jetFeatures: jetFeatures,
            normalisations: (particleNormalisation, jetNormalisation))
        self.jetTypes = jetTypes
        self.splits = splits
    }

    /// Loads arrays exactly as `jetnet.datasets.TopTagging.getData` (default split all).
    /// - Returns: particles `[jets, particles, features]` and jets `[jets, features]`; a kind with
    ///   no features asked for has an empty feature axis (see ``DatasetArrays``).
    /// - Throws: ``DatasetError``.
    public static func load(
        jetTypes: [TopTaggingJetType] = TopTaggingJetType.allCases, location: DatasetLocation,
        particleFeatures: [TopTaggingParticleFeature] = TopTaggingParticleFeature.allCases,
        jetFeatures: [TopTaggingJetFeature] = TopTaggingJetFeature.allCases,
        particles: Int = maxParticles, splits: [DatasetSplit] = [.all]
    ) throws -> DatasetArrays {
        try DatasetRequest.validate(
            dataset: "TopTagging", particles: particles, maximum: maxParticles, jetTypes: jetTypes.map(\.rawValue),
            validJetTypes: TopTaggingJetType.allCases.map(\.rawValue), particleFeatures: particleFeatures.count, jetFeatures: jetFeatures.count)
        guard !splits.isEmpty else { throw DatasetError.invalidRequest("No split given; pass train, valid, test or all.") }
        let files = splits.contains(.all) ? [DatasetSplit.train, .valid, .test] : splits
        let wanted = Set(jetTypes.map { Float($0.classIndex) })
        var particleParts = [NDArray<Float>](), jetParts = [NDArray<Float>]()
        for split in files {
            let name = fileName(for: split)
            let url = try location.file(name, record: record, dataset: "TopTagging", cliCommand: "jetnet download toptagging")
            let table = try PandasFixedTable(url: url)
            let type = try table.columns(["is_signal_new"])[0]
            let selected = (0..<table.rows).filter { wanted.contains(type.block[$0, type.column]) }
            let prefixes = particleFeatures.map { ["E": "E", "px": "PX", "py": "PY", "pz": "PZ"][$0.rawValue]! }
            var names = [String]()
            for p in 0..<particles { for prefix in prefixes { names.append("\(prefix)_\(p)") } }
            particleParts.append(gather(try table.columns(names), rows: selected, shape: [selected.count, particles, prefixes.count]))
            let jetNames = jetFeatures.map { ["type": "is_signal_new", "E": "truthE", "px": "truthPX", "py": "truthPY", "pz": "truthPZ"][$0.rawValue]! }
            jetParts.append(gather(try table.columns(jetNames), rows: selected, shape: [selected.count, jetNames.count]))
        }
        return (NDArray.concatenate(particleParts), NDArray.concatenate(jetParts))
    }

    /// Output row r, element k = `columns[k]` at stored row `rows[r]`.
    private static func gather(_ columns: [(block: NDArray<Float>, column: Int)], rows: [Int], shape: [Int]) -> NDArray<Float> {
        let width = columns.count
        return NDArray(shape: shape, unsafeUninitializedCapacity: { out in
            for (k, source) in columns.enumerated() {
                let items = source.block.shape[1]
                source.block.withUnsafeBufferPointer { input in
                    for (r, row) in rows.enumerated() { out[r * width + k] = input[row * items + source.column] }
                }
            }
        })
    }
}
