import Foundation
import JetNet

extension BenchTasks {
    /// Dataset tasks: bench/tasks/load_jetnet.py.
    static let datasets: [String: Task] = [
        "load-jetnet-g150": { data in
            // jetnet's JetNet.getData(jet_type="g", num_particles=150): eager, split all, seed 42.
            let (particles, jets) = try JetNetDataset.load(
                jetTypes: [.gluon], location: DatasetLocation(directory: data.directory), particles: 150)
            return BenchClock.untimed {
                [
                    "particle_sum": [particles.storage.reduce(0.0) { $0 + Double($1) }],
                    "jet_sum": [jets.storage.reduce(0.0) { $0 + Double($1) }],
                    "shape": particles.shape.map(Double.init),
                ]
            }
        },
        // bench/scaling.py: JetNet.getData(jet_type="g", num_particles=30) on g.hdf5 of N jets.
        "load-jetnet-g30": { data in
            let (particles, jets) = try JetNetDataset.load(
                jetTypes: [.gluon], location: DatasetLocation(directory: data.directory), particles: 30)
            return ["shape": particles.shape.map(Double.init), "jet_rows": [Double(jets.shape[0])]]
        },
        // Swift-only (no bench/tasks file): one shuffled epoch over the 50k-jet g150 file in
        // batches of 256, lazily or eagerly; run under `/usr/bin/time -v` to see peak memory.
        "iterate-lazy-g150": { data in try iterateG150(data, lazy: true) },
        "iterate-eager-g150": { data in try iterateG150(data, lazy: false) },
    ]

    private static func iterateG150(_ data: BenchData, lazy: Bool) throws -> [String: [Double]] {
        let dataset = try JetNetDataset(
            jetTypes: [.gluon], location: DatasetLocation(directory: data.directory), particles: 150, split: .all, lazy: lazy)
        var batches = dataset.batches(size: 256, shuffle: true, seed: 1)
        var sum = 0.0
        while let batch = try batches.next() {
            sum += batch.particles.withUnsafeBufferPointer { $0.reduce(0.0) { $0 + Double($1) } }
        }
        return ["particle_sum": [sum]]
    }
}
