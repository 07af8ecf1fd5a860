import Foundation
import JetNetIO

/// Where a dataset's files are, and whether they may be downloaded.
public struct DatasetLocation: Sendable {
    /// The directory holding (or to hold) the files.
    public var directory: URL
    /// Download missing or corrupted files from Zenodo (jetnet's `download`, default false).
    public var download: Bool
    /// The Zenodo client (injectable: tests point it at a local server).
    public var client: ZenodoClient

    /// Makes a location.
    /// - Parameters:
    ///   - directory: the data directory.
    ///   - download: whether missing files may be downloaded.
    ///   - client: the Zenodo client to download with.
    public init(directory: URL, download: Bool = false, client: ZenodoClient = ZenodoClient()) {
        self.directory = directory
        self.download = download
        self.client = client
    }

    /// The path of `fileName`, downloaded or verified as needed.
    /// - Parameters:
    ///   - fileName: the file in the record and on disk.
    ///   - record: the Zenodo record id.
    ///   - dataset: a name for messages (`"JetNet"`).
    ///   - cliCommand: the `jetnet download` invocation that fetches this file.
    /// - Throws: ``DatasetError/missingFile(path:dataset:howToDownload:)``,
    ///   ``DatasetError/checksumMismatch(path:expected:actual:)`` or
    ///   ``DatasetError/downloadFailed(_:)``.
    func file(_ fileName: String, record: Int, dataset: String, cliCommand: String) throws -> URL {
        let howTo = "Pass `download: true` (`--download` on the command line) to download it from Zenodo record \(record), or run `\(cliCommand) --dir \(directory.path)`."
        do {
            return try client.ensureFile(fileName, record: record, in: directory, download: download, hint: howTo)
        } catch let error as DownloadError {
            switch error {
            case let .fileNotFound(path, hint):
                throw DatasetError.missingFile(path: path, dataset: dataset, howToDownload: hint)
            case let .checksumMismatch(path, expected, actual, _):
                throw DatasetError.checksumMismatch(path: path, expected: expected, actual: actual)
            default:
                throw DatasetError.downloadFailed(error.errorDescription ?? "\(error)")
            }
        }
    }
}
