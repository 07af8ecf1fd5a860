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
        /// A variable-size array per entry: counted by another leaf (`x[n]`, `x[n][3]`), a
        /// pointer member of a split object (`Int_t* x; //[n]`), or a member of a split
        /// collection (`ps.pt` of a `std::vector<Particle>`).
        case leafCountArray(ROOTLeafType)
        /// A `std::vector<T>` per entry (a 10-byte header, then the values).
        case vector(ROOTLeafType)
        /// A `std::vector<std::vector<T>>` per entry (doubly jagged).
        case vectorOfVectors(ROOTLeafType)
        /// A split object or collection: its data are in its sub-branches (named as the class).
        case group(String)
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
    /// How values sit on disk (`Double32_t`, `Float16_t`), `.plain` for ordinary numbers.
    public let encoding: ROOTValueEncoding
    /// For `x[n][3]`-like arrays, the fixed dimensions of each item (`[3]`); else empty.
    public let innerShape: [Int]
    /// Bytes before each entry's values (1 for pointer members of split objects).
    let entryHeaderBytes: Int

    let basketSeeks: [Int]
    let basketBytes: [Int]
    /// First entry of each normal basket, plus the first entry after them.
    let basketEntryStarts: [Int]
    let embeddedBaskets: [TBasket]

    /// The type as uproot names it: `float`, `int32_t[10]`, `float[]`, `std::vector<float>`.
    public var typeName: String {
        let dims = { (shape: [Int]) in shape.map { "[\($0)]" }.joined() }
        switch layout {
        case let .scalar(type): return valueName(type)
        case let .fixedArray(type, shape): return valueName(type) + dims(shape)
        case let .leafCountArray(type): return valueName(type) + "[]" + dims(innerShape)
        case let .vector(type): return "std::vector<\(type.cName)>"
        case let .vectorOfVectors(type): return "std::vector<std::vector<\(type.cName)>>"
        case let .group(name): return name
        case let .object(layout): return layout.className
        case let .objectVector(layout): return "std::vector<\(layout.className)>"
        case .string: return "char*"
        case .stringVector: return "std::vector<std::string>"
        case let .unsupported(name): return name
        }
    }

    /// The name uproot gives one value: the C type, or `Double32_t`/`Float16_t` for packed
    /// values (a `Double32_t` without a range is a float on disk, which uproot calls `float`).
    private func valueName(_ type: ROOTLeafType) -> String {
        switch encoding {
        case .plain: type.cName
        case .floatAsDouble: "float"
        case let .packed(_, _, _, float16): float16 ? "Float16_t" : "Double32_t"
        case .truncated: type == .float32 ? "Float16_t" : "Double32_t"
        }
    }

    /// Bytes per value on disk.
    var storedValueSize: Int {
        switch layout {
        case let .scalar(type), let .fixedArray(type, _), let .leafCountArray(type), let .vector(type), let .vectorOfVectors(type):
            encoding.storedSize ?? type.size
        default: 0
        }
    }

    /// Whether entries hold a variable number of values (read with `readJagged`,
    /// `readJaggedObjects` or `readStringLists`).
    public var isJagged: Bool {
        switch layout {
        case .leafCountArray, .vector, .vectorOfVectors, .objectVector, .stringVector: true
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
    /// What a `TBranchElement` says about the data it streams.
    struct ElementInfo {
        /// The class holding the member, or the streamed class (`fClassName`).
        var className = ""
        /// The member's index in the class's streamer (`fID`); -1 or -2 for the whole object.
        var id = -1
        /// 0 or 2: member of an object; 31/41: member of a split collection; 3/4: collection.
        var type = 0
        /// The member's type code (`fStreamerType`).
        var streamerType = -1
    }

    /// Reads a streamed `TBranch`, `TBranchElement` or `TBranchObject`.
    static func read(_ streamer: inout ROOTStreamer, className: String, fileCompression: ROOTCompression) throws -> TBranch {
        guard className != "TBranch" else {
            let plain = try readPlain(&streamer, className: className, fileCompression: fileCompression)
            return plain.with(layout: layout(plain.leaves), streamers: streamer.streamers)
        }
        let (version, end) = try streamer.versionHeader()
        let plain = try readPlain(&streamer, className: className, fileCompression: fileCompression)
        var info = ElementInfo()
        info.className = try streamer.cursor.tString()
        if className == "TBranchElement" {
            _ = try streamer.cursor.tString()  // fParentName
            _ = try streamer.cursor.tString()  // fClonesName
            _ = try streamer.cursor.uint32()  // fCheckSum
            if version >= 10 { _ = try streamer.cursor.int16() } else { _ = try streamer.cursor.int32() }  // fClassVersion
            info.id = try streamer.cursor.int32AsInt()
            info.type = try streamer.cursor.int32AsInt()
            info.streamerType = try streamer.cursor.int32AsInt()
            _ = try streamer.cursor.int32()  // fMaximum
            _ = try streamer.readObjectAny()  // fBranchCount
            _ = try streamer.readObjectAny()  // fBranchCount2
        } else {
            info.streamerType = -1  // a TBranchObject streams the whole object
        }
        try streamer.finish(end, className)
        let branch = TBranch(
            name: plain.name, title: plain.title, className: className, elementClassName: info.className,
            leaves: plain.leaves, layout: plain.layout, entries: plain.entries, compression: plain.compression,
            subBranches: plain.subBranches, encoding: .plain, innerShape: [], entryHeaderBytes: 0,
            basketSeeks: plain.basketSeeks, basketBytes: plain.basketBytes,
            basketEntryStarts: plain.basketEntryStarts, embeddedBaskets: plain.embeddedBaskets)
        return branch.with(element: info, streamers: streamer.streamers)
    }

    private static func readPlain(_ streamer: inout ROOTStreamer, className: String, fileCompression: ROOTCompression) throws -> TBranch {
        let (version, end) = try streamer.versionHeader()
        guard version == 8 || (10 ... 13).contains(version) else { throw ROOTError.unsupportedVersion(className: "TBranch", version: version) }
        // Version 8 (ROOT 3-4) stores counts as 32-bit integers or doubles.
        let old = version == 8
        let (name, title) = try streamer.tNamed()
        try streamer.skipVersioned("TAttFill")
        let compress = try streamer.cursor.int32AsInt()
        _ = try streamer.cursor.int32()  // fBasketSize
        _ = try streamer.cursor.int32()  // fEntryOffsetLen
        let writeBasket = try streamer.cursor.int32AsInt()
        if old { _ = try streamer.cursor.int32() } else { _ = try streamer.cursor.int64() }  // fEntryNumber
        if version >= 13 { try streamer.skipVersioned("TIOFeatures") }
        _ = try streamer.cursor.int32()  // fOffset
        let maxBaskets = try streamer.cursor.int32AsInt()
        _ = try streamer.cursor.int32()  // fSplitLevel
        let entries: Int
        if old {
            let stored = try streamer.cursor.float64()
            guard stored >= 0, stored < Double(1 << 48), stored == stored.rounded() else { throw ROOTError.malformed("branch '\(name)' has \(stored) entries") }
            entries = Int(stored)
            try streamer.cursor.skip(16)  // fTotBytes, fZipBytes
        } else {
            entries = try streamer.cursor.int64AsInt()
            if version >= 11 { _ = try streamer.cursor.int64() }  // fFirstEntry
            try streamer.cursor.skip(16)  // fTotBytes, fZipBytes
        }
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
        guard maxBaskets >= 0, maxBaskets <= streamer.cursor.remaining / (old ? 12 : 20), entries >= 0, entries < 1 << 48 else {
            throw ROOTError.malformed("branch '\(name)' claims \(maxBaskets) baskets and \(entries) entries")
        }
        try streamer.cursor.skip(1)
        var bytes = [Int]()
        for _ in 0 ..< maxBaskets { bytes.append(try streamer.cursor.int32AsInt()) }
        try streamer.cursor.skip(1)
        var starts = [Int]()
        for _ in 0 ..< maxBaskets { starts.append(old ? try streamer.cursor.int32AsInt() : try streamer.cursor.int64AsInt()) }
        try streamer.cursor.skip(1)
        var seeks = [Int]()
        for _ in 0 ..< maxBaskets { seeks.append(old ? try streamer.cursor.int32AsInt() : try streamer.cursor.int64AsInt()) }
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
        // Baskets that hold fewer entries than fEntries are not damage by themselves (split
        // objects keep their data in sub-branches); reading such entries fails with the reason.
        return TBranch(
            name: name, title: title, className: className, elementClassName: "", leaves: leaves,
            layout: .unsupported(className), entries: entries,
            compression: compress < 0 ? fileCompression : ROOTCompression(code: compress),
            subBranches: subBranches, encoding: .plain, innerShape: [], entryHeaderBytes: 0,
            basketSeeks: Array(seeks.prefix(normal)), basketBytes: Array(bytes.prefix(normal)),
            basketEntryStarts: entryStarts, embeddedBaskets: embedded)
    }

    /// A copy with another layout and value description.
    func with(layout: Layout, encoding: ROOTValueEncoding = .plain, innerShape: [Int] = [], entryHeaderBytes: Int = 0) -> TBranch {
        TBranch(name: name, title: title, className: className, elementClassName: elementClassName, leaves: leaves,
                layout: layout, entries: entries, compression: compression, subBranches: subBranches,
                encoding: encoding, innerShape: innerShape, entryHeaderBytes: entryHeaderBytes,
                basketSeeks: basketSeeks, basketBytes: basketBytes, basketEntryStarts: basketEntryStarts,
                embeddedBaskets: embeddedBaskets)
    }

    /// A plain `TBranch`: the layout its one leaf gives (with `Double32_t`/`Float16_t` leaves'
    /// ranges and `x[n][3]`'s inner dimensions).
    func with(layout: Layout, streamers: ROOTStreamerInfos) -> TBranch {
        guard leaves.count == 1, let leaf = leaves.first else { return with(layout: layout) }
        let encoding: ROOTValueEncoding = switch leaf.className {
        case "TLeafD32": .truncatedReal(title: leaf.title, float16: false)
        case "TLeafF16": .truncatedReal(title: leaf.title, float16: true)
        default: .plain
        }
        if case .leafCountArray = layout {
            // `x[n][3]/F`: the dimensions after the counted one.
            return with(layout: layout, encoding: encoding, innerShape: leaf.countedInnerShape)
        }
        return with(layout: layout, encoding: encoding)
    }

    /// A `TBranchElement`: the layout its streamed class or member gives.
    func with(element info: ElementInfo, streamers: ROOTStreamerInfos) -> TBranch {
        let member = info.id >= 0 ? streamers.element(of: info.className, id: info.id) : nil
        if !subBranches.isEmpty {
            return with(layout: .group(info.id >= 0 ? Self.cppName(member?.typeName ?? info.className) : info.className))
        }
        let code = info.streamerType
        func encoding(_ basic: Int) -> ROOTValueEncoding {
            switch basic {
            case 9: .truncatedReal(title: member?.title ?? "", float16: false)
            case 19: .truncatedReal(title: member?.title ?? "", float16: true)
            default: .plain
            }
        }
        let dims = member?.dimensions.isEmpty == false ? member!.dimensions : [leaves.first?.length ?? 1]
        if info.type == 31 || info.type == 41 {
            // A member of a split collection: each entry holds one value (or array) per item.
            if let type = ROOTLeafType(code: code % 20), (1 ... 39).contains(code), code != 7, code != 27 {
                return with(layout: .leafCountArray(type), encoding: encoding(code % 20), innerShape: code > 20 ? dims : [])
            }
            return with(layout: .unsupported(Self.cppName(member?.typeName ?? elementClassName) + "[]"))
        }
        if info.id >= 0 {
            switch code {
            case 1 ... 19 where code != 7:
                if let type = ROOTLeafType(code: code) { return with(layout: .scalar(type), encoding: encoding(code)) }
            case 21 ... 39 where code != 27:
                if let type = ROOTLeafType(code: code - 20) { return with(layout: .fixedArray(type, shape: dims), encoding: encoding(code - 20)) }
            case 41 ... 59 where code != 47:
                if let type = ROOTLeafType(code: code - 40) {
                    return with(layout: .leafCountArray(type), encoding: encoding(code - 40), entryHeaderBytes: 1)
                }
            default:
                break
            }
            if let member, let layout = Self.containerLayout(member.typeName) { return with(layout: layout) }
            return with(layout: .unsupported(Self.cppName(member?.typeName ?? "member \(info.id) of \(info.className)")))
        }
        if let layout = Self.containerLayout(info.className) { return with(layout: layout) }
        // A TBranchObject streams its object with a different header: not decoded.
        if code == -1, className != "TBranchObject", let object = ROOTObjectLayout(className: info.className) {
            return with(layout: .object(object))
        }
        return with(layout: .unsupported(Self.cppName(info.className)))
    }

    /// The layout of a streamed `std::vector` (of numbers, vectors of numbers, strings or known
    /// objects), or nil for other classes.
    static func containerLayout(_ className: String) -> Layout? {
        guard let inner = vectorElement(className) else { return nil }
        if let type = ROOTLeafType(cppName: inner) { return .vector(type) }
        if let innermost = vectorElement(inner), let type = ROOTLeafType(cppName: innermost) { return .vectorOfVectors(type) }
        if inner == "string" || inner == "std::string" { return .stringVector }
        if let object = ROOTObjectLayout(className: inner) { return .objectVector(object) }
        return .unsupported("std::vector<\(cppName(inner))>")
    }

    /// ROOT's spelling of a class as uproot prints it (`vector<int>` as `std::vector<int32_t>`).
    static func cppName(_ name: String) -> String {
        if let inner = vectorElement(name) { return "std::vector<\(cppName(inner))>" }
        if let type = ROOTLeafType(cppName: name) { return type.cName }
        return name
    }

    /// Decides how entries are laid out from the leaves of a plain `TBranch`.
    static func layout(_ leaves: [TLeaf]) -> Layout {
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
