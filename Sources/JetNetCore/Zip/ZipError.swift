import Foundation

/// Why a zip archive (`.npz`, PyTorch `.pt`, …) could not be read or written.
public enum ZipError: Error, LocalizedError, Equatable, Sendable {
    /// The archive file could not be opened, read or written.
    case fileAccess(path: String, reason: String)
    /// No end-of-central-directory record: the bytes are not a zip archive (or are cut short).
    case notAZipArchive(source: String)
    /// A structure inside the archive points outside it or has a wrong signature.
    case corrupt(source: String, reason: String)
    /// The archive has no entry of that name.
    case missingEntry(source: String, name: String, available: [String])
    /// The entry is compressed with a method other than stored (0) or deflated (8).
    case unsupportedCompression(source: String, entry: String, method: Int)
    /// The entry is encrypted.
    case encrypted(source: String, entry: String)
    /// The entry's bytes do not decompress, or do not match its recorded size or CRC-32.
    case corruptEntry(source: String, entry: String, reason: String)

    /// What went wrong and how to fix it, on one line (names read from files are escaped).
    public var errorDescription: String? { unescapedDescription?.escapingNonPrintable }

    private var unescapedDescription: String? {
        switch self {
        case let .fileAccess(path, reason):
            "Cannot access zip archive '\(path)': \(reason). Check that the path exists and is readable (or its folder writable)."
        case let .notAZipArchive(source):
            "\(source) is not a zip archive (no end-of-central-directory record). It may be truncated or another kind of file; download or save it again."
        case let .corrupt(source, reason):
            "\(source) is a damaged zip archive: \(reason). Download or save it again."
        case let .missingEntry(source, name, available):
            "\(source) has no entry '\(name)'. Entries: \(available.prefix(20).map { "'\($0)'" }.joined(separator: ", "))\(available.count > 20 ? ", …" : "")."
        case let .unsupportedCompression(source, entry, method):
            "Entry '\(entry)' of \(source) uses compression method \(method); only stored (0) and deflated (8) are supported. Re-create the archive with ZIP_STORED or ZIP_DEFLATED."
        case let .encrypted(source, entry):
            "Entry '\(entry)' of \(source) is encrypted; decrypt the archive first."
        case let .corruptEntry(source, entry, reason):
            "Entry '\(entry)' of \(source) is damaged: \(reason). Download or save the archive again."
        }
    }
}
