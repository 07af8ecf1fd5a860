import Foundation

/// A ROOT `TBranch` (or `TBranchElement`): one column of a tree, its type and where its
/// baskets are.
public struct TBranch: Sendable {
    /// How the branch's entries are laid out, which decides how it is read.
    public enum Layout: Sendable, Equatable {
        /// One number per entry.
        case scalar(ROOTLeafType)
        /// A fixed-size array per entry (`x[10]`, `x[3][4]`), with its dimensions.
        case fixedArray(ROOTLeafType, shape: [Int])
        /// A variable-size array whose length is another leaf (`x[n]`).
        case leafCountArray(ROOTLeafType)
        /// A `std::vector<T>` per entry (a 10-byte header, then the values).
        case vector(ROOTLeafType)
        /// One streamed object per entry (`TVector2`, `TVector3`, `TLorentzVector`).
        case object(ROOTObjectLayout)
        /// A `std::vector` of streamed objects per entry (`std::vector<TLorentzVector>`).
        case objectVector(ROOTObjectLayout)
        /// A C string per entry (`char*`, a `TLeafC` leaf).
        case string
        /// A `std::vector<std::string>` per entry.
        case stringVector
        /// Something this reader does not decode, named as ROOT names it.
        case unsupported(String)
    }

    /// The branch's name.
    public let name: String
    /// The branch's title (for simple branches the leaf list, e.g. `"Jet_Px[NJet]/F"`).
    public let title: String
    /// `TBranch`, `TBranchElement` or `TBranchObject`.
    public let className: String
    /// The streamed class of a `TBranchElement` (`vector<float>`), else `""`.
    public let elementClassName: String
    /// The leaves (usually one).
    public let leaves: [TLeaf]
    /// The entry layout.
    public let layout: Layout
    /// Entries in the branch (`fEntries`).
    public let entries: Int
    /// The branch's compression setting (the file's, when the branch inherits it).
    public let compression: ROOTCompression
    /// The branches split out of this one (for split objects).
    public let subBranches: [TBranch]

    let basketSeeks: [Int]
    let basketBytes: [Int]
    /// First entry of each normal basket, plus the first entry after them.
    let basketEntryStarts: [Int]
    let embeddedBaskets: [TBasket]

    /// The type as uproot names it: `float`, `int32_t[10]`, `float[]`, `std::vector<float>`.
    public var typeName: String {
        switch layout {
        case let .scalar(type): type.cName
        case let .fixedArray(type, shape): type.cName + shape.map { "[\($0)]" }.joined()
        case let .leafCountArray(type): type.cName + "[]"
        case let .vector(type): "std::vector<\(type.cName)>"
        case let .object(layout): layout.className
        case let .objectVector(layout): "std::vector<\(layout.className)>"
        case .string: "char*"
        case .stringVector: "std::vector<std::string>"
        case let .unsupported(name): name
        }
    }

    /// Whether entries hold a variable number of values (read with `readJagged`,
    /// `readJaggedObjects` or `readStringLists`).
    public var isJagged: Bool {
        switch layout {
        case .leafCountArray, .vector, .objectVector, .stringVector: true
        default: false
        }
    }

    /// Number of baskets (written ones, then embedded ones).
    public var basketCount: Int { basketSeeks.count + embeddedBaskets.count }

    /// The entry range of basket `index`.
    func basketEntries(_ index: Int) -> Range<Int> {
        if index < basketSeeks.count { return basketEntryStarts[index] ..< basketEntryStarts[index + 1] }
        var start = basketEntryStarts.last ?? 0
        for basket in embeddedBaskets[0 ..< (index - basketSeeks.count)] { start += basket.entryCount }
        return start ..< start + embeddedBaskets[index - basketSeeks.count].entryCount
    }

    /// Loads basket `index` (from the file, or the copy embedded in the branch).
    func basket(_ index: Int, from source: ROOTByteSource) throws -> TBasket {
        if index < basketSeeks.count {
            return try TBasket.read(from: source, seek: basketSeeks[index], bytes: basketBytes[index], branch: name)
        }
        return embeddedBaskets[index - basketSeeks.count]
    }
}

