import Foundation

/// One file of a Zenodo record: its name, where to download it and its MD5.
public struct ZenodoFile: Sendable, Equatable {
    /// The file name within the record (`"g.hdf5"`).
    public var name: String
    /// The download URL.
    public var url: URL
    /// The lowercase hex MD5 Zenodo publishes for the file.
    public var md5: String

    /// Makes a file description.
    public init(name: String, url: URL, md5: String) {
        self.name = name
        self.url = url
        self.md5 = md5
    }

    /// Finds `fileName` in a record's API JSON (`https://zenodo.org/api/records/<id>`).
    ///
    /// Zenodo's API has used two shapes, and jetnet accepts both, so this does too:
    /// `{"filename", "links": {"download"}, "checksum": "<md5>"}` and
    /// `{"key", "links": {"self"}, "checksum": "md5:<md5>"}`.
    /// - Parameters:
    ///   - fileName: the file to look for.
    ///   - json: the record JSON.
    ///   - record: the record id (for error messages).
    ///   - source: where the JSON came from (for error messages).
    /// - Returns: the file's URL and MD5.
    /// - Throws: ``DownloadError/malformedRecord(url:reason:)`` or
    ///   ``DownloadError/fileNotInRecord(record:file:available:)``.
    public static func find(_ fileName: String, inRecordJSON json: Data, record: Int, source: String) throws -> ZenodoFile {
        guard let root = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw DownloadError.malformedRecord(url: source, reason: "the response is not a JSON object")
        }
        guard let files = root["files"] as? [[String: Any]] else {
            throw DownloadError.malformedRecord(url: source, reason: "no \"files\" list")
        }
        var names = [String]()
        for file in files {
            guard let name = (file["filename"] as? String) ?? (file["key"] as? String) else { continue }
            names.append(name)
            guard name == fileName else { continue }
            let links = file["links"] as? [String: Any] ?? [:]
            guard let link = (links["download"] as? String) ?? (links["self"] as? String), let url = URL(string: link) else {
                throw DownloadError.malformedRecord(url: source, reason: "file \(fileName) has no download link")
            }
            guard var checksum = file["checksum"] as? String else {
                throw DownloadError.malformedRecord(url: source, reason: "file \(fileName) has no checksum")
            }
            if checksum.hasPrefix("md5:") { checksum.removeFirst(4) }
            guard checksum.count == 32, checksum.allSatisfy(\.isHexDigit) else {
                throw DownloadError.malformedRecord(url: source, reason: "file \(fileName) has checksum \(checksum), not an MD5")
            }
            return ZenodoFile(name: name, url: url, md5: checksum.lowercased())
        }
        throw DownloadError.fileNotInRecord(record: record, file: fileName, available: names)
    }
}
