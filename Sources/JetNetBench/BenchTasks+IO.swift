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
        "convert-root-jetclass": { data in
            // bench/tasks/convert_root.py: 16 std::vector<float> branches padded to 128 with
            // masks and 10 float branches, written to a temporary .npz, for two files.
            let part = ["px", "py", "pz", "energy", "deta", "dphi", "d0val", "d0err", "dzval", "dzerr", "charge",
                        "isChargedHadron", "isNeutralHadron", "isPhoton", "isElectron", "isMuon"].map { "part_" + $0 }
            let jets = ["pt", "eta", "phi", "energy", "nparticles", "sdmass", "tau1", "tau2", "tau3", "tau4"].map { "jet_" + $0 }
            var sums: [Double] = []
            for name in ["jetclass-100k-zstd.root", "jetclass-100k-lz4.root"] {
                let out = FileManager.default.temporaryDirectory.appendingPathComponent("jetnet-bench-\(getpid()).npz")
                try ROOTFile(url: data.url(name)).tree(named: "tree").convert(branches: part + jets, pad: [128], to: out)
                try BenchClock.untimed {
                    let npz = try NPZFile(url: out)
                    sums.append(try npz.array("part_px", as: Float.self).storage.reduce(0.0) { $0 + Double($1) })
                    sums.append(Double(try npz.array("part_px_mask", as: Bool.self).storage.filter { $0 }.count))
                    try FileManager.default.removeItem(at: out)
                }
            }
            return ["sums": sums]
        },
        "read-npy": { data in
            let array = try NPYFile.read(data.url("big.npy"), as: Float.self)
            return ["shape": array.shape.map(Double.init), "first": [Double(array.storage[0])]]
        },
    ]
}