extension TBranch {
    /// Reads a streamed `TBranch`, `TBranchElement` or `TBranchObject`.
    static func read(_ streamer: inout ROOTStreamer, className: String, fileCompression: ROOTCompression) throws -> TBranch {
        guard className != "TBranch" else { return try readPlain(&streamer, className: className, elementClass: "", fileCompression: fileCompression) }
        let (version, end) = try streamer.versionHeader()
        var branch = try readPlain(&streamer, className: className, elementClass: "", fileCompression: fileCompression)
        let elementClass = try streamer.cursor.tString()
        var streamsWholeObject = false
        if className == "TBranchElement" {
            _ = try streamer.cursor.tString()  // fParentName
            _ = try streamer.cursor.tString()  // fClonesName
            _ = try streamer.cursor.uint32()  // fCheckSum
            if version >= 10 { _ = try streamer.cursor.int16() } else { _ = try streamer.cursor.int32() }  // fClassVersion
            _ = try streamer.cursor.int32()  // fID
            _ = try streamer.cursor.int32()  // fType
            // -1 when the entry is the whole object (not one member of a split object).
            streamsWholeObject = try streamer.cursor.int32() == -1  // fStreamerType
            _ = try streamer.cursor.int32()  // fMaximum
            _ = try streamer.readObjectAny()  // fBranchCount
            _ = try streamer.readObjectAny()  // fBranchCount2
        }
        try streamer.finish(end, className)
        branch = TBranch(
            name: branch.name, title: branch.title, className: className, elementClassName: elementClass,
            leaves: branch.leaves,
            layout: layout(leaves: branch.leaves, elementClass: elementClass, hasSubBranches: !branch.subBranches.isEmpty,
                           streamsWholeObject: streamsWholeObject || className == "TBranchObject"),
            entries: branch.entries, compression: branch.compression, subBranches: branch.subBranches,
            basketSeeks: branch.basketSeeks, basketBytes: branch.basketBytes,
            basketEntryStarts: branch.basketEntryStarts, embeddedBaskets: branch.embeddedBaskets)
        return branch
    }

    private static func readPlain(_ streamer: inout ROOTStreamer, className: String, elementClass: String, fileCompression: ROOTCompression) throws -> TBranch {
        let (version, end) = try streamer.versionHeader()
        guard (10 ... 13).contains(version) else { throw ROOTError.unsupportedVersion(className: "TBranch", version: version) }
        let (name, title) = try streamer.tNamed()
        try streamer.skipVersioned("TAttFill")
        let compress = try streamer.cursor.int32AsInt()
        _ = try streamer.cursor.int32()  // fBasketSize
        _ = try streamer.cursor.int32()  // fEntryOffsetLen
        let writeBasket = try streamer.cursor.int32AsInt()
        _ = try streamer.cursor.int64()  // fEntryNumber
        if version >= 13 { try streamer.skipVersioned("TIOFeatures") }
        _ = try streamer.cursor.int32()  // fOffset
        let maxBaskets = try streamer.cursor.int32AsInt()
        _ = try streamer.cursor.int32()  // fSplitLevel
        let entries = try streamer.cursor.int64AsInt()
        if version >= 11 { _ = try streamer.cursor.int64() }  // fFirstEntry
        _ = try streamer.cursor.int64()  // fTotBytes
        _ = try streamer.cursor.int64()  // fZipBytes
        var subBranches: [TBranch] = []
        for item in try streamer.tObjArray() {
            if case let .branch(child)? = item { subBranches.append(child) }
        }
        var leaves: [TLeaf] = []
        for item in try streamer.tObjArray() {
            if case let .leaf(leaf)? = item { leaves.append(leaf) }
        }
        var embedded: [TBasket] = []
        for item in try streamer.tObjArray() {
            if case let .basket(basket)? = item { embedded.append(basket.basket) }
        }
        guard maxBaskets >= 0, maxBaskets <= streamer.cursor.remaining / 20, entries >= 0, entries < 1 << 48 else {
            throw ROOTError.malformed("branch '\(name)' claims \(maxBaskets) baskets and \(entries) entries")
        }
        try streamer.cursor.skip(1)
        var bytes = [Int]()
        for _ in 0 ..< maxBaskets { bytes.append(try streamer.cursor.int32AsInt()) }
        try streamer.cursor.skip(1)
        var starts = [Int]()
        for _ in 0 ..< maxBaskets { starts.append(try streamer.cursor.int64AsInt()) }
        try streamer.cursor.skip(1)
        var seeks = [Int]()
        for _ in 0 ..< maxBaskets { seeks.append(try streamer.cursor.int64AsInt()) }
        try streamer.finish(end, "TBranch")

        // As uproot: the written baskets are those before fWriteBasket with a non-zero seek.
        var normal = 0
        while normal < seeks.count, normal != writeBasket, seeks[normal] != 0 { normal += 1 }
        var entryStarts = Array(starts.prefix(normal + 1))
        if entryStarts.count == normal { entryStarts.append(entries) }  // ROOT may omit the last start
        if normal == 0 { entryStarts = [0] }
        guard entryStarts.first == 0 else { throw ROOTError.malformed("branch '\(name)' starts its first basket at entry \(entryStarts[0])") }
        var previous = 0
        for (index, start) in entryStarts.enumerated() {
            guard start >= previous, start < 1 << 48, index < normal ? bytes[index] >= 0 && seeks[index] >= 0 : true else {
                throw ROOTError.malformed("branch '\(name)' has basket entries out of order")
            }
            previous = start
        }
        let embeddedEntries = embedded.reduce(0) { $0 + $1.entryCount }
        guard entryStarts.last! + embeddedEntries >= entries else {
            throw ROOTError.malformed("branch '\(name)' has \(entries) entries but its baskets hold \(entryStarts.last! + embeddedEntries)")
        }
        let leafLayout = layout(leaves: leaves, elementClass: elementClass, hasSubBranches: !subBranches.isEmpty)
        return TBranch(
            name: name, title: title, className: className, elementClassName: elementClass, leaves: leaves,
            layout: leafLayout, entries: entries,
            compression: compress < 0 ? fileCompression : ROOTCompression(code: compress),
            subBranches: subBranches, basketSeeks: Array(seeks.prefix(normal)), basketBytes: Array(bytes.prefix(normal)),
            basketEntryStarts: entryStarts, embeddedBaskets: embedded)
    }

