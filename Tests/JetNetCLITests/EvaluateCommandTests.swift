import Foundation
import JetNet
import Testing
import JetNetTestSupport

/// `jetnet evaluate` run as the built binary: the study, files, JSON, report and errors.
@Suite("jetnet evaluate")
struct EvaluateCommandTests {
    /// A temporary directory with `real.npy` (embedded gluon jets 0..<n) and `gen.npy`
    /// (gluon jets 1000..<1000+n), `[n, 30, 4]` with the mask.
    struct Files {
        let directory: URL
        let real: NDArray<Float>
        let gen: NDArray<Float>
        var realPath: String { directory.appendingPathComponent("real.npy").path }
        var genPath: String { directory.appendingPathComponent("gen.npy").path }

        init(jets: Int = 120) throws {
            directory = try makeTemporaryDirectory("-evaluate")
            let gluons = try HDF5File(url: EmbeddedSample.url("g.hdf5")).read("particle_features", as: Float.self)
            real = gluons.rows(0..<jets)
            gen = gluons.rows(1000..<(1000 + jets))
            try NPYFile.write(real, to: URL(fileURLWithPath: realPath))
            try NPYFile.write(gen, to: URL(fileURLWithPath: genPath))
        }

        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    /// Small sample sizes: debug builds in CI must stay quick.
    static let quickSizes = [
        "--w1-samples", "100", "--w1-batches", "2", "--fpd-min-samples", "50", "--fpd-max-samples", "100", "--fpd-batches", "2",
        "--fpd-points", "3", "--kpd-batches", "2", "--kpd-batch-size", "50", "--cov-mmd-samples", "8", "--cov-mmd-batches", "2",
    ]

    /// The library options `quickSizes` stand for.
    static func quickOptions(metrics: [MetricKind], seed: UInt64) -> EvaluationOptions {
        var options = EvaluationOptions(metrics: metrics, seed: seed)
        for keyPath in [\EvaluationOptions.w1m, \.w1p, \.w1efp] { options[keyPath: keyPath] = .init(samples: 100, batches: 2) }
        options.fpd = .init(minSamples: 50, maxSamples: 100, batches: 2, points: 3)
        options.kpd = .init(samples: 50, batches: 2)
        options.covMMD = .init(samples: 8, batches: 2)
        return options
    }

    /// Study sizes small enough for debug builds.
    static let quickStudy = ["--study-jets", "100", "--cov-mmd-samples", "8", "--cov-mmd-batches", "2", "--kpd-batches", "2", "--fpd-batches", "2"]

