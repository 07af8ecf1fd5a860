/// A ROOT `TLeaf` (one column of a branch): its class, name, length and count leaf.
public struct TLeaf: Sendable, Equatable {
    /// The leaf class (`TLeafF`, `TLeafI`, `TLeafElement`…).
    public let className: String
    /// The leaf's name.
    public let name: String
    /// The leaf's title, e.g. `"Jet_Px[NJet]/F"` or `"ArrayInt32[10]/I"`.
    public let title: String
    /// Values per entry for fixed-size arrays (`fLen`).
    public let length: Int
    /// Bytes per value (`fLenType`).
    public let lengthType: Int
    /// Whether the values are unsigned.
    public let isUnsigned: Bool
    /// Whether another leaf counts the values per entry (`x[n]`).
    public let hasLeafCount: Bool
    /// The element type code of a `TLeafElement` (ROOT's `EDataType`), else 0.
    public let elementType: Int

    /// The numeric type, when the leaf holds plain numbers.
    public var type: ROOTLeafType? { ROOTLeafType(leafClass: className, unsigned: isUnsigned) }

    /// The fixed dimensions written in the title (`"x[3][4]/F"` gives `[3, 4]`), falling back
    /// to `[length]`.
    public var fixedShape: [Int] {
        var dims: [Int] = []
        var rest = Substring(title.split(separator: "/").first ?? "")
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            if let value = Int(rest[rest.index(after: open) ..< close]), value >= 0, value < 1 << 31 { dims.append(value) }
            rest = rest[rest.index(after: close)...]
        }
        var product = 1
        for dim in dims {
            let (next, overflow) = product.multipliedReportingOverflow(by: dim)
            if overflow || dim < 0 { return [length] }
            product = next
        }
        return product == length && !dims.isEmpty ? dims : [length]
    }

    /// The fixed dimensions after the counted one of a leaf-count array (`"x[n][3]/F"` gives
    /// `[3]`), as uproot takes the integer dimensions of the title.
    var countedInnerShape: [Int] {
        var dims: [Int] = []
        var rest = Substring(title.split(separator: "/").first ?? "")
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            if let value = Int(rest[rest.index(after: open) ..< close]), value > 0, value < 1 << 31 { dims.append(value) }
            rest = rest[rest.index(after: close)...]
        }
        return dims.reduce(1, { $0.multipliedReportingOverflow(by: $1).partialValue }) == length ? dims : (length > 1 ? [length] : [])
    }

    static func read(_ streamer: inout ROOTStreamer, className: String) throws -> TLeaf {
        let (_, end) = try streamer.versionHeader()
        // The TLeaf base class.
        let (_, baseEnd) = try streamer.versionHeader()
        let (name, title) = try streamer.tNamed()
        let length = try streamer.cursor.int32AsInt()
        let lengthType = try streamer.cursor.int32AsInt()
        _ = try streamer.cursor.int32()  // fOffset
        _ = try streamer.cursor.uint8()  // fIsRange
        let isUnsigned = try streamer.cursor.uint8() != 0
        let leafCount = try streamer.readObjectAny()
        try streamer.finish(baseEnd, "TLeaf")
        var elementType = 0
        if className == "TLeafElement" {
            _ = try streamer.cursor.int32()  // fID
            elementType = try streamer.cursor.int32AsInt()
        }
        try streamer.finish(end, className)
        // TLeafElements of some collections store negative lengths (KM3NeT files): not damage.
        return TLeaf(className: className, name: name, title: title, length: max(0, length), lengthType: max(0, lengthType),
                     isUnsigned: isUnsigned, hasLeafCount: leafCount != nil, elementType: elementType)
    }
}
