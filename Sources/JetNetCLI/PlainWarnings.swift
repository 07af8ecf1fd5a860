import Foundation
import Logging

/// JetNet's warnings as the CLI shows them: one plain `warning: <message>` line on stderr per
/// distinct message (several metrics give the same advice), without timestamps or labels.
enum PlainWarnings {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var shown = Set<String>()
    nonisolated(unsafe) private static var silenced = false

    /// Routes `jetnetLogger` through ``Handler``; called once, before any command runs.
    static func install() {
        LoggingSystem.bootstrap { _ in Handler() }
    }

    /// Drops every warning from now on (the sensitivity study's small samples make jetnet's
    /// "recommended number of jets" advice noise).
    static func silence() {
        lock.withLock { silenced = true }
    }

    /// Writes `message` unless it was written before or warnings are silenced.
    static func show(_ message: String) {
        let isNew = lock.withLock { !silenced && shown.insert(message).inserted }
        if isNew { FileHandle.standardError.write(Data("warning: \(message)\n".utf8)) }
    }

    /// A log handler that passes warnings and worse to ``show(_:)``.
    struct Handler: LogHandler {
        var logLevel: Logger.Level = .warning
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            guard event.level >= logLevel else { return }
            PlainWarnings.show("\(event.message)")
        }
    }
}
