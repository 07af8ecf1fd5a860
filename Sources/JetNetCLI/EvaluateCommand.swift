import ArgumentParser
import Foundation
import JetNet

/// `jetnet evaluate`: the evaluation metrics on two files, or the sensitivity study on the
/// embedded sample when no files are given.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare generated jets with real jets using jetnet's metrics (W1M, W1P, W1EFP, FPD, KPD, COV/MMD, FPND).",
        discussion: """
            Inputs are [jets, particles, 3 or 4] arrays in JetNet order [etarel, phirel, ptrel, (mask)] \
            in .npy, .npz (--key) or JetNet .hdf5 files. Values are printed in the units of the JetNet \
            papers (arXiv:2211.10295): W1M, W1P, FPD, KPD x1e3; W1EFP x1e5; COV, MMD, FPND x1. \
            --json prints natural units with a stable schema (for the study: an array, one object per comparison).

            Without --real/--gen, runs the metric sensitivity study on the embedded sample: \
            \(SensitivityStudy.jetsPerSample) real gluon jets against another \(SensitivityStudy.jetsPerSample), \
            against distorted copies of them and against top jets.
            """)

    @Option(help: "Real jets: a .npy, .npz or .hdf5 file.", completion: .file())
    var real: String?

    @Option(help: "Generated jets: a .npy, .npz or .hdf5 file.", completion: .file())
    var gen: String?

    @Option(help: "The array's name in .npz files or the dataset in .hdf5 files (default: the only array, 'particles', or 'particle_features').")
    var key: String?

    @Option(help: "Metrics, comma-separated: \(MetricKind.allCases.map(\.rawValue).joined(separator: ",")) or all (default: all that apply; fpnd needs --jet-type).")
    var metrics: String?

    @Option(help: "Jet type of the real jets for FPND's stored statistics: g, q or t.")
    var jetType: String?

    @Option(help: "FPND's ParticleNet arithmetic: float32 (default, as jetnet) or float16 (faster, FPND within 1e-3; CPUs with AVX512-FP16 only).")
    var fpndPrecision: ParticleNet.Precision?

    @Option(parsing: .unconditional, help: "Seed of every metric's random generator.", transform: SeedOption.parse)
    var seed: UInt64 = Metrics.Defaults.seed

    @OptionGroup(title: "Sample sizes (jetnet's defaults)")
    var sizes: SampleSizeOptions

    @Flag(help: "Print one JSON object (natural units) instead of the table.")
    var json = false

    @Option(help: "Also write a self-contained HTML report with plots to this file.", completion: .file(extensions: ["html"]))
    var report: String?

    @Option(help: "Sensitivity study only: jets per sample (at most \(SensitivityStudy.jetsPerSample)), for quick checks.")
    var studyJets: Int = SensitivityStudy.jetsPerSample

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        guard (real == nil) == (gen == nil) else {
            throw ValidationError("pass both --real and --gen, or neither (then the sensitivity study runs on the embedded sample)")
        }
        if let metrics {
            do { _ = try MetricKind.parseList(metrics) } catch { throw ValidationError(error.localizedDescription) }
        }
        if real == nil, jetType != nil {
            throw ValidationError("--jet-type applies to --real/--gen; the sensitivity study always compares gluon jets (jet type g)")
        }
        guard (1...SensitivityStudy.jetsPerSample).contains(studyJets) else {
            throw ValidationError("--study-jets must be between 1 and \(SensitivityStudy.jetsPerSample), got \(studyJets)")
        }
        if real != nil, studyJets != SensitivityStudy.jetsPerSample {
            throw ValidationError("--study-jets applies to the sensitivity study (no --real/--gen)")
        }
        if real == nil, key != nil {
            throw ValidationError("--key applies to --real/--gen files")
        }
        try sizes.validate()
        if fpndPrecision == .float16, !ParticleNet.Precision.float16Available {
            throw ValidationError("--fpnd-precision float16 needs a CPU with AVX512-FP16; this one has none (use float32)")
        }
    }

    func run() throws {
        let status = StatusReporter(quiet: quiet)
        if let real, let gen {
            try evaluateFiles(real: real, gen: gen, status: status)
        } else {
            try runStudy(status: status)
        }
    }

    /// `--real R --gen G`: every chosen metric on the two files.
    private func evaluateFiles(real realPath: String, gen genPath: String, status: StatusReporter) throws {
        if let report { _ = try CommandFiles.output(report, option: "--report", inputs: [realPath, genPath]) }
        let realJets = try read(realPath, what: "real")
        let genJets = try read(genPath, what: "generated")
        var options = EvaluationOptions(metrics: try chosenMetrics(particles: realJets.shape.count == 3 ? realJets.shape[1] : 0), seed: seed, jetType: jetType)
        sizes.apply(to: &options)
        options.fpndPrecision = fpndPrecision
        try sizes.checkMemory(options, jets: realJets.shape[0] + genJets.shape[0], particles: max(realJets.rank == 3 ? realJets.shape[1] : 1, genJets.rank == 3 ? genJets.shape[1] : 1))
        var result = try Metrics.evaluate(real: realJets, gen: genJets, options: options, progress: status.callback)
        status.finish()
        result.inputs.real.source = realPath
        result.inputs.gen.source = genPath
        if json {
            print(String(decoding: try result.jsonData(), as: UTF8.self))
        } else {
            print("real: \(realPath) \(realJets.shape), generated: \(genPath) \(genJets.shape), seed \(seed)")
            print(EvaluationTables.metrics(result).rendered, terminator: "")
        }
        if let report {
            let html = try EvaluationReport.html(result: result, real: realJets, gen: genJets)
            try write(html, to: report)
        }
    }

    /// No files: the sensitivity study on the embedded sample.
    private func runStudy(status: StatusReporter) throws {
        // The study uses 1,000 jets on purpose; jetnet's "recommended number of samples"
        // warnings would only repeat that.
        PlainWarnings.silence()
        var options = SensitivityStudy.options(metrics: try metrics.map { try MetricKind.parseList($0) }, seed: seed, jets: studyJets)
        sizes.apply(to: &options)
        options.fpndPrecision = fpndPrecision
        let start = DispatchTime.now().uptimeNanoseconds
        let study = try SensitivityStudy.run(jets: studyJets, options: options, progress: status.callback)
        status.finish()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if json {
            let results = study.comparisons.map(\.result)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        } else {
            print("Metric sensitivity study on the embedded sample (arXiv:2211.10295, section 4)")
            print("real: \(studyJets) gluon jets (half A); generated: \(studyJets) jets as listed")
            print(describe(options))
            print("units: W1M, W1P, FPD, KPD x1e3; W1EFP x1e5; COV, MMD, FPND x1. Lower is closer (COV: higher).")
            if options.metrics.contains(.fpnd) {
                print("FPND compares each sample with jetnet's stored statistics of JetNet gluon jets, not with half A; the embedded")
                print("jets are Pythia jets, not JetNet's, so even the truth row is far from 0: read FPND relative to the truth row.")
            }
            print()
            print(EvaluationTables.study(study).rendered, terminator: "")
            let missing = MetricKind.allCases.filter { !options.metrics.contains($0) }
            if !missing.isEmpty {
                print("not run: \(missing.map(\.rawValue).joined(separator: ", ")) (add them with --metrics all)")
            }
            print(String(format: "total %.1f s", seconds))
        }
        if let report { try write(try EvaluationReport.html(study: study), to: report) }
    }

    /// The metrics asked for, or all that apply (``MetricKind/applicable(particles:jetType:)``).
    private func chosenMetrics(particles: Int) throws -> [MetricKind] {
        if let metrics { return try MetricKind.parseList(metrics) }
        return MetricKind.applicable(particles: particles, jetType: jetType)
    }

    /// The sample sizes, one line.
    private func describe(_ options: EvaluationOptions) -> String {
        "sample sizes: W1 \(options.w1m.samples) jets x \(options.w1m.batches) batches; FPD batches "
            + "\(options.fpd.minSamples)-\(options.fpd.maxSamples) jets, \(options.fpd.points) sizes x \(options.fpd.batches); "
            + "KPD \(options.kpd.batches) x \(options.kpd.samples); COV/MMD \(options.covMMD.batches) x \(options.covMMD.samples); "
            + (options.metrics.contains(.fpnd) ? "FPND all \(studyJets) jets (jet type g\(fpndPrecision == .float16 ? ", float16" : "")); " : "") + "seed \(options.seed)"
    }

    private func read(_ path: String, what: String) throws -> NDArray<Float> {
        do {
            return try ArrayFile.readJets(CommandFiles.input(path, "the \(what) jets file"), key: key)
        } catch let error as CLIError {
            throw error
        } catch let error as InputError {
            throw CLIError("cannot use the \(what) jets: \(error.errorDescription ?? "\(error)")")
        } catch let error as ArrayFileError {
            throw CLIError("cannot read the \(what) jets: \(error.localizedDescription)")
        } catch {
            throw CLIError("cannot read the \(what) jets from \(path): \((error as? LocalizedError)?.errorDescription ?? "\(error)") Check that it is a .npy, .npz or HDF5 file of [jets, particles, 3 or 4] jets.")
        }
    }

    private func write(_ html: String, to path: String) throws {
        do {
            try AtomicFile.write(Data(html.utf8), to: URL(fileURLWithPath: path))
        } catch {
            throw CLIError("cannot write the report to \(path): \(ErrorMessage.text(of: error))")
        }
        if !json { print("report written to \(path)") }
    }
}

