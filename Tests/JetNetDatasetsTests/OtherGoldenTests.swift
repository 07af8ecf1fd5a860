import Foundation
import JetNetCore
import Testing
import JetNetTestSupport
@testable import JetNetDatasets

/// TopTagging and QuarkGluon loaders against jetnet's `getData` on the fixture files.
@Suite("TopTagging and QuarkGluon golden")
struct OtherGoldenTests {
    static func features<Name: DatasetName>(_ args: JSON, _ key: String, _ type: Name.Type) throws -> [Name] {
        guard let value = args.member(key) else { return Name.allCases }
        return value.isNull ? [] : try Name.parse(value.strings!)
    }

    @Test("TopTagging.getData", arguments: Golden.cases("toptagging"))
    func topTagging(_ golden: GoldenCase) throws {
        let args = golden.args
        let (particles, jets) = try TopTaggingDataset.load(
            jetTypes: TopTaggingJetType.parse(args["jet_type"].strings!),
            location: DatasetLocation(directory: Golden.fixture("toptagging")),
            particleFeatures: Self.features(args, "particle_features", TopTaggingParticleFeature.self),
            jetFeatures: Self.features(args, "jet_features", TopTaggingJetFeature.self),
            particles: Int(args["num_particles"].number ?? 200),
            splits: args["split"].strings!.map { try DatasetSplit(name: $0) })
        expectMatches(particles, golden.particle_data)
        expectMatches(jets, golden.jet_data)
    }

    @Test("QuarkGluon.getData (per-file split, zero padding)", arguments: Golden.cases("qgjets"))
    func quarkGluon(_ golden: GoldenCase) throws {
        let args = golden.args
        let (particles, jets) = try QuarkGluonDataset.load(
            jetTypes: QuarkGluonJetType.parse(args["jet_type"].strings!),
            location: DatasetLocation(directory: Golden.fixture("qgjets")),
            fileList: ["QG_jets_withbc_0.npz"],
            particleFeatures: Self.features(args, "particle_features", QuarkGluonParticleFeature.self),
            jetFeatures: Self.features(args, "jet_features", QuarkGluonJetFeature.self),
            particles: Int(args["num_particles"].number ?? 153),
            split: DatasetSplit(name: args["split"].string!))
        // jetnet returns the files' float64; ours is float32: sums agree to float32 rounding.
        expectMatches(particles, golden.particle_data, relative: 1e-6)
        expectMatches(jets, golden.jet_data)
    }
}
