import Foundation
import JetNetFuzzing

/// `JetNetFuzz`: seeded mutation fuzzing of every file reader, crash-proof.
///
///     JetNetFuzz run READER --inputs N [--seed S] [--batch B] [--timeout SECONDS] FILE...
///     JetNetFuzz worker READER --start I --count N [--seed S] FILE...
///     JetNetFuzz mutant READER --start I --out PATH [--seed S] FILE...
///
/// `run` hands batches of mutants to `worker` child processes (this same executable): a child
/// that dies of a signal is a crash and one that outlives the timeout a hang. Such a batch is
/// rerun one mutant per process, so the count is exact and the printed mutant indices
/// reproduce each crash (`worker READER --start INDEX --count 1`); `mutant` writes mutant I to
/// `PATH` to study it or keep it as a regression fixture. `scripts/fuzz` runs every
/// reader on the repository's fixtures.
@main
enum FuzzMain {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count >= 2, let reader = FuzzReader(rawValue: arguments[1]) else {
            fail("usage: JetNetFuzz run|worker READER [options] FILE...; readers: \(FuzzReader.allCases.map(\.rawValue).joined(separator: " "))")
        }
        let mode = arguments[0]
        arguments.removeFirst(2)
        var options: [String: Int] = [:]
        var files: [String] = []
        var outputPath: String?
        while let argument = arguments.first {
            arguments.removeFirst()
            if argument == "--out", let path = arguments.first {
                arguments.removeFirst()
                outputPath = path
            } else if argument.hasPrefix("--") {
                guard let text = arguments.first, let value = Int(text) else { fail("\(argument) needs a whole number") }
                arguments.removeFirst()
                options[String(argument.dropFirst(2))] = value
            } else {
                files.append(argument)
            }
        }
        let corpus = files.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }.filter { !$0.isEmpty }
        guard !corpus.isEmpty, corpus.count == files.count else { fail("give the corpus: readable, non-empty files") }
        let seed = UInt64(options["seed"] ?? 20_261_206)
        switch mode {
        case "mutant":
            guard let outputPath else { fail("mutant needs --out PATH") }
            let bytes = Mutator(corpus: corpus, seed: seed).mutant(options["start"] ?? 0)
            guard FileManager.default.createFile(atPath: outputPath, contents: Data(bytes)) else { fail("cannot write \(outputPath)") }
        case "worker":
            let start = options["start"] ?? 0, count = options["count"] ?? 1
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("jetnet-fuzz-\(getpid())-\(reader.rawValue)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let counts = FuzzCounts.run(reader, mutator: Mutator(corpus: corpus, seed: seed), range: start ..< start + count, scratch: scratch)
            print("counts \(counts.inputs) \(counts.successes) \(counts.cleanErrors) \(counts.uncleanErrors)")
            for example in counts.examples { print("unclean \(example)") }
        case "run":
            let total = options["inputs"] ?? 100_000, batch = max(1, options["batch"] ?? 2_000)
            let timeout = Double(options["timeout"] ?? 600)
            var summary = Summary()
            var start = 0
            while start < total {
                let count = min(batch, total - start)
                let outcome = runWorker(reader, start: start, count: count, seed: seed, files: files, timeout: timeout)
                if case .finished(let counts, let examples) = outcome {
                    summary.add(counts, examples)
                } else {
                    // Find the culprits one mutant per process.
                    for index in start ..< start + count {
                        switch runWorker(reader, start: index, count: 1, seed: seed, files: files, timeout: min(timeout, 60)) {
                        case .finished(let counts, let examples): summary.add(counts, examples)
                        case .crashed(let signal): summary.crash(index, "signal \(signal)")
                        case .hung: summary.hang(index)
                        }
                    }
                }
                start += count
            }
            summary.print(reader: reader, seed: seed)
            exit(summary.crashes + summary.hangs + summary.unclean == 0 ? 0 : 1)
        default:
            fail("unknown mode \(mode); use run, worker or mutant")
        }
    }

    enum WorkerOutcome {
        case finished([Int], [String])
        case crashed(Int32)
        case hung
    }

    /// Runs one worker process and waits for it (or kills it at the timeout).
    static func runWorker(_ reader: FuzzReader, start: Int, count: Int, seed: UInt64, files: [String], timeout: Double) -> WorkerOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        process.arguments = ["worker", reader.rawValue, "--start", "\(start)", "--count", "\(count)", "--seed", "\(seed)"] + files
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("jetnet-fuzz-out-\(getpid())-\(start)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        guard let handle = try? FileHandle(forWritingTo: output) else { fail("cannot create \(output.path)") }
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { fail("cannot start a worker: \(error)") }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return .hung
            }
            usleep(20_000)
        }
        try? handle.close()
        if process.terminationReason == .uncaughtSignal { return .crashed(process.terminationStatus) }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").map(String.init)
        guard let countsLine = lines.first(where: { $0.hasPrefix("counts ") }) else { return .crashed(0) }
        let numbers = countsLine.split(separator: " ").dropFirst().compactMap { Int($0) }
        guard numbers.count == 4 else { return .crashed(0) }
        return .finished(numbers, lines.filter { $0.hasPrefix("unclean ") })
    }

    struct Summary {
        var inputs = 0, successes = 0, clean = 0, unclean = 0, crashes = 0, hangs = 0
        var notes: [String] = []

        mutating func add(_ counts: [Int], _ examples: [String]) {
            inputs += counts[0]; successes += counts[1]; clean += counts[2]; unclean += counts[3]
            notes += examples.prefix(max(0, 5 - notes.count))
        }
        mutating func crash(_ index: Int, _ how: String) { inputs += 1; crashes += 1; notes.append("crash: mutant \(index) (\(how))") }
        mutating func hang(_ index: Int) { inputs += 1; hangs += 1; notes.append("hang: mutant \(index)") }

        func print(reader: FuzzReader, seed: UInt64) {
            Swift.print("reader \(reader.rawValue) seed \(seed): inputs \(inputs), successes \(successes), clean errors \(clean), unclean errors \(unclean), crashes \(crashes), hangs \(hangs)")
            for note in notes { Swift.print("  \(note)") }
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("JetNetFuzz: \(message)\n".utf8))
        exit(2)
    }
}