    /// Decides how entries are laid out from the leaves and the streamed class.
    static func layout(leaves: [TLeaf], elementClass: String, hasSubBranches: Bool, streamsWholeObject: Bool = false) -> Layout {
        if !elementClass.isEmpty {
            guard !hasSubBranches else { return .unsupported(elementClass) }
            if let inner = vectorElement(elementClass) {
                if let type = ROOTLeafType(cppName: inner) { return .vector(type) }
                if inner == "string" || inner == "std::string" { return .stringVector }
                if let object = ROOTObjectLayout(className: inner) { return .objectVector(object) }
                return .unsupported("std::vector<\(inner)>")
            }
            if streamsWholeObject, let object = ROOTObjectLayout(className: elementClass) { return .object(object) }
            return .unsupported(elementClass)
        }
        guard leaves.count == 1, let leaf = leaves.first else {
            return .unsupported(leaves.isEmpty ? "(no leaves)" : "leaf list " + leaves.map(\.name).joined(separator: ":"))
        }
        guard let type = leaf.type else {
            return leaf.className == "TLeafC" ? .string : .unsupported(leaf.className)
        }
        if leaf.hasLeafCount { return .leafCountArray(type) }
        if leaf.length > 1 { return .fixedArray(type, shape: leaf.fixedShape) }
        return .scalar(type)
    }

    /// `"vector<float>"` and `"vector<float,ROOT::Detail::VecOps::RAdoptAllocator<float> >"`
    /// hold `"float"`.
    static func vectorElement(_ className: String) -> String? {
        for prefix in ["vector<", "std::vector<", "ROOT::VecOps::RVec<", "ROOT::RVec<"] where className.hasPrefix(prefix) {
            var inner = className.dropFirst(prefix.count)
            if inner.hasSuffix(">") { inner = inner.dropLast() }
            var depth = 0
            var end = inner.endIndex
            for index in inner.indices {
                switch inner[index] {
                case "<": depth += 1
                case ">": depth -= 1
                case "," where depth == 0: end = index
                default: continue
                }
                if end != inner.endIndex { break }
            }
            return String(inner[..<end]).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
