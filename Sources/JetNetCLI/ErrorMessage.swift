import ArgumentParser
import Foundation
import JetNet

/// The one place where an error becomes what the user reads: one line, control characters
/// escaped, Foundation's errors (`CocoaError`, `URLError`) in words rather than as NSError dumps.
enum ErrorMessage {
    /// The error to hand to ArgumentParser's `exit(withError:)`: usage errors stay usage errors
    /// (exit 64), everything else becomes a ``CLIError`` (exit 1).
    static func presentable(_ error: Error) -> Error {
        switch error {
        case let error as ValidationError: ValidationError(oneLine(error.message))
        case is CleanExit, is ExitCode: error
        // ArgumentParser's own errors (its built-in `help` command throws a help request from
        // `run()`) are for ArgumentParser to print: wrapped, `--help` would print a type dump.
        case _ where String(reflecting: type(of: error)).hasPrefix("ArgumentParser."): error
        default: CLIError(oneLine(text(of: error)))
        }
    }

    /// `text` on one line with control characters escaped.
    static func oneLine(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).escapingNonPrintable
    }

    /// Readable text for any error.
    static func text(of error: Error) -> String {
        if (error as NSError).domain == "NSURLErrorDomain" { return DownloadError.describe(error) }
        if let error = error as? CocoaError { return describe(error) }
        if let error = error as? LocalizedError, let description = error.errorDescription { return description }
        let bridged = error as NSError
        if bridged.domain == NSCocoaErrorDomain { return describe(CocoaError(CocoaError.Code(rawValue: bridged.code), userInfo: bridged.userInfo)) }
        return "\(error)"
    }

    /// A file-system error as "what failed for which file, and why".
    private static func describe(_ error: CocoaError) -> String {
        let path = error.filePath ?? error.url?.path ?? "the file"
        let reason: String = switch error.code {
        case .fileNoSuchFile, .fileReadNoSuchFile: "it does not exist"
        case .fileReadNoPermission, .fileWriteNoPermission: "permission denied"
        case .fileWriteOutOfSpace: "the disk is full"
        case .fileWriteVolumeReadOnly: "the volume is read-only"
        case .fileWriteFileExists: "a file is in the way"
        default:
            (error.userInfo[NSUnderlyingErrorKey] as? NSError).map { String(cString: strerror(Int32($0.code))) }
                ?? "file system error \(error.code.rawValue)"
        }
        return "Cannot access '\(path)': \(reason)."
    }
}
