import Foundation
import JetNet

/// `JetNetBench TASK --data DIR --repeat N [--warmup N] [--warmup-rows R] [--warmup-data DIR] [--warmup-seconds S] [--perturb X]`:
/// runs one benchmark task (after N untimed warm-up runs) on the inputs that bench/make_inputs.py
/// wrote, and prints `{"times": [...], "values": {...}}` as one JSON line.
///
/// `--warmup-seconds S` adds full-size warm-up runs after those N until S seconds of warm-up have
/// passed, so short tasks are timed in the steady state (bench.py gives Python the same rule).
///
/// `--warmup-rows R` runs the warm-up on the first R rows of every `.npy` input only, as the
/// Python side does for tasks with `WARMUP_JETS`. They are cut from the inputs the timed runs
/// read (each read once, as Python slices the arrays it times) and released before the timed
/// runs: a second full-size read, or warm-up buffers freed later, would leave pages with glibc
/// (its mmap threshold rises to the largest block freed) and count in the timed runs' peak RSS.
///
/// `--warmup-data DIR` runs the warm-up on the inputs in `DIR` instead (tasks that read whole
/// files, such as dataset loading, as bench/scaling.py's Python side does).
///
/// `--perturb X` multiplies every reported value by (1 + X): bench/parity uses it to prove that
/// a drifted value makes the parity check fail.
@main
struct BenchMain {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first, !name.hasPrefix("-") else {
            usage("missing TASK")
        }
        arguments.removeFirst()
        var dataDirectory = "bench/.data"
        var repeatCount = 1
        var perturbation = 0.0
        var warmupCount = 0
        var warmupRows: Int?
        var warmupDirectory: URL?
        var warmupSeconds = 0.0
        while !arguments.isEmpty {
            let flag = arguments.removeFirst()
            guard let value = arguments.first else { usage("\(flag) needs a value") }
            arguments.removeFirst()
            switch flag {
            case "--data": dataDirectory = value
            case "--repeat": repeatCount = Int(value) ?? 1
            case "--perturb": perturbation = Double(value) ?? 0
            case "--warmup": warmupCount = Int(value) ?? 0
            case "--warmup-rows": warmupRows = Int(value)
            case "--warmup-data": warmupDirectory = URL(fileURLWithPath: value)
            case "--warmup-seconds": warmupSeconds = Double(value) ?? 0
            default: usage("unknown flag \(flag)")
            }
        }
        guard let task = BenchTasks.all[name] else {
            usage("unknown task \(name); known: \(BenchTasks.all.keys.sorted().joined(separator: ", "))")
        }
        let data = BenchData(directory: URL(fileURLWithPath: dataDirectory))
        do {
            var times: [Double] = []
            var cpuTimes: [Double] = []
            var values: [String: [Double]] = [:]
            let warmupStart = DispatchTime.now().uptimeNanoseconds
            do {
                let warmupSource = warmupDirectory.map { BenchData(directory: $0) } ?? data
                let warmupData = warmupRows.map { BenchData(cutting: warmupSource, rows: $0) } ?? warmupSource
                for _ in 0..<max(warmupCount, 0) { _ = try task(warmupData) }
            }
            while Double(DispatchTime.now().uptimeNanoseconds - warmupStart) / 1e9 < warmupSeconds { _ = try task(data) }
            for _ in 0..<max(repeatCount, 1) {
                BenchClock.reset()
                let start = DispatchTime.now().uptimeNanoseconds
                let cpuStart = BenchClock.processCPUSeconds()
                values = try task(data)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                times.append(elapsed - BenchClock.untimedSeconds)
                cpuTimes.append(BenchClock.processCPUSeconds() - cpuStart - BenchClock.untimedCPUSeconds)
            }
            let perturbed = values.mapValues { $0.map { $0 * (1 + perturbation) } }
            let json = try JSONSerialization.data(
                withJSONObject: ["times": times, "cpu": cpuTimes, "values": perturbed], options: [.sortedKeys])
            print(String(decoding: json, as: UTF8.self))
        } catch {
            FileHandle.standardError.write(Data("JetNetBench \(name): \(error.localizedDescription)\n".utf8))
            exit(1)
        }
    }

    static func usage(_ message: String) -> Never {
        FileHandle.standardError.write(Data("JetNetBench: \(message)\nusage: JetNetBench TASK --data DIR --repeat N [--warmup N] [--warmup-rows R] [--warmup-data DIR] [--warmup-seconds S] [--perturb X]\n".utf8))
        exit(64)
    }
}