/// Per-metric sample and batch counts; unset ones keep jetnet's defaults (or, for the
/// sensitivity study, the counts fitted to its 1,000 jets).
struct SampleSizeOptions: ParsableArguments {
    @Option(help: "Jets drawn per batch for W1M, W1P and W1EFP (jetnet: \(Metrics.Defaults.w1Samples)).") var w1Samples: Int?
    @Option(help: "Batches for W1M, W1P and W1EFP (jetnet: \(Metrics.Defaults.w1Batches)).") var w1Batches: Int?
    @Option(help: "Smallest FPD batch size (jetnet: \(Metrics.Defaults.fpdMinSamples)).") var fpdMinSamples: Int?
    @Option(help: "Largest FPD batch size (jetnet: \(Metrics.Defaults.fpdMaxSamples)).") var fpdMaxSamples: Int?
    @Option(help: "FPD batches per batch size (jetnet: \(Metrics.Defaults.fpdBatches)).") var fpdBatches: Int?
    @Option(help: "FPD batch sizes (jetnet: \(Metrics.Defaults.fpdPoints)).") var fpdPoints: Int?
    @Option(help: "KPD batches (jetnet: \(Metrics.Defaults.kpdBatches)).") var kpdBatches: Int?
    @Option(help: "KPD batch size (jetnet: \(Metrics.Defaults.kpdSamples)).") var kpdBatchSize: Int?
    @Option(help: "Jets per COV/MMD batch (jetnet: \(Metrics.Defaults.covMMDSamples)).") var covMmdSamples: Int?
    @Option(help: "COV/MMD batches (jetnet: \(Metrics.Defaults.covMMDBatches)).") var covMmdBatches: Int?

