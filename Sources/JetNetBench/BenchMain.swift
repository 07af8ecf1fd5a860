import Foundation
import JetNet

/// `JetNetBench TASK --data DIR --repeat N [--perturb X]`: runs one benchmark task on the inputs
/// that bench/make_inputs.py wrote, and prints `{"times": [...], "values": {...}}` as one JSON line.
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
        while !arguments.isEmpty {
            let flag = arguments.removeFirst()
            guard let value = arguments.first else { usage("\(flag) needs a value") }
            arguments.removeFirst()
            switch flag {
            case "--data": dataDirectory = value
            case "--repeat": repeatCount = Int(value) ?? 1
            case "--perturb": perturbation = Double(value) ?? 0
            default: usage("unknown flag \(flag)")
            }
        }
        guard let task = BenchTasks.all[name] else {
            usage("unknown task \(name); known: \(BenchTasks.all.keys.sorted().joined(separator: ", "))")
        }
        let data = BenchData(directory: URL(fileURLWithPath: dataDirectory))
        do {
            var times: [Double] = []
            var values: [String: [Double]] = [:]
            for _ in 0..<max(repeatCount, 1) {
                let start = DispatchTime.now().uptimeNanoseconds
                values = try task(data)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            let perturbed = values.mapValues { $0.map { $0 * (1 + perturbation) } }
            let json = try JSONSerialization.data(
                withJSONObject: ["times": times, "values": perturbed], options: [.sortedKeys])
            print(String(decoding: json, as: UTF8.self))
        } catch {
            FileHandle.standardError.write(Data("JetNetBench \(name): \(error.localizedDescription)\n".utf8))
            exit(1)
        }
    }

    static func usage(_ message: String) -> Never {
        FileHandle.standardError.write(Data("JetNetBench: \(message)\nusage: JetNetBench TASK --data DIR --repeat N [--perturb X]\n".utf8))
        exit(64)
    }
}

/// The benchmark inputs in bench/.data, read on first use.
final class BenchData: @unchecked Sendable {
    let directory: URL
    private let lock = NSLock()
    private var arrays: [String: Any] = [:]
    init(directory: URL) { self.directory = directory }

    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// A `.npy` input, read once and kept: like the Python side's `Data.npy`, which tasks call
    /// before their timed callable, so only the first repetition includes the read (and the
    /// median of three excludes it).
    func npy<T: NDArrayElement>(_ name: String, as type: T.Type) throws -> NDArray<T> {
        try lock.withLock {
            if let cached = arrays[name] as? NDArray<T> { return cached }
            let array = try NPYFile.read(url(name), as: type)
            arrays[name] = array
            return array
        }
    }
}
