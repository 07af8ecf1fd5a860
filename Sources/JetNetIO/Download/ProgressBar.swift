import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
struct ProgressBar: Sendable {
    let label: String
    let enabled: Bool

    init(label: String, quiet: Bool) {
        self.label = label
        self.enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// Redraws the bar; `expected` is nil when the server sent no Content-Length.
    func update(received: Int64, expected: Int64?) {
        guard enabled else { return }
        let mib = Double(received) / 1_048_576
        let line: String
        if let expected, expected > 0 {
            let fraction = min(1, Double(received) / Double(expected))
            let filled = Int(fraction * 40)
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 40 - filled)
            line = String(format: "\r%@ [%@] %3.0f%% %.1f MiB", label, bar, fraction * 100, mib)
        } else {
            line = String(format: "\r%@ %.1f MiB", label, mib)
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the bar's line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
