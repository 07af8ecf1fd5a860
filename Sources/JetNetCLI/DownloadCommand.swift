import ArgumentParser
import Foundation
import JetNet

/// `jetnet download DATASET`: fetch a dataset's files from Zenodo and verify them.
struct DownloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download dataset files from Zenodo, verify their MD5 and record it for offline checks.")

    @Argument(help: "The dataset: \(DatasetKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: DatasetKind

    @Option(help: "JetNet/QuarkGluon jet types, comma-separated, or all.")
    var jetTypes: String = "all"

    @Option(help: "JetNet particles per jet: up to 30 fetches g.hdf5 …, above 30 g150.hdf5 ….")
    var particles: Int = 30

    @Option(help: "QuarkGluon files, comma-separated (default: all 20 with b/c quark jets).")
    var files: String?

    @Flag(help: "QuarkGluon: the files without bottom and charm quark jets.")
    var withoutBC = false

    @Option(help: "The data directory.")
    var dir: String = "."

    @Option(help: "JetClass: val (5M jets), test (20M) or train (100M in ten tarballs).")
    var split: String = "val"

    @Option(help: "JetClass train: which of the ten tarballs, comma-separated (default all).")
    var parts: String?

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard (1...JetNetDataset.maxParticles).contains(particles) else {
            throw ValidationError("--particles must be between 1 and \(JetNetDataset.maxParticles), got \(particles)")
        }
        if dataset == .jetnet { _ = try parseNames(jetTypes, as: JetNetJetType.self, flag: "--jet-types") }
        if dataset == .jetclass { _ = try jetClassSplit() }
    }

    func run() throws {
        let client = ZenodoClient(quiet: quiet)
        if dataset == .jetclass { return try downloadJetClass(client: client) }
        let directory = URL(fileURLWithPath: dir)
        let wanted: [(file: String, record: Int)] = switch dataset {
        case .jetnet:
            try parseNames(jetTypes, as: JetNetJetType.self, flag: "--jet-types")!.map {
                (JetNetDataset.fileName(for: $0, particles: particles), particles > 30 ? JetNetDataset.record150 : JetNetDataset.record30)
            }
        case .toptagging:
            [DatasetSplit.train, .valid, .test].map { (TopTaggingDataset.fileName(for: $0), TopTaggingDataset.record) }
        case .quarkgluon:
            (files.map { $0.split(separator: ",").map(String.init) } ?? QuarkGluonDataset.files(withBC: !withoutBC))
                .map { ($0, QuarkGluonDataset.record) }
        case .jetclass:
            []  // handled by downloadJetClass above
        }
        for (file, record) in wanted {
            let url = try client.ensureFile(file, record: record, in: directory, download: true)
            print("\(url.path)  verified (md5 recorded in \(ZenodoClient.checksumURL(for: url).lastPathComponent))")
        }
    }
}
