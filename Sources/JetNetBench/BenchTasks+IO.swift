import Foundation
import JetNet

extension BenchTasks {
    /// File-reading tasks: bench/tasks/read_hdf5.py and read_npy.py.
    static let io: [String: Task] = [
        "read-hdf5-150": { data in
            let array = try HDF5File(url: data.url("g150.hdf5")).read("particle_features", as: Float.self)
            return ["shape": array.shape.map(Double.init), "first": [Double(array.storage[0])], "last": [Double(array.storage[array.count - 1])]]
        },
        "read-root-jagged": { data in
            // bench/tasks/read_root.py: open the file and read four std::vector<float> branches.
            let tree = try ROOTFile(url: data.url("uproot-HZZ-objects.root")).tree(named: "events")
            let columns = try ["jetbtag", "muoniso", "electroniso", "photoniso"].map {
                try tree.readJagged(branch: $0, as: Float.self)
            }
            return BenchClock.untimed {
                ["count": columns.map { Double($0.values.count) }, "sum": columns.map { $0.values.reduce(0.0) { $0 + Double($1) } }]
            }
        },
        "read-npy": { data in
            let array = try NPYFile.read(data.url("big.npy"), as: Float.self)
            return ["shape": array.shape.map(Double.init), "first": [Double(array.storage[0])]]
        },
    ]
}
