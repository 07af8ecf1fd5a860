import ArgumentParser
import Foundation
import JetNet

extension CaloDataset: ExpressibleByArgument {}

/// `jetnet calo`: CaloChallenge 2022 calorimeter showers.
struct CaloCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calo",
        abstract: "Calorimeter showers of the CaloChallenge 2022: the official evaluation and the datasets.",
        subcommands: [CaloEvaluateCommand.self, CaloDownloadCommand.self])
}

/// `jetnet calo evaluate`: the official evaluation streamed over shower files.
struct CaloEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare generated calorimeter showers with the reference as the official evaluate.py does.",
        discussion: """
            Files are CaloChallenge HDF5 files: incident_energies [N, 1] and showers [N, voxels] in MeV \
            (float32 or float64). Voxels below the dataset's threshold are set to 0 in both samples. Prints \
            the separation power of every official histogram (E_tot/E_inc, energy per layer, centres and \
            widths in eta and phi, voxel energies; for dataset 1 E_tot/E_inc per incident energy), the \
            extra ones the official helper defines (sparsity, centre and width in r), and FPD/KPD x1e3 \
            on the high-level feature vector (reference as real, min_samples and batch_size 10000). \
            Files stream in blocks, so dataset 3 fits in bounded memory. Give --reference twice for a \
            reference in several files (dataset 3: files 3 and 4).

            Without --gen/--reference, runs on the embedded sample: 64 + 64 synthetic dataset 1 photon showers.
            """)

    @Option(help: "The dataset: \(CaloDataset.allCases.map(\.rawValue).joined(separator: ", ")) (default 1-photons, the embedded sample's).")
    var dataset: CaloDataset?

    @Option(help: "Generated showers (HDF5).", completion: .file(extensions: ["hdf5", "h5"]))
    var gen: String?

    @Option(help: "Reference showers (HDF5); repeat for a reference in several files.", completion: .file(extensions: ["hdf5", "h5"]))
    var reference: [String] = []

    @Flag(inversion: .prefixedNo, help: "Compute FPD and KPD.")
    var fpdKpd = true

    @Option(help: "Also compute PRDC with this k on log10 voxel energies (the official -m prdc uses 5; holds both samples' voxels in memory).")
    var prdc: Int?

    @Option(help: "Megabytes of voxels read per block (two blocks are in memory at once).")
    var blockMegabytes: Int = 64

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Option(help: "Also write a self-contained HTML report with every histogram and the average showers.", completion: .file(extensions: ["html"]))
    var report: String?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        guard (gen == nil) == reference.isEmpty else {
            throw ValidationError("pass both --gen and --reference, or neither (then the embedded sample is evaluated)")
        }
        if gen == nil, let dataset, dataset != .photons1 {
            throw ValidationError("the embedded sample is dataset 1-photons; pass --gen and --reference files for dataset \(dataset.rawValue)")
        }
        if let prdc, prdc < 1 { throw ValidationError("--prdc must be at least 1, got \(prdc)") }
        guard (1...65_536).contains(blockMegabytes) else {
            throw ValidationError("--block-megabytes must be from 1 to 65536, got \(blockMegabytes)")
        }
    }

    func run() throws {
        let dataset = dataset ?? .photons1
        let reportURL = try report.map { try CommandFiles.output($0, option: "--report", inputs: reference + (gen.map { [$0] } ?? [])) }
        let referenceURLs = reference.isEmpty ? [EmbeddedCaloSample.reference] : reference.map { URL(fileURLWithPath: $0) }
        let genURL = gen.map { URL(fileURLWithPath: $0) } ?? EmbeddedCaloSample.generated
        let referenceSample: ShowerSample, generatedSample: ShowerSample
        do {
            referenceSample = try ShowerSample(urls: referenceURLs, dataset: dataset)
            generatedSample = try ShowerSample(urls: [genURL], dataset: dataset)
        } catch let error as CaloError {
            throw CLIError(error.localizedDescription)
        }
        let bar = ProgressBar(label: "jetnet calo evaluate:", quiet: quiet)
        let options = CaloEvaluationOptions(fpdKPD: fpdKpd, blockBytes: blockMegabytes << 20, prdcK: prdc)
        let result: CaloEvaluationResult
        do {
            result = try CaloEvaluation.run(dataset: dataset, reference: referenceSample, generated: generatedSample, options: options) { stage in
                switch stage {
                case let .reading(sample, done, total): bar.update(done: done, total: total, unit: "\(sample) showers")
                case let .metric(name): bar.status("\(name)…")
                }
            }
        } catch let error as LocalizedError {
            bar.clear()
            throw CLIError(error.errorDescription ?? "\(error)")
        }
        bar.clear()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(CaloSummary(result)), as: UTF8.self))
        } else {
            print("dataset \(dataset.rawValue): reference \(referenceURLs.map(\.path).joined(separator: " + ")) (\(result.referenceCount) showers), "
                  + "generated \(genURL.path) (\(result.generatedCount) showers)")
            print(CaloReport.table(result).rendered, terminator: "")
        }
        if let reportURL {
            let html = CaloReport.html(result: result, geometry: try dataset.geometry())
            do { try AtomicFile.write(Data(html.utf8), to: reportURL) } catch {
                throw CLIError("cannot write \(reportURL.path): \((error as? LocalizedError)?.errorDescription ?? "\(error)")")
            }
            if !json { print("report written to \(reportURL.path)") }
        }
    }
}

/// The `--json` output: counts, separation powers by histogram name, FPD/KPD in natural units.
struct CaloSummary: Encodable {
    let dataset: String
    let referenceShowers: Int
    let generatedShowers: Int
    let separationPowers: [String: Double?]
    let officialHistograms: [String]
    let fpd: MetricValue?
    let kpd: MetricValue?
    let prdc: PRDC?

    init(_ result: CaloEvaluationResult) {
        dataset = result.dataset.rawValue
        referenceShowers = result.referenceCount
        generatedShowers = result.generatedCount
        separationPowers = Dictionary(uniqueKeysWithValues: result.histograms.map { ($0.name, $0.separationPower) })
        officialHistograms = result.histograms.filter(\.official).map(\.name)
        fpd = result.fpd
        kpd = result.kpd
        prdc = result.prdc
    }
}

/// `jetnet calo download`: fetch and verify a dataset's files.
struct CaloDownloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download CaloChallenge files from Zenodo, verify their MD5 and record it for offline checks.")

    @Option(help: "The dataset: \(CaloDataset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: CaloDataset

    @Flag(help: "The training files instead of the reference files.")
    var training = false

    @Option(help: "The data directory.")
    var dir: String = "."

    @Flag(help: "No progress bar.")
    var quiet = false

    func run() throws {
        do {
            let files = try dataset.files(in: URL(fileURLWithPath: dir), reference: !training, download: true, client: ZenodoClient(quiet: quiet))
            for file in files { print(file.path) }
        } catch let error as CaloError {
            throw CLIError(error.localizedDescription)
        }
    }
}

