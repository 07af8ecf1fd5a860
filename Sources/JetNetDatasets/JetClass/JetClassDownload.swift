import Foundation
import JetNetIO

/// The JetClass tarballs on Zenodo (record 6619768) with their MD5s (from particle_transformer's
/// `get_datasets.py`), and their download and extraction.
public enum JetClassDownload {
    /// The Zenodo record.
    public static let record = 6_619_768

    /// The dataset's splits: one validation and one test tarball, ten training parts.
    public enum Split: String, Sendable, CaseIterable {
        case train, val, test
    }

    /// The tarballs of a split, with their MD5s (`train` has ten parts of ~10M jets each).
    public static func tarballs(_ split: Split) -> [ZenodoFile] {
        let list: [(String, String)] = switch split {
        case .val: [("JetClass_Pythia_val_5M.tar", "7235ccb577ed85023ea3ab4d5e6160cf")]
        case .test: [("JetClass_Pythia_test_20M.tar", "64e5156d26d101adeb43b8388207d767")]
        case .train: [
            "de4fd2dca2e68ab3c85d5cfd3bcc65c3", "9722a359c5ef697bea0fbf79bf50f003", "1e9f66cd1f915f9d10e90ae1d7761720",
            "47348fc8985319fa4806da87500482fa", "6b0ce16bd93b442a8d51914466990279", "416e347512e716de51d392bee327b8e9",
            "e9b9c1557b1b39bf0a16e4ab631ae451", "5bfc6cb285ccb7680cefa9ac82ad1a2e", "540c1a0d66dfad78d2b363c5740ccf86",
            "668f40b3275167ff7104c48317c0ae2a",
        ].enumerated().map { ("JetClass_Pythia_train_100M_part\($0.offset).tar", $0.element) }
        }
        return list.map { ZenodoFile(name: $0.0, url: URL(string: "https://zenodo.org/record/\(record)/files/\($0.0)")!, md5: $0.1) }
    }

    /// How to get the files, for error messages.
    static let hint = "Download JetClass with `JetClassDownload.fetch(.val, into: dir)` (or `jetnet download jetclass`), or from https://zenodo.org/record/6619768 and extract the tarballs there."

    /// Downloads (verifying the MD5, with progress) and extracts the tarballs of a split.
    ///
    /// Tarballs already present with a matching MD5 are not downloaded again; the tarball is
    /// deleted after a successful extraction unless `keepArchives`.
    /// - Parameters:
    ///   - split: which split.
    ///   - directory: where to put the tarballs and the extracted `<split>` folders.
    ///   - parts: for `train`, which of the ten parts (all when nil).
    ///   - keepArchives: keep the `.tar` files after extracting.
    ///   - client: the Zenodo client (timeouts, quiet progress).
    /// - Returns: the extracted ROOT files.
    /// - Throws: ``DownloadError`` or ``TarError``.
    @discardableResult
    public static func fetch(_ split: Split, into directory: URL, parts: [Int]? = nil, keepArchives: Bool = false,
                             client: ZenodoClient = ZenodoClient()) throws -> [URL] {
        var files = tarballs(split)
        if let parts { files = parts.filter { files.indices.contains($0) }.map { files[$0] } }
        var extracted: [URL] = []
        for file in files {
            let archive = directory.appendingPathComponent(file.name)
            let present = FileManager.default.fileExists(atPath: archive.path) && (try? MD5.hex(ofFileAt: archive)) == file.md5
            if !present { try client.download(file, to: archive) }
            extracted += try TarArchive.extract(archive, to: directory).filter { $0.pathExtension == "root" }
            if !keepArchives { try? FileManager.default.removeItem(at: archive) }
        }
        return extracted
    }
}
