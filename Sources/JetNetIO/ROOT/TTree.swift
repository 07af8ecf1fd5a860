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
    /// The number of entries (`fEntries`).
    public let entries: Int
    /// The top-level branches, in file order.
    public let topBranches: [TBranch]
    let source: ROOTByteSource

    /// Every branch, split sub-branches included, in file order (depth first).
    public let branches: [TBranch]
    private let branchIndex: [String: Int]

    /// The branch with this name.
    ///
    /// - Throws: ``ROOTError/branchNotFound(name:tree:available:)``.
    public func branch(named branchName: String) throws -> TBranch {
        guard let index = branchIndex[branchName] else {
            throw ROOTError.branchNotFound(name: branchName, tree: name, available: branches.map(\.name))
        }
        return branches[index]
    }

    /// Parses a streamed `TTree` (the bytes of its key, uncompressed).
    static func parse(_ bytes: [UInt8], keyLength: Int, name: String, source: ROOTByteSource, fileCompression: ROOTCompression) throws -> TTree {
        var streamer = ROOTStreamer(ByteCursor(bytes, origin: keyLength), fileCompression: fileCompression)
        let (version, _) = try streamer.versionHeader()
        guard (16 ... 20).contains(version) else { throw ROOTError.unsupportedVersion(className: "TTree", version: version) }
        let (_, title) = try streamer.tNamed()
        try streamer.skipVersioned("TAttLine")
        try streamer.skipVersioned("TAttFill")
        try streamer.skipVersioned("TAttMarker")
        let entries = try streamer.cursor.int64AsInt()
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
        var branches: [TBranch] = []
        for item in try streamer.tObjArray() {
            if case let .branch(branch)? = item { branches.append(branch) }
        }
        guard entries >= 0, entries < 1 << 48 else { throw ROOTError.malformed("tree '\(name)' has \(entries) entries") }
        return TTree(name: name, title: title, entries: entries, topBranches: branches, source: source)
    }

    init(name: String, title: String, entries: Int, topBranches: [TBranch], source: ROOTByteSource) {
        self.name = name
        self.title = title
        self.entries = entries
        self.topBranches = topBranches
        self.source = source
        var all: [TBranch] = []
        func flatten(_ list: [TBranch]) {
            for branch in list {
                all.append(branch)
                flatten(branch.subBranches)
            }
        }
        flatten(topBranches)
        branches = all
        var index: [String: Int] = [:]
        for (position, branch) in all.enumerated() where index[branch.name] == nil { index[branch.name] = position }
        branchIndex = index
    }
}