    @Test("With no files, the sensitivity study prints a row per comparison and a column per metric")
    func study() throws {
        let result = try CLIRunner.run(["evaluate", "--quiet", "--metrics", "all"] + Self.quickStudy)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let available = MetricKind.allCases
        let header = try #require(result.lines.first { $0.hasPrefix("generated sample vs gluon A") })
        for kind in available { #expect(header.contains(kind.heading), "no column for \(kind)") }
        for name in ["gluon B (truth)", "particle pt smeared", "eta shifted", "mass shift", "particles dropped", "top jets instead of gluon"] {
            let row = try #require(result.lines.first { $0.hasPrefix(name) || $0.contains(name) }, "no row \(name)")
            // One value per metric column plus the seconds: no empty cell.
            #expect(!row.contains("  nan"), "\(row)")
        }
        #expect(result.stdout.contains("sample sizes: W1 100 jets x 5 batches"))
        // Without --metrics the study leaves FPND out (it costs most of the time) and says so.
        let defaultRun = try CLIRunner.run(["evaluate", "--quiet", "--metrics", "w1m"] + Self.quickStudy)
        #expect(defaultRun.stdout.contains("not run: w1p, w1efp, fpd, kpd, cov-mmd, fpnd (add them with --metrics all)"), "\(defaultRun.stdout)")
        #expect(SensitivityStudy.options().metrics == MetricKind.allCases.filter { $0 != .fpnd })
    }

    @Test("The study's table shows the distortions: top jets are farther than the truth half for every metric")
    func studySeesTopJets() throws {
        let result = try CLIRunner.run(["evaluate", "--study-jets", "100", "--json", "--quiet", "--metrics", "w1m,w1p"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let results = try decoder.decode([EvaluationResult].self, from: Data(result.stdout.utf8))
        #expect(results.count == 2 + SensitivityStudy.distortions.count)
        let truth = try #require(results.first), top = try #require(results.last)
        #expect(try #require(top.w1m).value > 2 * #require(truth.w1m).value)
        // The mass-shifting distortion moves W1M, the eta shift does not change the jet mass.
        let massShift = results[1 + SensitivityStudy.distortions.firstIndex(of: .scaleAngles(factor: 1.15))!]
        let etaShift = results[1 + SensitivityStudy.distortions.firstIndex(of: .shiftEta(shift: 0.05))!]
        #expect(try #require(massShift.w1m).value > 1.5 * #require(truth.w1m).value)
        #expect(try #require(etaShift.w1p).values[0] > 1.5 * #require(truth.w1p).values[0])
    }

    @Test("--json parses and equals the library's evaluate for the same seed")
    func jsonEqualsLibrary() throws {
        let files = try Files()
        defer { files.remove() }
        let metrics = MetricKind.allCases.filter { $0 != .fpnd }
        let result = try CLIRunner.run(
            ["evaluate", "--real", files.realPath, "--gen", files.genPath, "--json", "--seed", "7",
             "--metrics", metrics.map(\.rawValue).joined(separator: ",")] + Self.quickSizes)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let parsed = try EvaluationResult.decode(Data(result.stdout.utf8))
        let options = Self.quickOptions(metrics: metrics, seed: 7)
        var expected = try Metrics.evaluate(real: files.real, gen: files.gen, options: options)
        expected.inputs.real.source = files.realPath
        expected.inputs.gen.source = files.genPath
        #expect(parsed == expected)
        #expect(parsed.computed == metrics)
        // The schema's keys, spelled as documented.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for kind in metrics { #expect(object[kind.jsonKey] != nil, "no key \(kind.jsonKey)") }
        #expect(object["seed"] as? Int == 7)
        #expect(object["version"] as? String == JetNetVersion.current)
        #expect((object["w1m"] as? [String: Any])?.keys.sorted() == ["std", "value"])
        #expect((object["w1p"] as? [String: Any])?.keys.sorted() == ["stds", "values"])
        #expect(((object["inputs"] as? [String: Any])?["real"] as? [String: Any])?["shape"] as? [Int] == [120, 30, 4])
    }

    @Test("The human table has a row per metric in the papers' units")
    func table() throws {
        let files = try Files()
        defer { files.remove() }
        let result = try CLIRunner.run(["evaluate", "--real", files.realPath, "--gen", files.genPath, "--metrics", "w1m,w1p"] + Self.quickSizes)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let options = { () -> EvaluationOptions in
            var options = EvaluationOptions(metrics: [.w1m, .w1p], seed: 42)
            for keyPath in [\EvaluationOptions.w1m, \.w1p] { options[keyPath: keyPath] = .init(samples: 100, batches: 2) }
            return options
        }()
        let expected = try Metrics.evaluate(real: files.real, gen: files.gen, options: options)
        let w1mRow = try #require(result.lines.first { $0.hasPrefix("W1M ×1e3") })
        #expect(w1mRow.contains(expected.formatted(.w1m)!))
        // ×1e3: the printed mean is a thousand times the JSON value.
        let printed = Double(expected.formatted(.w1m)!.split(separator: " ")[0])!
        #expect(abs(printed - expected.w1m!.value * 1e3) <= 0.01 * printed)
        let w1pRow = try #require(result.lines.first { $0.hasPrefix("W1P ×1e3") })
        #expect(w1pRow.contains("etarel") && w1pRow.contains("phirel") && w1pRow.contains("ptrel"))
    }

    @Test("FPND needs --jet-type and is computed with it", .timeLimit(.minutes(2)))
    func fpnd() throws {
        let files = try Files(jets: 40)
        defer { files.remove() }
        let result = try CLIRunner.run(["evaluate", "--real", files.realPath, "--gen", files.genPath, "--metrics", "fpnd", "--jet-type", "g", "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let parsed = try EvaluationResult.decode(Data(result.stdout.utf8))
        let expected = try Metrics.fpnd(gen: files.gen.selectingLast([0, 1, 2]), jetType: "g")
        // Equal up to float32 GEMM rounding: OpenBLAS's sgemm may split sums differently from one
        // process to another (seen: 4e-9 relative), which FPND's float32 activations carry.
        let value = try #require(parsed.fpnd)
        #expect(abs(value - expected) <= 1e-6 * expected)
    }

    @Test("--fpnd-precision float16 gives Metrics.fpnd's float16 value (or refuses on a CPU without AVX512-FP16)", .timeLimit(.minutes(2)))
    func fpndFloat16() throws {
        let files = try Files(jets: 40)
        defer { files.remove() }
        let result = try CLIRunner.run([
            "evaluate", "--real", files.realPath, "--gen", files.genPath, "--metrics", "fpnd", "--jet-type", "g",
            "--fpnd-precision", "float16", "--json",
        ])
        guard ParticleNet.Precision.float16Available else {
            #expect(result.exitCode == 64)
            #expect(result.stderr.contains("needs a CPU with AVX512-FP16"), "\(result.stderr)")
            return
        }
        #expect(result.exitCode == 0, "\(result.stderr)")
        let parsed = try EvaluationResult.decode(Data(result.stdout.utf8))
        let expected = try Metrics.fpnd(gen: files.gen.selectingLast([0, 1, 2]), jetType: "g", precision: .float16)
        let float32 = try Metrics.fpnd(gen: files.gen.selectingLast([0, 1, 2]), jetType: "g")
        let value = try #require(parsed.fpnd)
        #expect(abs(value - expected) <= 1e-6 * expected)
        #expect(value != float32)
    }

    @Test("Bad flags exit with 64 and a usage message", arguments: [
        (["evaluate", "--metrics", "w1m,foo"], "'foo' is not a metric"),
        (["evaluate", "--real", "a.npy"], "pass both --real and --gen"),
        (["evaluate", "--w1-samples", "0"], "--w1-samples must be at least 1"),
        (["evaluate", "--jet-type", "g"], "--jet-type applies to --real/--gen"),
        (["evaluate", "--fpd-min-samples", "100", "--fpd-max-samples", "50"], "must not exceed"),
        (["evaluate", "--study-jets", "5000"], "--study-jets must be between 1 and 1000"),
        (["evaluate", "--seed", "-3"], "seed"),
        (["evaluate", "--fpnd-precision", "float8"], "fpnd-precision"),
    ])
    func badFlags(arguments: [String], message: String) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: jetnet evaluate"), "\(result.stderr)")
    }

    @Test("Missing, malformed and mismatched inputs fail with a message that says what is wrong")
    func badInputs() throws {
        let files = try Files(jets: 20)
        defer { files.remove() }
        try Data("not a numpy file".utf8).write(to: URL(fileURLWithPath: files.path("bad.npy")))
        try NPYFile.write(files.real.selectingLast([0, 1, 2]).rows(0..<10).reshaped([10, 30, 3]), to: URL(fileURLWithPath: files.path("three.npy")))
        try NPYFile.write(files.real.reshaped([20, 120]), to: URL(fileURLWithPath: files.path("flat.npy")))
        try NPZFile.write([(name: "particles", array: AnyNDArray(files.real)), (name: "jets", array: AnyNDArray(NDArray<Float>(zeros: [20, 4])))],
                          to: URL(fileURLWithPath: files.path("both.npz")))
        let cases: [([String], String)] = [
            (["--real", files.path("missing.npy"), "--gen", files.genPath], "no file at \(files.path("missing.npy"))"),
            (["--real", files.path("bad.npy"), "--gen", files.genPath], "cannot read the real jets from \(files.path("bad.npy"))"),
            (["--real", files.realPath, "--gen", files.path("three.npy")], "same particles per jet and features"),
            (["--real", files.path("flat.npy"), "--gen", files.genPath], "must be [jets, particles, 3 or 4]"),
            (["--real", files.realPath, "--gen", files.genPath, "--metrics", "fpnd", "--jet-type", "w"], "no FPND statistics for jet type 'w'"),
            (["--real", files.realPath, "--gen", files.genPath, "--jet-type", "z"], "no FPND statistics for jet type 'z'"),
            (["--real", files.realPath, "--gen", files.genPath, "--metrics", "fpnd"], "pass the jet type (--jet-type g, q or t)"),
            (["--real", files.path("both.npz"), "--gen", files.path("both.npz"), "--key", "nothing"], "has no array 'nothing'; it has: particles, jets"),
        ]
        for (arguments, message) in cases {
            let result = try CLIRunner.run(["evaluate"] + arguments + Self.quickSizes)
            #expect(result.exitCode == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("--report writes one self-contained HTML page with the table and a plot per distribution")
    func report() throws {
        let files = try Files(jets: 60)
        defer { files.remove() }
        let page = files.path("report.html")
        let result = try CLIRunner.run(
            ["evaluate", "--real", files.realPath, "--gen", files.genPath, "--metrics", "w1m,w1p", "--report", page] + Self.quickSizes)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let plots = ["Jet mass", "Jet pT", "Particle η rel", "Particle φ rel", "Particle pT rel"] + (1...5).map { "EFP \($0) of 5" }
        try ReportStructure.check(html, plots: plots, metrics: [.w1m, .w1p])
        #expect(html.contains("W1P ×1e3") && html.contains("etarel"))
    }
}

extension EvaluateCommandTests {
    @Test("The study's report has the summary table and a section of plots per comparison")
    func studyReport() throws {
        let page = temporaryURL("-study.html")
        defer { try? FileManager.default.removeItem(at: page) }
        let result = try CLIRunner.run(["evaluate", "--study-jets", "60", "--metrics", "w1m,w1efp", "--quiet", "--report", page.path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        let plots = ["Jet mass", "Jet pT", "Particle η rel", "Particle φ rel", "Particle pT rel"] + (1...5).map { "EFP \($0) of 5" }
        try ReportStructure.check(html, plots: plots, metrics: [.w1m, .w1efp])
        let comparisons = 2 + SensitivityStudy.distortions.count
        #expect(html.components(separatedBy: "<section id=\"comparison-").count - 1 == comparisons)
        #expect(html.components(separatedBy: "<svg ").count - 1 == comparisons * (plots.count + 2))
        #expect(html.contains("<td>top jets instead of gluon</td>"))
    }
}

/// What every report must be: a complete page, the metric table, one `<svg>` per plot, nothing
/// loaded from elsewhere.
enum ReportStructure {
    static func check(_ html: String, plots: [String], metrics: [MetricKind], sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(html.hasPrefix("<!DOCTYPE html>"), sourceLocation: sourceLocation)
        #expect(html.contains("</html>"), sourceLocation: sourceLocation)
        #expect(html.contains("<table class=\"metrics\">"), sourceLocation: sourceLocation)
        for kind in metrics { #expect(html.contains("<td>\(kind.heading)</td>") || html.contains("<th>\(kind.heading)</th>"), "no \(kind) in the table", sourceLocation: sourceLocation) }
        for plot in plots { #expect(html.contains("aria-label=\"\(plot)"), "no plot \(plot)", sourceLocation: sourceLocation) }
        let svgs = html.components(separatedBy: "<svg ").count - 1
        #expect(svgs >= plots.count + 2, "\(svgs) svg elements", sourceLocation: sourceLocation)  // + two average images
        #expect(html.contains("Average real jet image") && html.contains("Average generated jet image"), sourceLocation: sourceLocation)
        // Self-contained: the only URL is the SVG namespace, nothing is fetched or run.
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        for external in ["http://", "https://", "<script", "<link", "src=", "@import", "url("] {
            #expect(!withoutNamespace.contains(external), "report contains \(external)", sourceLocation: sourceLocation)
        }
    }
}
