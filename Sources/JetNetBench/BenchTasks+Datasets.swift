import Foundation
import JetNet

extension BenchTasks {
    /// Dataset tasks: bench/tasks/load_jetnet.py.
    static let datasets: [String: Task] = [
        "load-jetnet-g150": { data in
            // jetnet's JetNet.getData(jet_type="g", num_particles=150): eager, split all, seed 42.
            let (particles, jets) = try JetNetDataset.load(
                jetTypes: [.gluon], location: DatasetLocation(directory: data.directory), particles: 150)
            return [
                "particle_sum": [particles!.storage.reduce(0.0) { $0 + Double($1) }],
                "jet_sum": [jets!.storage.reduce(0.0) { $0 + Double($1) }],
                "shape": particles!.shape.map(Double.init),
            ]
        },
    ]
}
