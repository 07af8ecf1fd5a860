import Foundation

/// A one-line progress bar or status line on stderr, drawn only when stderr is a terminal
/// (so logs and pipes stay clean) and not silenced with `quiet`.
///
/// Used for downloads (bytes), and by `jetnet evaluate` for its steps (counts and status text).
public struct ProgressBar: Sendable {
    /// The text in front of the bar.
    public let label: String
    /// Whether anything is drawn.
    public let enabled: Bool

    /// Makes a bar.
    ///
    /// - Parameters:
    ///   - label: the text in front of the bar, e.g. `"Downloading g.hdf5"`.
    ///   - quiet: draw nothing (the CLI's `--quiet`).
    public init(label: String, quiet: Bool) {
        self.label = label
        self.enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// Redraws the bar for a byte count; `expected` is nil when the total is unknown (a server
    /// that sent no Content-Length).
    ///
    /// - Parameters:
    ///   - received: bytes so far.
    ///   - expected: total bytes, if known.
    public func update(received: Int64, expected: Int64?) {
        let mib = String(format: "%.1f MiB", Double(received) / 1_048_576)
        if let expected, expected > 0 {
            draw(fraction: Double(received) / Double(expected), suffix: mib)
        } else {
            status(mib)
        }
    }

    /// Redraws the bar for `done` of `total` items (jets, batches, steps).
    ///
    /// - Parameters:
    ///   - done: items finished.
    ///   - total: all items (positive).
    ///   - unit: what is counted, e.g. `"jets"`.
    public func update(done: Int, total: Int, unit: String) {
        draw(fraction: total > 0 ? Double(done) / Double(total) : 1, suffix: "\(done)/\(total) \(unit)")
    }

    /// Replaces the line with `label: text` (for steps without a count).
    ///
    /// - Parameter text: the status, e.g. `"fpd"`.
    public func status(_ text: String) {
        guard enabled else { return }
        // Clear to the end of the line: the previous status may have been longer.
        FileHandle.standardError.write(Data("\r\(label) \(text)\u{1B}[K".utf8))
    }

    private func draw(fraction: Double, suffix: String) {
        guard enabled else { return }
        let clamped = min(1, max(0, fraction))
        let filled = Int(clamped * 40)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 40 - filled)
        FileHandle.standardError.write(Data(String(format: "\r%@ [%@] %3.0f%% %@\u{1B}[K", label, bar, clamped * 100, suffix).utf8))
    }

    /// Erases the line (for a status line whose last state is not worth keeping).
    public func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// Ends the bar's line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
