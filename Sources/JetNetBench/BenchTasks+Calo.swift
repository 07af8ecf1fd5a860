import Foundation
import JetNet

extension BenchTasks {
    /// Calorimeter tasks: bench/tasks/calo_features.py.
    static let calo: [String: Task] = [
        "calo-features-ds2": { data in
            // As the Python side: the thresholded showers are in memory before the timed work.
            let dataset = CaloDataset.electrons2
            let sample = try ShowerSample(urls: [data.url("calo_ds2_100k.hdf5")], dataset: dataset)
            let (showers, energies) = try BenchClock.untimed { () -> ([Double], [Double]) in
                var all = [Double]()
                all.reserveCapacity(sample.count * sample.voxelCount)
                try sample.forEachBlock(threshold: dataset.threshold, rowsPerBlock: 2_000) { _, block in all.append(contentsOf: block) }
                return (all, try sample.incidentEnergies())
            }
            let extractor = ShowerFeatureExtractor(geometry: try dataset.geometry())
            let features = extractor.features(showers: showers, incidentEnergies: energies)
            return ["E_tot_sum": [features.totalEnergy.reduce(0, +)], "width_eta_first": [features.widthEta[0]]]
        },
    ]
}
