/// A ROOT `TTree`: a table of entries whose columns are branches.
///
/// Only the tree's metadata is read when it is opened; ``read(branch:as:entries:)`` (numbers,
/// fixed arrays, `TVector2`/`TVector3` objects), ``readJagged(branch:as:entries:)`` (`x[n]`,
/// `std::vector` of numbers), ``readJaggedObjects(branch:as:entries:)``
/// (`std::vector<TLorentzVector>`), ``readStrings(branch:entries:)`` (`char*`) and
/// ``readStringLists(branch:entries:)`` (`std::vector<std::string>`) then read only the
/// baskets that hold the requested entries of the requested branch.
public struct TTree: Sendable {
    /// The tree's path in the file (`"events"`, or `"dir/events"` in a subdirectory).
    public let name: String
    /// The tree's title.
    public let title: String
    /// `TTree`, `TNtuple` (float columns) or `TNtupleD` (double columns).
    public let className: String
    /// The classes of trees, as stored in keys.
    static let classNames: Set<String> = ["TTree", "TNtuple", "TNtupleD"]
    /// The number of entries (`fEntries`).
    public let entries: Int
    /// The top-level branches, in file order.
    public let topBranches: [TBranch]
    let source: ROOTByteSource

    /// Every branch, split sub-branches included, in file order (depth first).
    public let branches: [TBranch]
    /// The path of each of ``branches`` as uproot names it: parents joined by `/` (`"p/pt"`).
    public let branchPaths: [String]
    private let branchIndex: [String: Int]

    /// The branch with this name: its own name (`"pt"`), its path (`"p/pt"`) or its member
    /// name (`"p.pt"`); the first match in file order.
    ///
    /// - Throws: ``ROOTError/branchNotFound(name:tree:available:)``.
    public func branch(named branchName: String) throws -> TBranch {
        guard let index = branchIndex[branchName] else {
            throw ROOTError.branchNotFound(name: branchName, tree: name, available: branchPaths)
        }
        return branches[index]
    }

    /// Parses a streamed `TTree`, `TNtuple` or `TNtupleD` (the bytes of its key, uncompressed).
    static func parse(_ bytes: [UInt8], keyLength: Int, name: String, className: String = "TTree", source: ROOTByteSource, fileCompression: ROOTCompression,
                      streamers: ROOTStreamerInfos = .empty) throws -> TTree {
        var streamer = ROOTStreamer(ByteCursor(bytes, origin: keyLength), fileCompression: fileCompression)
        streamer.streamers = streamers
        // A TNtuple(D) is a TTree base followed by its column count.
        if className != "TTree" { _ = try streamer.versionHeader() }
        let (version, _) = try streamer.versionHeader()
        let (_, title) = try streamer.tNamed()
        try streamer.skipVersioned("TAttLine")
        try streamer.skipVersioned("TAttFill")
        try streamer.skipVersioned("TAttMarker")
        let entries: Int
        switch version {
        case 5:
            // ROOT 3-4 trees (version 5 of the class): counts are doubles, limits 32-bit.
            let stored = try streamer.cursor.float64()
            guard stored >= 0, stored < Double(1 << 48), stored == stored.rounded() else {
                throw ROOTError.malformed("tree '\(name)' has \(stored) entries")
            }
            entries = Int(stored)
            try streamer.cursor.skip(3 * 8 + 7 * 4)  // fTotBytes, fZipBytes, fSavedBytes; fTimerInterval … fEstimate
        case 16 ... 20:
            entries = try streamer.cursor.int64AsInt()
            try streamer.cursor.skip(3 * 8)  // fTotBytes, fZipBytes, fSavedBytes
            if version >= 18 { try streamer.cursor.skip(8) }  // fFlushedBytes
            try streamer.cursor.skip(8 + 3 * 4)  // fWeight, fTimerInterval, fScanField, fUpdate
            if version >= 17 { try streamer.cursor.skip(4) }  // fDefaultEntryOffsetLen
            var clusterRanges = 0
            if version >= 19 { clusterRanges = Int(try streamer.cursor.uint32()) }
            try streamer.cursor.skip(4 * 8)  // fMaxEntries, fMaxEntryLoop, fMaxVirtualSize, fAutoSave
            if version >= 18 { try streamer.cursor.skip(8) }  // fAutoFlush
            try streamer.cursor.skip(8)  // fEstimate
            if version >= 19 {
                guard clusterRanges <= streamer.cursor.remaining / 16 else { throw ROOTError.malformed("tree '\(name)' claims \(clusterRanges) cluster ranges") }
                try streamer.cursor.skip(1 + 8 * clusterRanges)  // fClusterRangeEnd
                try streamer.cursor.skip(1 + 8 * clusterRanges)  // fClusterSize
            }
            if version >= 20 { try streamer.skipVersioned("TIOFeatures") }
        default:
            throw ROOTError.unsupportedVersion(className: "TTree", version: version)
        }
        var branches: [TBranch] = []
        for item in try streamer.tObjArray() {
            if case let .branch(branch)? = item { branches.append(branch) }
        }
        guard entries >= 0, entries < 1 << 48 else { throw ROOTError.malformed("tree '\(name)' has \(entries) entries") }
        return TTree(name: name, title: title, className: className, entries: entries, topBranches: branches, source: source)
    }

    init(name: String, title: String, className: String = "TTree", entries: Int, topBranches: [TBranch], source: ROOTByteSource) {
        self.name = name
        self.className = className
        self.title = title
        self.entries = entries
        self.topBranches = topBranches
        self.source = source
        var all: [TBranch] = []
        var paths: [String] = []
        var dotted: [String] = []
        func flatten(_ list: [TBranch], _ prefix: String, _ dottedPrefix: String) {
            for branch in list {
                all.append(branch)
                paths.append(prefix + branch.name)
                // ROOT names members of a branch `p` just `pt` (of `p.` it names them `p.pt`).
                let joined = branch.name.hasPrefix(dottedPrefix) ? branch.name : dottedPrefix + branch.name
                dotted.append(joined)
                flatten(branch.subBranches, prefix + branch.name + "/", joined.hasSuffix(".") ? joined : joined + ".")
            }
        }
        flatten(topBranches, "", "")
        branches = all
        branchPaths = paths
        var index: [String: Int] = [:]
        // Exact names first, then uproot's paths (`p/pt`), then dotted member names (`p.pt`).
        for (position, branch) in all.enumerated() where index[branch.name] == nil { index[branch.name] = position }
        for (position, path) in paths.enumerated() where index[path] == nil { index[path] = position }
        for (position, name) in dotted.enumerated() where index[name] == nil { index[name] = position }
        branchIndex = index
    }
}
