import Foundation
import JetNetCalorimeter
import JetNetSamples
import JetNetTestSupport

/// The synthetic shower files and the official code's results on them
/// (`scripts/fixtures/make_calo_goldens.py`).
enum CaloFixtures {
    static let fixtures = FixtureDirectory(bundle: .module)

    /// The goldens of one dataset.
    static func golden(_ dataset: CaloDataset) throws -> JSON {
        try fixtures.json("calo_goldens.json")[dataset.rawValue]
    }

    /// The reference or generated file of a dataset (dataset 1 photons is the embedded sample).
    static func url(_ dataset: CaloDataset, generated: Bool) throws -> URL {
        if dataset == .photons1 { return generated ? EmbeddedCaloSample.generated : EmbeddedCaloSample.reference }
        let stem = "calo_" + dataset.rawValue.replacingOccurrences(of: "-", with: "_")
        return try fixtures.url("\(stem)_\(generated ? "generated" : "reference").hdf5")
    }

    /// The thresholded showers and features of a fixture sample.
    static func features(_ dataset: CaloDataset, generated: Bool) throws -> ShowerFeatures {
        let sample = try ShowerSample(urls: [url(dataset, generated: generated)], dataset: dataset)
        let extractor = ShowerFeatureExtractor(geometry: try dataset.geometry())
        var features = extractor.emptyFeatures(incidentEnergies: try sample.incidentEnergies())
        try sample.forEachBlock(threshold: dataset.threshold, rowsPerBlock: 5) { start, showers in
            extractor.fill(&features, start: start, showers: showers)
        }
        return features
    }
}

extension JSON {
    /// The member names of an object, sorted (empty for anything else).
    var keys: [String] {
        if case .object(let members) = self { return members.keys.sorted() }
        return []
    }
}
