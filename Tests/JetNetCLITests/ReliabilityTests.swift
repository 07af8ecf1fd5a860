import Foundation
import JetNet
import Testing
import JetNetTestSupport

/// Issue 12: bad input never crashes `jetnet`, and a failed or interrupted write never destroys
/// a file. One test (or one argument) per finding of the issue, run on the built binary.
@Suite("Reliability of the jetnet command", .serialized)
struct ReliabilityTests {
    /// A scratch folder with `g.npy` (300 embedded gluon jets) and variants with one value changed.
    final class Files {
        let directory: URL
        let jets: NDArray<Float>

        init() throws {
            directory = try makeTemporaryDirectory("-reliability")
            let all = try HDF5File(url: EmbeddedSample.url("g.hdf5")).read("particle_features", as: Float.self)
            jets = all.rows(0..<300)
            try NPYFile.write(jets, to: url("g.npy"))
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func url(_ name: String) -> URL { directory.appendingPathComponent(name) }
        func path(_ name: String) -> String { url(name).path }

        /// `g.npy` with `value` at jet 0, particle 0, `feature`, written as `name`.
        func variant(_ name: String, feature: Int, value: Float) throws -> String {
            var storage = jets.storage
            storage[feature] = value
            try NPYFile.write(NDArray(shape: jets.shape, storage: storage), to: url(name))
            return path(name)
        }

        /// Temporaries left in the folder.
        var temporaries: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".tmp") }
        }
    }

    static let smallFPD = ["--fpd-min-samples", "100", "--fpd-max-samples", "200", "--fpd-batches", "2", "--fpd-points", "3"]

    // MARK: Finding 1: extreme finite values crashed FPD's fit (SIGILL)

    @Test("Extreme finite eta or pt gives a finite value or an error naming the input, never a signal or NaN", arguments: [
        ("eta25.npy", 0, Float(1e25), "fpd"), ("pt30.npy", 2, Float(1e30), "fpd"), ("pt30k.npy", 2, Float(1e30), "kpd"),
        ("eta25m.npy", 0, Float(1e25), "w1m"),
    ])
    func extremeValues(name: String, feature: Int, value: Float, metric: String) throws {
        let files = try Files()
        let gen = try files.variant(name, feature: feature, value: value)
        let result = try CLIRunner.run(["evaluate", "--real", files.path("g.npy"), "--gen", gen, "--metrics", metric, "--quiet",
                                        "--kpd-batch-size", "100", "--kpd-batches", "2", "--w1-samples", "300"] + Self.smallFPD)
        if result.exitCode == 0 {
            #expect(!result.stdout.contains("nan") && !result.stdout.contains("inf"), "\(result.stdout)")
        } else {
            #expect(result.exitCode == 1, "\(result.stderr)")
            #expect(result.stderr.contains("overflows") && result.stderr.contains("generated"), "\(result.stderr)")
        }
    }

    @Test("eta 1e20 gives a finite FPD with a finite error, not 1000.0 ± nan")
    func largeButFitted() throws {
        let files = try Files()
        let gen = try files.variant("eta20.npy", feature: 0, value: 1e20)
        let result = try CLIRunner.run(["evaluate", "--real", files.path("g.npy"), "--gen", gen, "--metrics", "fpd", "--json", "--quiet"] + Self.smallFPD)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("NaN") && !result.stdout.contains("Infinity"), "\(result.stdout)")
        #expect(result.stdout.contains("\"fpd\""), "\(result.stdout)")
    }

    // MARK: Finding 2: option values crashed (SIGSEGV, allocation aborts, overflow traps)

    @Test("Huge option values are refused with exit 64, naming the option", arguments: [
        (["--w1-samples", "9223372036854775807"], "--w1-samples"), (["--kpd-batch-size", "9223372036854775807"], "--kpd-batch-size"),
        (["--cov-mmd-samples", "9223372036854775807"], "--cov-mmd-samples"), (["--fpd-points", "9223372036854775807"], "--fpd-points"),
        (["--w1-samples", "1000000000"], "--w1-samples"), (["--w1-batches", "1000000000"], "--w1-batches"),
        (["--cov-mmd-samples", "100000"], "--cov-mmd-samples"),
    ])
    func hugeOptions(options: [String], flag: String) throws {
        let files = try Files()
        let result = try CLIRunner.run(["evaluate", "--real", files.path("g.npy"), "--gen", files.path("g.npy"), "--quiet"] + options)
        #expect(result.exitCode == 64, "\(result.stderr)")
        #expect(result.stderr.contains(flag) && result.stderr.contains("memory"), "\(result.stderr)")
    }

    @Test("image --size is bounded and its memory checked", arguments: [
        (["--size", "100000"], "--size must be between 1 and 4096"), (["--size", "9223372036854775807"], "--size must be between 1 and 4096"),
        (["--size", "4000", "--average"], "--size 4000 for 300 jets needs about"),
    ])
    func imageSize(options: [String], message: String) throws {
        let files = try Files()
        let result = try CLIRunner.run(["image", files.path("g.npy"), "--out", files.path("x.png")] + options)
        #expect(result.exitCode == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: files.path("x.png")))
    }

    // MARK: Finding 3: outputs replaced inputs, or were left truncated

    @Test("An output that is an input is refused and the input is unchanged", arguments: [
        ["efps", "g.npy", "--out", "g.npy"], ["image", "g.npy", "--out", "g.npy"], ["image", "g.npy", "--out", "x.png", "--npy", "g.npy"],
        ["evaluate", "--real", "g.npy", "--gen", "g.npy", "--report", "g.npy"],
    ])
    func outputIsInput(arguments: [String]) throws {
        let files = try Files()
        let before = try Data(contentsOf: files.url("g.npy"))
        let result = try CLIRunner.run(arguments, currentDirectory: files.directory)
        #expect(result.exitCode == 64, "\(result.stderr)")
        #expect(result.stderr.contains("would destroy the input"), "\(result.stderr)")
        #expect(try Data(contentsOf: files.url("g.npy")) == before)
    }

    /// The arguments of `command` writing `out`: efps writes through AtomicFile around one
    /// closure, convert root through the streaming NPZStreamWriter.
    static func midWriteArguments(_ command: String, _ files: Files, _ out: URL) throws -> [String] {
        guard command == "convert" else { return ["efps", files.path("g.npy"), "--out", out.path] }
        let root = try FixtureDirectory(bundle: .module).url("root/uproot-small-flat-tree.root")
        return ["convert", "root", root.path, "--tree", "tree", "--branches", "Int32", "--out", out.path]
    }

    @Test("SIGTERM or SIGINT in the middle of a write leaves the old file intact and no temporary",
          arguments: [Int32(SIGTERM), SIGINT], ["efps", "convert"])
    func signalMidWrite(signal: Int32, command: String) throws {
        let files = try Files()
        let out = files.url(command == "efps" ? "efps.npy" : "tree.npz")
        let old = Data("the previous output".utf8)
        try old.write(to: out)
        let errURL = files.url("stderr.txt")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = CLIRunner.executableURL
        process.arguments = try Self.midWriteArguments(command, files, out)
        process.environment = ProcessInfo.processInfo.environment.merging(["JETNET_TEST_PAUSE_BEFORE_RENAME": "60"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        // Wait until the complete temporary is on disk and the writer pauses before its rename.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !(String(data: (try? Data(contentsOf: errURL)) ?? Data(), encoding: .utf8) ?? "").contains("pausing before rename") {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(files.temporaries.count == 1, "the write should be in progress")
        kill(process.processIdentifier, signal)
        let end = Date().addingTimeInterval(30)
        while process.isRunning, Date() < end { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            Issue.record("the signal did not end the process")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        try err.close()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        #expect(try Data(contentsOf: out) == old)
        #expect(files.temporaries.isEmpty, "\(files.temporaries)")
    }

    @Test("A write that cannot happen fails on one line, without an NSError dump, and leaves nothing")
    func unwritableOutput() throws {
        let files = try Files()
        let result = try CLIRunner.run(["image", files.path("g.npy"), "--out", files.path("missing-folder/x.png")])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("Cannot write") && result.stderr.contains("missing-folder/x.png"), "\(result.stderr)")
        #expect(!result.stderr.contains("Domain") && !result.stderr.contains("UserInfo"), "\(result.stderr)")
        #expect(files.temporaries.isEmpty)
    }

    // MARK: Finding 4: values that must be refused were accepted

    @Test("The input policy holds in every command", arguments: [
        (["evaluate", "--real", "g.npy", "--gen", "int.npy", "--metrics", "w1m"], "stores int64 values"),
        (["evaluate", "--real", "g.npy", "--gen", "bool.npy", "--metrics", "w1m"], "stores bool values"),
        (["evaluate", "--real", "g.npy", "--gen", "mask.npy", "--metrics", "w1m"], "mask value 7.5"),
        (["evaluate", "--real", "g.npy", "--gen", "nanmask.npy", "--metrics", "w1m"], "holds nan"),
        (["evaluate", "--real", "one.npy", "--gen", "one.npy", "--metrics", "fpd"], "holds 1 jet but at least 2"),
        (["efps", "nan.npy", "--out", "e.npy"], "holds nan at jet 0, particle 0, feature 2"),
        (["efps", "negative.npy", "--out", "e.npy"], "negative pt (-1.0)"),
        (["efps", "flat.npy", "--out", "e.npy"], "has shape [300, 90]"),
        (["image", "nan.npy", "--out", "e.png"], "holds nan"),
        (["efps", "int.npy", "--out", "e.npy"], "stores int64 values"),
    ])
    func inputPolicy(arguments: [String], message: String) throws {
        let files = try Files()
        try NPYFile.write(files.jets.converted(to: Int64.self), to: files.url("int.npy"))
        try NPYFile.write(NDArray<Bool>(shape: files.jets.shape, storage: files.jets.storage.map { $0 != 0 }), to: files.url("bool.npy"))
        _ = try files.variant("mask.npy", feature: 3, value: 7.5)
        _ = try files.variant("nanmask.npy", feature: 3, value: .nan)
        _ = try files.variant("nan.npy", feature: 2, value: .nan)
        _ = try files.variant("negative.npy", feature: 2, value: -1)
        try NPYFile.write(files.jets.rows(0..<1), to: files.url("one.npy"))
        try NPYFile.write(files.jets.selectingLast([0, 1, 2]).reshaped([300, 90]), to: files.url("flat.npy"))
        let result = try CLIRunner.run(arguments, currentDirectory: files.directory)
        #expect(result.exitCode == 1, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: files.path("e.npy")))
    }

    // MARK: Finding 5: messages

    @Test("info escapes key names read from the file and prints one line per array")
    func binaryKeyNames() throws {
        let files = try Files()
        try NPZFile.write([(name: "a\nb\u{1B}[31m", array: AnyNDArray(files.jets.rows(0..<2)))], to: files.url("weird.npz"))
        let result = try CLIRunner.run(["info", files.path("weird.npz")])
        #expect(result.exitCode == 0)
        #expect(result.lines == ["a\\nb\\u{1B}[31m  Array {2, 30, 4}  float32"])
        let missing = try CLIRunner.run(["evaluate", "--real", files.path("weird.npz"), "--gen", files.path("g.npy"), "--key", "x"])
        #expect(missing.exitCode == 1)
        #expect(missing.stderr.contains("a\\nb\\u{1B}[31m") && !missing.stderr.contains("\u{1B}"), "\(missing.stderr)")
        #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
    }

    @Test("info on a directory says it is a directory")
    func directory() throws {
        let files = try Files()
        try FileManager.default.createDirectory(at: files.url("dir.hdf5"), withIntermediateDirectories: true)
        let result = try CLIRunner.run(["info", files.path("dir.hdf5")])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("is a directory, not a file"), "\(result.stderr)")
    }

    @Test("export --particles 31 says that it reads the 150-particle files")
    func exportAbove30() throws {
        let files = try Files()
        let result = try CLIRunner.run(["export", "jetnet", "--dir", EmbeddedSample.jetNetDirectory.path, "--out", files.path("x.npz"),
                                        "--jet-types", "g", "--particles", "31", "--split", "all"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.contains("150-particle files") && result.stderr.contains("g150.hdf5"), "\(result.stderr)")
        #expect(result.stdout.contains("particles [500, 31, 4]") || result.stdout.contains(", 31, "), "\(result.stdout)")
    }

    @Test("--seed -1 says what a seed must be", arguments: [["evaluate", "--seed", "-1"], ["export", "jetnet", "--dir", "/tmp", "--out", "/tmp/x.npz", "--seed", "-1"]])
    func negativeSeed(arguments: [String]) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--seed must be a whole number from 0 to 18446744073709551615"), "\(result.stderr)")
    }
}
