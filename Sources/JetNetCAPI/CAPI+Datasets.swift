import CJetNetCAPI
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import JetNetCore
import JetNetDatasets

// jetnet.datasets getData: the keyword arguments arrive as one JSON object, already normalised by
// the Python package (feature and jet-type lists, never "all" strings for a single value).

/// getData's keyword arguments (jetnet's names).
struct CDataRequest: Decodable {
    var jet_type: [String]
    var data_dir: String
    var particle_features: [String]
    var jet_features: [String]
    var num_particles: Int?
    var split: [String]?
    var split_fraction: [Double]?
    var seed: UInt64?
    var download: Bool?
    var with_bc: Bool?
    var file_list: [String]?
    var file_numbers: [Int]?
    var jets_per_file: Int?

    var location: DatasetLocation {
        DatasetLocation(directory: URL(fileURLWithPath: data_dir, isDirectory: true), download: download ?? false)
    }

    /// The single split JetNet and QuarkGluon take.
    func oneSplit(_ dataset: String) throws -> DatasetSplit {
        let names = split ?? ["all"]
        guard names.count == 1 else { throw CArgumentError(message: "split = \(names) is not allowed; \(dataset) takes one split.") }
        return try DatasetSplit(name: names[0], dataset: dataset)
    }
}

extension CDataRequest {
    /// getData's outputs: particle data, jet data (and JetClass's labels); a kind with no
    /// features requested (jetnet's `None`) is `[0]`.
    func outputs(_ particles: NDArray<Float>, _ jets: NDArray<Float>) -> [COutput] {
        let none = NDArray<Float>(zeros: [0])
        return [.float32(particle_features.isEmpty ? none : particles), .float32(jet_features.isEmpty ? none : jets)]
    }
}

@_cdecl("jn_get_data")
public func jnGetData(_ dataset: UnsafePointer<CChar>?, _ argumentsJSON: UnsafePointer<CChar>?) -> OpaquePointer {
    CResult.run {
        let dataset = try CArray.string(dataset, name: "dataset")
        let json = try CArray.string(argumentsJSON, name: "arguments")
        let request: CDataRequest
        do {
            request = try JSONDecoder().decode(CDataRequest.self, from: Data(json.utf8))
        } catch {
            throw CArgumentError(message: "getData arguments are not valid: \(error)")
        }
        let fractions = request.split_fraction ?? DatasetSplit.defaultFractions
        switch dataset {
        case "JetNet":
            let (particles, jets) = try JetNetDataset.load(
                jetTypes: try JetNetJetType.parse(request.jet_type), location: request.location,
                particleFeatures: try JetNetParticleFeature.parse(request.particle_features),
                jetFeatures: try JetNetJetFeature.parse(request.jet_features),
                particles: request.num_particles ?? 30, split: try request.oneSplit("JetNet"),
                splitFractions: fractions, seed: request.seed ?? 42)
            return request.outputs(particles, jets)
        case "TopTagging":
            let (particles, jets) = try TopTaggingDataset.load(
                jetTypes: try TopTaggingJetType.parse(request.jet_type), location: request.location,
                particleFeatures: try TopTaggingParticleFeature.parse(request.particle_features),
                jetFeatures: try TopTaggingJetFeature.parse(request.jet_features),
                particles: request.num_particles ?? TopTaggingDataset.maxParticles,
                splits: try (request.split ?? ["all"]).map { try DatasetSplit(name: $0, dataset: "TopTagging") })
            return request.outputs(particles, jets)
        case "QuarkGluon":
            let (particles, jets) = try QuarkGluonDataset.load(
                jetTypes: try QuarkGluonJetType.parse(request.jet_type), location: request.location,
                withBC: request.with_bc ?? true, fileList: request.file_list,
                particleFeatures: try QuarkGluonParticleFeature.parse(request.particle_features),
                jetFeatures: try QuarkGluonJetFeature.parse(request.jet_features),
                particles: request.num_particles ?? QuarkGluonDataset.maxParticles, split: try request.oneSplit("QuarkGluon"),
                splitFractions: fractions, seed: request.seed ?? 42)
            return request.outputs(particles, jets)
        case "JetClass":
            let jets = try JetClassDataset(
                directory: URL(fileURLWithPath: request.data_dir, isDirectory: true), split: request.split?.first,
                jetTypes: try jetClassNames(request.jet_type, kind: "class"), fileNumbers: request.file_numbers.map(Set.init),
                particles: request.num_particles ?? 128,
                particleFeatures: try jetClassNames(request.particle_features, kind: "particle feature"),
                jetFeatures: try jetClassNames(request.jet_features, kind: "jet feature"), jetsPerFile: request.jets_per_file
            ).load()
            return request.outputs(jets.particles, jets.jets)
                + [.float32(jets.labels.map(Float.init))]
        default:
            throw CArgumentError(message: "unknown dataset \(dataset); use JetNet, TopTagging, QuarkGluon or JetClass.")
        }
    }
}

/// JetClass names (`"QCD"`, `"part_px"`, `"jet_pt"`), or every case for `["all"]`.
private func jetClassNames<T: RawRepresentable & CaseIterable>(_ names: [String], kind: String) throws -> [T] where T.RawValue == String {
    if names == ["all"] { return Array(T.allCases) }
    return try names.map { name in
        guard let value = T(rawValue: name) else {
            throw DatasetError.unknownFeature(name, kind: kind, dataset: "JetClass", valid: T.allCases.map(\.rawValue))
        }
        return value
    }
}