    func validate() throws {
        let all: [(String, Int?, Int)] = [
            ("--w1-samples", w1Samples, 1), ("--w1-batches", w1Batches, 1), ("--fpd-min-samples", fpdMinSamples, 2),
            ("--fpd-max-samples", fpdMaxSamples, 2), ("--fpd-batches", fpdBatches, 1), ("--fpd-points", fpdPoints, 1),
            ("--kpd-batches", kpdBatches, 1), ("--kpd-batch-size", kpdBatchSize, 2), ("--cov-mmd-samples", covMmdSamples, 1),
            ("--cov-mmd-batches", covMmdBatches, 1),
        ]
        for (flag, value, minimum) in all {
            if let value, value < minimum { throw ValidationError("\(flag) must be at least \(minimum), got \(value)") }
        }
        if let low = fpdMinSamples, let high = fpdMaxSamples, low > high {
            throw ValidationError("--fpd-min-samples (\(low)) must not exceed --fpd-max-samples (\(high))")
        }
        var options = EvaluationOptions()
        apply(to: &options)
        try checkMemory(options, jets: 0, particles: 150)
    }

    /// Refuses sample sizes whose memory would exceed the machine's, naming the options.
    ///
    /// - Parameters:
    ///   - options: the sizes in effect.
    ///   - jets: real plus generated jets.
    ///   - particles: particles per jet.
    func checkMemory(_ options: EvaluationOptions, jets: Int, particles: Int) throws {
        let estimates: [(String, Int?)] = [
            ("--w1-samples \(options.w1p.samples) with --w1-batches \(options.w1p.batches)",
             MetricMemory.w1(samples: options.w1p.samples, batches: options.w1p.batches, jets: jets, itemsPerJet: particles * 4)),
            ("--fpd-max-samples \(options.fpd.maxSamples) with --fpd-batches \(options.fpd.batches) and --fpd-points \(options.fpd.points)",
             MetricMemory.fpd(maxSamples: max(options.fpd.minSamples, options.fpd.maxSamples), batches: options.fpd.batches, points: options.fpd.points)),
            ("--kpd-batch-size \(options.kpd.samples) with --kpd-batches \(options.kpd.batches)",
             MetricMemory.kpd(batchSize: options.kpd.samples, batches: options.kpd.batches, features: 5)),
            ("--cov-mmd-samples \(options.covMMD.samples) with --cov-mmd-batches \(options.covMMD.batches)",
             MetricMemory.covMMD(samples: options.covMMD.samples, batches: options.covMMD.batches)),
        ]
        for (what, bytes) in estimates {
            do { try MemoryBudget.require(bytes, for: what) } catch { throw ValidationError(error.errorDescription ?? "\(error)") }
        }
    }

