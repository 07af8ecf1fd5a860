/// Reads ROOT's streamed objects (`TBufferFile`): version headers with byte counts, `TObject`,
/// `TNamed`, `TObjArray` and `ReadObjectAny`'s class/object references.
///
/// Only what a TTree reader needs is decoded (branches, leaves, embedded baskets); anything
/// else is skipped by its byte count.
struct ROOTStreamer {
    static let byteCountMask: UInt32 = 0x4000_0000
    static let classMask: UInt32 = 0x8000_0000
    static let newClassTag: UInt32 = 0xFFFF_FFFF
    static let mapOffset = 2

    /// What a `ReadObjectAny` produced.
    enum StreamedObject {
        case branch(TBranch)
        case leaf(TLeaf)
        case basket(EmbeddedBasket)
        case streamerInfo(String, [ROOTStreamerInfos.Element])
        case element(ROOTStreamerInfos.Element)
        case array([StreamedObject?])
        case reference
        case other(String)
    }

    /// A reference-map entry: a class (by name) or an already-read object.
    private enum Reference {
        case className(String)
        case object
    }

    var cursor: ByteCursor
    /// The file's compression, for branches that inherit it.
    let fileCompression: ROOTCompression
    /// The file's class descriptions, for members of split objects.
    var streamers: ROOTStreamerInfos = .empty
    private var references: [Int: Reference] = [:]
    private var depth = 0

    init(_ cursor: ByteCursor, fileCompression: ROOTCompression) {
        self.cursor = cursor
        self.fileCompression = fileCompression
    }

    /// Reads a version header; `end` is where the object ends when a byte count is present.
    mutating func versionHeader() throws -> (version: Int, end: Int?) {
        try cursor.require(4, "a version header")
        var peek = cursor
        let raw = try peek.uint32()
        if raw & Self.byteCountMask != 0 {
            let count = Int(raw & ~Self.byteCountMask)
            let end = cursor.position + 4 + count
            guard end <= cursor.bytes.count else {
                throw ROOTError.truncated(what: "a streamed object", offset: cursor.position, needed: count + 4, available: cursor.remaining)
            }
            cursor = peek
            return (Int(try cursor.int16()), end)
        }
        return (Int(try cursor.int16()), nil)
    }

    /// Moves to the end of an object (when known), refusing to move backwards.
    mutating func finish(_ end: Int?, _ what: String) throws {
        guard let end else { return }
        guard end >= cursor.position else { throw ROOTError.malformed("\(what) is longer than its byte count") }
        try cursor.seek(to: end)
    }

    /// Skips a versioned object with a byte count (TAttLine, TIOFeatures…).
    mutating func skipVersioned(_ what: String) throws {
        let (_, end) = try versionHeader()
        guard let end else { throw ROOTError.malformed("\(what) has no byte count to skip it by") }
        try cursor.seek(to: end)
    }

    mutating func tObject() throws {
        let version = try cursor.int16()
        if UInt16(bitPattern: version) & 0x4000 != 0 { try cursor.skip(4) }
        _ = try cursor.uint32()  // fUniqueID
        let bits = try cursor.uint32()
        if bits & 0x10 != 0 { try cursor.skip(2) }  // kIsReferenced: process id
    }

    /// Reads a `TNamed` and returns (name, title).
    mutating func tNamed() throws -> (name: String, title: String) {
        let (_, end) = try versionHeader()
        try tObject()
        let name = try cursor.tString()
        let title = try cursor.tString()
        try finish(end, "TNamed")
        return (name, title)
    }

    /// Reads a `TObjArray`'s elements.
    mutating func tObjArray() throws -> [StreamedObject?] {
        let (_, end) = try versionHeader()
        try tObject()
        _ = try cursor.tString()  // fName
        let size = try cursor.int32AsInt()
        _ = try cursor.int32()  // fLowerBound
        guard size >= 0, size <= cursor.remaining / 4 else { throw ROOTError.malformed("object array claims \(size) elements") }
        var items: [StreamedObject?] = []
        items.reserveCapacity(size)
        for _ in 0 ..< size { items.append(try readObjectAny()) }
        try finish(end, "TObjArray")
        return items
    }

    /// ROOT's `ReadObjectAny`: a null, a reference to an object already read, or a new object
    /// (of a new class, or of a class named earlier).
    mutating func readObjectAny() throws -> StreamedObject? {
        depth += 1
        defer { depth -= 1 }
        guard depth < 48 else { throw ROOTError.malformed("objects nest too deep") }
        let begin = cursor.displacement
        let beginPosition = cursor.position
        let first = try cursor.uint32()
        var tag = first
        var start = 0
        var end: Int?
        let hasByteCount = first & Self.byteCountMask != 0 && first != Self.newClassTag
        if hasByteCount {
            start = cursor.displacement
            end = beginPosition + 4 + Int(first & ~Self.byteCountMask)
            guard end! <= cursor.bytes.count else {
                throw ROOTError.truncated(what: "a streamed object", offset: beginPosition, needed: end! - beginPosition, available: cursor.bytes.count - beginPosition)
            }
            tag = try cursor.uint32()
        }
        if tag & Self.classMask == 0 {
            if tag == 0 { return nil }
            if let end { try cursor.seek(to: end) }
            return .reference
        }
        let className: String
        if tag == Self.newClassTag {
            className = try cursor.cString()
            references[hasByteCount ? start + Self.mapOffset : references.count + 1] = .className(className)
        } else {
            let reference = Int(tag & ~Self.classMask)
            guard case let .className(name)? = references[reference] else {
                throw ROOTError.malformed("class reference \(reference) points at nothing")
            }
            className = name
        }
        let object = try readObject(className: className, end: end)
        references[hasByteCount ? begin + Self.mapOffset : references.count + 1] = .object
        if let end {
            guard cursor.position <= end else { throw ROOTError.malformed("\(className) is longer than its byte count") }
            try cursor.seek(to: end)
        }
        return object
    }

    private mutating func readObject(className: String, end: Int?) throws -> StreamedObject {
        switch className {
        case "TBranch", "TBranchElement", "TBranchObject":
            return .branch(try TBranch.read(&self, className: className, fileCompression: fileCompression))
        case "TBasket":
            return try EmbeddedBasket.read(&self).map(StreamedObject.basket) ?? .other(className)
        case _ where className.hasPrefix("TLeaf"):
            return .leaf(try TLeaf.read(&self, className: className))
        case "TStreamerInfo":
            return try streamerInfo()
        case "TObjArray":
            return .array(try tObjArray())
        case _ where className.hasPrefix("TStreamer"):
            return try streamerElement(className)
        default:
            guard let end else { throw ROOTError.malformed("cannot skip an object of class \(className) without a byte count") }
            try cursor.seek(to: end)
            return .other(className)
        }
    }
}