/// The benchmark inputs in bench/.data, read on first use and kept for later repetitions.
///
/// Reading is untimed (``BenchClock/untimed(_:)``): the Python tasks load their inputs before
/// their timer starts too. Only the read-* tasks time reading, through `url(_:)`.
final class BenchData: @unchecked Sendable {
    let directory: URL
    /// When set, every `.npy` input is `source`'s cut to its first `rows` rows (warm-up runs).
    let rows: Int?
    private let source: BenchData?
    private var floatArrays: [String: NDArray<Float>] = [:]
    private var doubleArrays: [String: NDArray<Double>] = [:]

    init(directory: URL) {
        self.directory = directory
        self.rows = nil
        self.source = nil
    }

    /// The first `rows` rows of every `.npy` input of `source`, which reads each input once and
    /// keeps it (Python's warm-up takes views of the inputs it times).
    init(cutting source: BenchData, rows: Int) {
        self.directory = source.directory
        self.rows = rows
        self.source = source
    }

    private func cut<T>(_ array: NDArray<T>) -> NDArray<T> {
        guard let rows, rows < array.shape[0] else { return array }
        return array.rows(0..<rows)
    }

    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The float32 `.npy` input `name`.
    func floats(_ name: String) throws -> NDArray<Float> {
        if let array = floatArrays[name] { return array }
        let array = try BenchClock.untimed { try source.map { cut(try $0.floats(name)) } ?? NPYFile.read(url(name), as: Float.self) }
        floatArrays[name] = array
        return array
    }

    /// The real and generated jets (`real.npy`, `gen.npy`, `[50000, 30, 4]` float32) that the
    /// metric tasks compare.
    func jetPair() throws -> (real: NDArray<Float>, gen: NDArray<Float>) {
        (try floats("real.npy"), try floats("gen.npy"))
    }

    /// The float64 `.npy` input `name`.
    func doubles(_ name: String) throws -> NDArray<Double> {
        if let array = doubleArrays[name] { return array }
        let array = try BenchClock.untimed { try source.map { cut(try $0.doubles(name)) } ?? NPYFile.read(url(name), as: Double.self) }
        doubleArrays[name] = array
        return array
    }
}

/// Time a task spends on bookkeeping the Python side does outside its timer (reading inputs,
/// checksums of results), subtracted from the repetition's time by `BenchMain`.
enum BenchClock {
    nonisolated(unsafe) private static var untimedNanoseconds: UInt64 = 0
    nonisolated(unsafe) private static var untimedCPU = 0.0

    /// The untimed seconds of the current repetition.
    static var untimedSeconds: Double { Double(untimedNanoseconds) / 1e9 }

    /// Starts a repetition.
    static func reset() {
        untimedNanoseconds = 0
        untimedCPU = 0
    }

    /// The untimed CPU seconds (all threads) of the current repetition.
    static var untimedCPUSeconds: Double { untimedCPU }

    /// User plus system CPU time of the whole process so far (every thread), in seconds: on a
    /// shared machine it moves far less with other users' load than wall time does.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Runs `body` off the clock (single-threaded callers only).
    static func untimed<T>(_ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = processCPUSeconds()
        defer {
            untimedNanoseconds += DispatchTime.now().uptimeNanoseconds - start
            untimedCPU += processCPUSeconds() - cpuStart
        }
        return try body()
    }
}