    /// Overrides the counts that were given.
    func apply(to options: inout EvaluationOptions) {
        for keyPath in [\EvaluationOptions.w1m, \.w1p, \.w1efp] {
            if let w1Samples { options[keyPath: keyPath].samples = w1Samples }
            if let w1Batches { options[keyPath: keyPath].batches = w1Batches }
        }
        if let fpdMinSamples { options.fpd.minSamples = fpdMinSamples }
        if let fpdMaxSamples { options.fpd.maxSamples = fpdMaxSamples }
        if let fpdBatches { options.fpd.batches = fpdBatches }
        if let fpdPoints { options.fpd.points = fpdPoints }
        if let kpdBatches { options.kpd.batches = kpdBatches }
        if let kpdBatchSize { options.kpd.samples = kpdBatchSize }
        if let covMmdSamples { options.covMMD.samples = covMmdSamples }
        if let covMmdBatches { options.covMMD.batches = covMmdBatches }
    }
}

/// A run-time failure with a message that says what to do (exit code 1).
struct CLIError: Error, LocalizedError, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
    var description: String { message }
}

/// The evaluation's steps as a status line on stderr (a terminal only, not with --quiet).
struct StatusReporter: Sendable {
    let bar: ProgressBar

    init(quiet: Bool) {
        bar = ProgressBar(label: "jetnet evaluate:", quiet: quiet)
    }

    /// The callback for ``Metrics/evaluate(real:gen:options:progress:)``, nil when silent.
    var callback: (@Sendable (EvaluationStep) -> Void)? {
        guard bar.enabled else { return nil }
        let bar = self.bar
        return { step in
            switch step {
            case .started(let name): bar.status("\(name)…")
            case .finished(let name, let seconds): bar.status(String(format: "%@ done (%.1f s)", name, seconds))
            case .progress(let name, let done, let total): bar.update(done: done, total: total, unit: "jets (\(name))")
            }
        }
    }

    func finish() {
        bar.clear()
    }
}

extension ParticleNet.Precision: ExpressibleByArgument {}
