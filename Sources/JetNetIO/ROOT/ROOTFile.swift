import Foundation

/// A ROOT file opened for reading TTrees, in pure Swift.
///
/// ```swift
/// let file = try ROOTFile(url: URL(fileURLWithPath: "HToBB_120.root"))
/// let tree = try file.tree(named: "tree")
/// let px = try tree.readJagged(branch: "part_px", as: Float.self, entries: 0..<1000)
/// // std::vector<TLorentzVector>: offsets per entry and [muons, 4] rows of px, py, pz, E
/// let muons = try tree.readJaggedObjects(branch: "muonp4", as: Double.self)
/// ```
///
/// The header, directories and tree metadata are read when asked for; baskets only when
/// their entries are read. Reads use `pread`, so one file can be read from several threads.
public struct ROOTFile: Sendable {
    /// The file path (`"<memory>"` for bytes).
    public let path: String
    /// The ROOT version that wrote the file, e.g. `"6.10/05"`.
    public let rootVersion: String
    /// The file's default compression (`fCompress`).
    public let compression: ROOTCompression
    /// The top directory with its keys and subdirectories.
    public let directory: ROOTDirectory
    let source: ROOTByteSource
    let streamers: ROOTStreamerInfos

    /// Opens a ROOT file and reads its header and directories.
    ///
    /// - Parameter url: a local file URL.
    /// - Throws: ``ROOTError`` if the file is missing, is not a ROOT file, or is damaged.
    public init(url: URL) throws {
        try self.init(source: ROOTByteSource(path: url.path))
    }

    /// Reads a ROOT file held in memory (used by the fuzzer and for small files).
    ///
    /// - Parameter bytes: the whole file, shape `[size]`.
    public init(bytes: [UInt8]) throws {
        try self.init(source: ROOTByteSource(bytes: bytes))
    }

    private init(source: ROOTByteSource) throws {
        self.source = source
        path = source.path
        let headerBytes = try source.read(at: 0, count: min(source.size, 64), what: "the file header")
        guard headerBytes.count >= 4, headerBytes[0 ..< 4].elementsEqual("root".utf8) else {
            throw ROOTError.badMagic(found: Array(headerBytes.prefix(4)))
        }
        var cursor = ByteCursor(headerBytes, position: 4)
        let version = try cursor.int32AsInt()
        let begin = try cursor.int32AsInt()
        let large = version >= 1_000_000
        _ = large ? try cursor.int64AsInt() : try cursor.int32AsInt()  // fEND
        _ = large ? try cursor.int64AsInt() : try cursor.int32AsInt()  // fSeekFree
        _ = try cursor.int32()  // fNbytesFree
        _ = try cursor.int32()  // nfree
        let nameBytes = try cursor.int32AsInt()
        _ = try cursor.uint8()  // fUnits
        let compress = try cursor.int32AsInt()
        let seekInfo = large ? try cursor.int64AsInt() : try cursor.int32AsInt()
        let infoBytes = try cursor.int32AsInt()
        let plainVersion = version % 1_000_000
        rootVersion = "\(plainVersion / 10000).\(String(format: "%02d", (plainVersion / 100) % 100))/\(String(format: "%02d", plainVersion % 100))"
        compression = ROOTCompression(code: compress)
        guard begin > 0, nameBytes >= 0, begin <= source.size else {
            throw ROOTError.malformed("the header puts the first record at \(begin)")
        }
        directory = try ROOTDirectory.read(from: source, at: begin + nameBytes, path: "")
        streamers = ROOTStreamerInfos.read(from: source, seek: seekInfo, bytes: infoBytes, fileCompression: compression)
    }

    /// The trees in the file (in all directories), the highest cycle of each name.
    ///
    /// - Throws: ``ROOTError`` when a tree's metadata is damaged or of an unknown version.
    public func trees() throws -> [TTree] {
        try treeKeys().map { try tree(for: $0.key, path: $0.path) }
    }

    /// The names of the trees (with directory paths), without reading them.
    public var treeNames: [String] { treeKeys().map(\.path) }

    /// The tree with this name (`"events"` or `"dir/events"`; a `;cycle` suffix is allowed).
    ///
    /// - Throws: ``ROOTError/treeNotFound(name:available:)`` and reading errors.
    public func tree(named name: String) throws -> TTree {
        let plain = name.split(separator: ";").first.map(String.init) ?? name
        let keys = treeKeys()
        guard let entry = keys.first(where: { $0.path == plain }) ?? keys.first(where: { $0.key.name == plain }) else {
            throw ROOTError.treeNotFound(name: name, available: keys.map(\.path))
        }
        return try tree(for: entry.key, path: entry.path)
    }

    func treeKeys() -> [(path: String, key: TKey)] {
        var best: [String: (path: String, key: TKey)] = [:]
        var order: [String] = []
        for entry in directory.allKeys where TTree.classNames.contains(entry.key.className) {
            if let existing = best[entry.path] {
                if entry.key.cycle > existing.key.cycle { best[entry.path] = entry }
            } else {
                best[entry.path] = entry
                order.append(entry.path)
            }
        }
        return order.map { best[$0]! }
    }

    func tree(for key: TKey, path: String) throws -> TTree {
        let bytes = try key.readObject(from: source)
        return try TTree.parse(bytes, keyLength: key.keyLength, name: path, className: key.className, source: source,
                               fileCompression: compression, streamers: streamers)
    }
}
