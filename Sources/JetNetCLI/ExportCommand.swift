import ArgumentParser
import Foundation
import JetNet

/// `jetnet export DATASET`: write a prepared split to `.npz` for `np.load`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a dataset split to a .npz with arrays `particles` and `jets` (what jetnet's getData returns).")

    @Argument(help: "The dataset: \(DatasetKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: DatasetKind

    @Option(help: "The data directory.")
    var dir: String

    @Option(help: "The .npz file to write.")
    var out: String

    @Option(help: "Jet types, comma-separated, or all.")
    var jetTypes: String = "all"

    @Option(help: "Particles per jet (default: 30 for jetnet, the maximum for the others).")
    var particles: Int?

    @Option(help: "Particle features in order, comma-separated, all, or none.")
    var particleFeatures: String = "all"

    @Option(help: "Jet features in order, comma-separated, all, or none.")
    var jetFeatures: String = "all"

    @Option(help: "train, valid, test or all (TopTagging: a comma-separated list of files).")
    var split: String = "all"

    @Option(help: "Train, valid, test fractions.")
    var splitFractions: String = "0.7,0.15,0.15"

    @Option(parsing: .unconditional, help: "The shuffle seed.", transform: SeedOption.parse)
    var seed: UInt64 = 42

    @Option(help: "QuarkGluon files, comma-separated (default: all 20 with b/c quark jets); JetClass file numbers (0,1 reads *_000 and *_001).")
    var files: String?

    @Option(help: "JetClass classes, comma-separated (QCD,Hbb,Hcc,Hgg,H4q,Hqql,Zqq,Wqq,Tbqq,Tbl), or all.")
    var classes: String?

    @Flag(help: "Download missing files from Zenodo.")
    var download = false

    func validate() throws {
        _ = try parseFractions(splitFractions)
        if dataset != .jetclass { _ = try parseSplits(split, dataset: dataset.rawValue) }
        if let particles, particles < 1 { throw ValidationError("--particles must be at least 1, got \(particles)") }
        switch dataset {
        case .jetnet:
            _ = try parseNames(jetTypes, as: JetNetJetType.self, flag: "--jet-types")
            _ = try parseNames(particleFeatures, as: JetNetParticleFeature.self, flag: "--particle-features")
            _ = try parseNames(jetFeatures, as: JetNetJetFeature.self, flag: "--jet-features")
        case .toptagging:
            _ = try parseNames(jetTypes, as: TopTaggingJetType.self, flag: "--jet-types")
            _ = try parseNames(particleFeatures, as: TopTaggingParticleFeature.self, flag: "--particle-features")
            _ = try parseNames(jetFeatures, as: TopTaggingJetFeature.self, flag: "--jet-features")
        case .quarkgluon:
            _ = try parseNames(jetTypes, as: QuarkGluonJetType.self, flag: "--jet-types")
            _ = try parseNames(particleFeatures, as: QuarkGluonParticleFeature.self, flag: "--particle-features")
            _ = try parseNames(jetFeatures, as: QuarkGluonJetFeature.self, flag: "--jet-features")
        case .jetclass:
            try validateJetClass()
        }
    }

    func run() throws {
        if dataset == .jetclass { return try exportJetClass() }
        let location = DatasetLocation(directory: URL(fileURLWithPath: dir), download: download)
        let fractions = try parseFractions(splitFractions)!
        let splits = try parseSplits(split, dataset: dataset.rawValue)!
        func single() throws -> DatasetSplit {
            guard splits.count == 1 else { throw ValidationError("--split: \(dataset.rawValue) takes one split") }
            return splits[0]
        }
        let arrays: DatasetArrays
        do {
            switch dataset {
            case .jetnet:
                if let particles, particles > 30 {
                    // jetnet reads the 150-particle files above 30; they hold other (fewer) jets.
                    let files = JetNetJetType.allCases.map { JetNetDataset.fileName(for: $0, particles: 150) }
                    FileHandle.standardError.write(Data(("note: --particles \(particles) is above 30, so the 150-particle files "
                        + "(\(files.joined(separator: ", "))) are read and cut to \(particles) particles; they hold different, "
                        + "fewer jets than the 30-particle files (as in jetnet).\n").utf8))
                }
                arrays = try JetNetDataset.load(
                    jetTypes: parseNames(jetTypes, as: JetNetJetType.self, flag: "--jet-types")!, location: location,
                    particleFeatures: parseNames(particleFeatures, as: JetNetParticleFeature.self, flag: "--particle-features")!,
                    jetFeatures: parseNames(jetFeatures, as: JetNetJetFeature.self, flag: "--jet-features")!,
                    particles: particles ?? 30, split: single(), splitFractions: fractions, seed: seed)
            case .toptagging:
                arrays = try TopTaggingDataset.load(
                    jetTypes: parseNames(jetTypes, as: TopTaggingJetType.self, flag: "--jet-types")!, location: location,
                    particleFeatures: parseNames(particleFeatures, as: TopTaggingParticleFeature.self, flag: "--particle-features")!,
                    jetFeatures: parseNames(jetFeatures, as: TopTaggingJetFeature.self, flag: "--jet-features")!,
                    particles: particles ?? TopTaggingDataset.maxParticles, splits: splits)
            case .quarkgluon:
                arrays = try QuarkGluonDataset.load(
                    jetTypes: parseNames(jetTypes, as: QuarkGluonJetType.self, flag: "--jet-types")!, location: location,
                    fileList: files.map { $0.split(separator: ",").map(String.init) },
                    particleFeatures: parseNames(particleFeatures, as: QuarkGluonParticleFeature.self, flag: "--particle-features")!,
                    jetFeatures: parseNames(jetFeatures, as: QuarkGluonJetFeature.self, flag: "--jet-features")!,
                    particles: particles ?? QuarkGluonDataset.maxParticles, split: single(), splitFractions: fractions, seed: seed)
            case .jetclass:
                return  // handled by exportJetClass() above
            }
        } catch let error as DatasetError {
            switch error {
            case .unknownJetType, .unknownFeature, .tooManyParticles, .invalidParticleCount, .unknownSplit, .invalidSplitFractions, .invalidRequest:
                throw ValidationError(error.errorDescription ?? "\(error)")
            default:
                throw error
            }
        }
        let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).map { (dir as NSString).appendingPathComponent($0) }
        let url = try CommandFiles.output(out, option: "--out", inputs: inputs)
        try ArrayExport.write(arrays, to: url)
        let described = ArrayExport.named(arrays).map { "\($0.name) \($0.array.shape)" }
        print("Wrote \(url.path): \(described.joined(separator: ", ")) (float32)")
    }
}
