/// The class descriptions a ROOT file carries (its `StreamerInfo` record): for each class,
/// its members in streaming order with their type codes, C++ type names and titles.
///
/// The reader needs them only for members of split objects whose branch does not say enough:
/// a `std::vector` member's element type and a `Double32_t`/`Float16_t` member's range (kept in
/// the member's comment, e.g. `"[0,100,16]"`).
struct ROOTStreamerInfos: Sendable {
    /// One member of a class (`TStreamerElement`).
    struct Element: Sendable, Equatable {
        /// The member's name (`"fX"`).
        let name: String
        /// Its comment, which holds `Double32_t`/`Float16_t` ranges.
        let title: String
        /// ROOT's type code (`EReadWrite`: 5 float, 9 Double32_t, +20 fixed array, 300 STL…).
        let type: Int
        /// The C++ type (`"vector<float>"`, `"Double32_t"`).
        let typeName: String
        /// The fixed array dimensions (`[2, 3]` for `x[2][3]`), empty for scalars.
        let dimensions: [Int]
    }

    /// Members of each class by class name (the highest version the file describes).
    let classes: [String: [Element]]

    static let empty = ROOTStreamerInfos(classes: [:])

    /// Reads the `TList` of `TStreamerInfo` at `seek` (stored under a key).
    ///
    /// A list this reader cannot follow yields no classes: the members that need it are then
    /// listed as not decoded instead of the whole file failing.
    static func read(from source: ROOTByteSource, seek: Int, bytes: Int, fileCompression: ROOTCompression) -> ROOTStreamerInfos {
        guard seek > 0, bytes > 0,
              let keyBytes = try? source.read(at: seek, count: min(bytes, source.size - seek), what: "the streamer list") else { return .empty }
        var keyCursor = ByteCursor(keyBytes)
        guard let key = try? TKey.parse(&keyCursor), let object = try? key.readObject(from: source) else { return .empty }
        var streamer = ROOTStreamer(ByteCursor(object, origin: key.keyLength), fileCompression: fileCompression)
        guard let items = try? streamer.tList() else { return .empty }
        var classes: [String: [Element]] = [:]
        for case let .streamerInfo(name, elements)? in items where classes[name] == nil {
            classes[name] = elements
        }
        return ROOTStreamerInfos(classes: classes)
    }

    /// The member `id` (`fID`) of `className`, when described.
    func element(of className: String, id: Int) -> Element? {
        guard let members = classes[className], id >= 0, id < members.count else { return nil }
        return members[id]
    }
}

extension ROOTStreamer {
    /// Reads a `TList`: its objects (each followed by an option string).
    mutating func tList() throws -> [StreamedObject?] {
        let (_, end) = try versionHeader()
        try tObject()
        _ = try cursor.tString()  // fName
        let count = try cursor.int32AsInt()
        guard count >= 0, count <= cursor.remaining / 5 else { throw ROOTError.malformed("list claims \(count) objects") }
        var items: [StreamedObject?] = []
        for _ in 0 ..< count {
            items.append(try readObjectAny())
            var length = Int(try cursor.uint8())
            if length == 255 { length = try cursor.int32AsInt() }
            try cursor.skip(length)
        }
        try finish(end, "TList")
        return items
    }

    /// Reads a `TStreamerInfo`: the class name and its members.
    mutating func streamerInfo() throws -> StreamedObject {
        let (_, end) = try versionHeader()
        let (name, _) = try tNamed()
        _ = try cursor.uint32()  // fCheckSum
        _ = try cursor.int32()  // fClassVersion
        var elements: [ROOTStreamerInfos.Element] = []
        if case let .array(items)? = try readObjectAny() {
            for case let .element(element)? in items { elements.append(element) }
        }
        try finish(end, "TStreamerInfo")
        return .streamerInfo(name, elements)
    }

    /// Reads any `TStreamerElement` subclass: its `TStreamerElement` base (the rest is skipped by
    /// the caller through the byte count).
    mutating func streamerElement(_ className: String) throws -> StreamedObject {
        _ = try versionHeader()
        // TStreamerSTLstring derives from TStreamerSTL: one more header.
        if className == "TStreamerSTLstring" { _ = try versionHeader() }
        let (version, end) = try versionHeader()
        let (name, title) = try tNamed()
        var type = try cursor.int32AsInt()
        _ = try cursor.int32()  // fSize
        _ = try cursor.int32()  // fArrayLength
        let dimensionCount = try cursor.int32AsInt()
        var maxIndex: [Int] = []
        let stored = version == 1 ? try cursor.int32AsInt() : 5
        guard stored >= 0, stored <= 5 else { throw ROOTError.malformed("streamer element '\(name)' has \(stored) dimensions") }
        for _ in 0 ..< stored { maxIndex.append(try cursor.int32AsInt()) }
        let typeName = try cursor.tString()
        if type == 11, typeName == "Bool_t" || typeName == "bool" { type = 18 }
        try finish(end, "TStreamerElement")
        let dimensions = Array(maxIndex.prefix(max(0, min(dimensionCount, maxIndex.count))))
        return .element(ROOTStreamerInfos.Element(name: name, title: title, type: type, typeName: typeName, dimensions: dimensions))
    }
}
