import ArgumentParser
import Foundation
import JetNet

/// `jetnet efps`: Energy Flow Polynomials of jets in a file, or the list of graphs of a selection.
struct EFPsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "efps",
        abstract: "Energy Flow Polynomials of jets (jetnet.utils.efps), or list a selection's graphs.",
        discussion: """
            Jets are [jets, particles, features] in JetNet order [eta, phi, pt, (mass)], read from \
            .npy, .npz or HDF5. The result is float64 [jets, graphs] in energyflow's graph order \
            (measure hadr, beta 1, not normed). With --list, prints each graph of the selection: \
            index, n (vertices), d (edges), edges.
            Examples:
              jetnet efps g.hdf5 --selection "d<=4" --out efps.npy
              jetnet efps --list --selection "n==4" --selection "d==4" --selection "p==1"
            """)

    @Argument(help: "Jets file (.npy, .npz, .hdf5, .h5); not needed with --list.")
    var file: String?

    @Option(help: "Array name in a .npz, or dataset path in an HDF5 file (default particle_features).")
    var key: String?

    @Option(name: .customLong("selection"),
            help: "energyflow selection condition, repeatable or comma-separated (default: n==4, d==4, p==1).")
    var selections: [String] = []

    @Flag(help: "The fourth feature is the particle mass.")
    var masses = false

    @Flag(help: "Print the graphs of the selection instead of computing.")
    var list = false

    @Option(help: "Output .npy file for the EFPs.")
    var out: String?

    /// The conditions, split on commas, or jetnet's default.
    var conditions: [String] {
        let split = selections.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
        return split.isEmpty ? ["n==4", "d==4", "p==1"] : split
    }

    func validate() throws {
        for condition in conditions {
            do { _ = try EFPCondition(condition) } catch let error as EFPError {
                throw ValidationError(error.errorDescription ?? "\(error)")
            }
        }
        if list { return }
        guard file != nil else { throw ValidationError("give a jets file, or --list to print the graphs.") }
        guard out != nil else { throw ValidationError("give --out FILE.npy for the EFPs.") }
    }

    func run() throws {
        if list {
            let set = try EFPSet(conditions)
            print("# \(set.count) EFPs for \(conditions.joined(separator: ", ")) (energyflow order): index n d edges")
            for (index, graph) in set.graphs.enumerated() {
                let edges = graph.edges.map { "(\($0.u),\($0.v))" }.joined(separator: " ")
                print("\(index) \(graph.n) \(graph.d) \(edges.isEmpty ? "-" : edges)")
            }
            return
        }
        guard let file, let out else { return }
        let input = try CommandFiles.input(file, "the jets file")
        let output = try CommandFiles.output(out, option: "--out", inputs: [file])
        let jets = try ArrayFile.readJets(input, key: key)
        try InputPolicy.checkJets(jets, name: file)
        let values = try efps(jets, particleMasses: masses, selection: conditions)
        try NPYFile.write(values, to: output)
        print("wrote \(out): float64 \(values.shape)")
    }
}
