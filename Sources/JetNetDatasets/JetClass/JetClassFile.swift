import Foundation

/// One JetClass ROOT file, `<Process>_<NNN>.root`, holding jets of one class.
public struct JetClassFile: Sendable, Equatable, Hashable {
    /// Where the file is.
    public let url: URL
    /// The class its name says it holds.
    public let jetType: JetClassJetType
    /// The file number (`120` in `HToBB_120.root`).
    public let number: Int

    /// Parses a JetClass file name; nil for other names.
    public init?(url: URL) {
        let name = url.deletingPathExtension().lastPathComponent
        guard url.pathExtension == "root", let underscore = name.lastIndex(of: "_"),
              let number = Int(name[name.index(after: underscore)...]),
              let type = JetClassJetType.allCases.first(where: { $0.process == String(name[..<underscore]) })
        else { return nil }
        self.url = url
        self.jetType = type
        self.number = number
    }

    /// The JetClass files under `directory` (searched recursively), for the given classes and
    /// file numbers, ordered by class (QCD first) and then number.
    ///
    /// - Parameters:
    ///   - directory: a folder holding the files (or the extracted `train_100M`, `val_5M`,
    ///     `test_20M` folders; pass `split` to pick one).
    ///   - split: a subfolder name to restrict the search to (`"val_5M"`), or nil.
    ///   - jetTypes: the classes to keep.
    ///   - numbers: the file numbers to keep (all when nil).
    /// - Throws: ``DatasetError/missingFile(path:dataset:howToDownload:)`` when no file matches.
    public static func find(in directory: URL, split: String? = nil, jetTypes: [JetClassJetType] = JetClassJetType.allCases, numbers: Set<Int>? = nil) throws -> [JetClassFile] {
        let root = split.map { directory.appendingPathComponent($0) } ?? directory
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw DatasetError.missingFile(path: root.path, dataset: "JetClass", howToDownload: JetClassDownload.hint)
        }
        var files: [JetClassFile] = []
        for case let url as URL in walker {
            guard let file = JetClassFile(url: url), jetTypes.contains(file.jetType) else { continue }
            if let numbers, !numbers.contains(file.number) { continue }
            files.append(file)
        }
        guard !files.isEmpty else {
            throw DatasetError.missingFile(path: root.path + " (no \(jetTypes.map(\.process).joined(separator: "/"))_NNN.root files)", dataset: "JetClass", howToDownload: JetClassDownload.hint)
        }
        return files.sorted { ($0.jetType.index, $0.number, $0.url.path) < ($1.jetType.index, $1.number, $1.url.path) }
    }
}
