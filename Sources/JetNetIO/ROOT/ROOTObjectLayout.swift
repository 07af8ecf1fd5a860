import JetNetCore

/// The fixed byte layout of a streamed ROOT object whose members are all numbers
/// (`TVector2`, `TVector3`, `TLorentzVector`), as uproot's `AsStridedObjects` reads it.
///
/// Each object (and each object member inside it) is streamed as a byte count and version
/// (6 bytes), its `TObject` base (version, `fUniqueID`, `fBits`: 10 bytes), then its members.
/// A `TLorentzVector` is therefore 64 bytes: its header and `TObject`, the 40-byte `TVector3`
/// `fP`, then `fE`. The layouts come from a table of known classes (the classes with a fixed
/// size that physics trees store); every object read is checked against its layout's headers.
public struct ROOTObjectLayout: Sendable, Equatable {
    /// One number inside the object.
    public struct Field: Sendable, Equatable {
        /// The member's path, nested members joined by dots (`"fP.fX"`), as uproot's record fields.
        public let name: String
        /// The member's type on disk.
        public let type: ROOTLeafType
        /// Its offset from the start of the object.
        let offset: Int
    }

    /// A byte count and version header the object holds at `offset`.
    struct Header: Sendable, Equatable {
        let offset: Int
        let byteCount: Int
        let version: Int
        let className: String
    }

    /// The class name (`"TLorentzVector"`).
    public let className: String
    /// The numbers of one object, in streaming order: `fX, fY` for `TVector2`, `fX, fY, fZ`
    /// for `TVector3`, `fP.fX, fP.fY, fP.fZ, fE` (px, py, pz, E) for `TLorentzVector`.
    public let fields: [Field]
    /// Bytes per object on disk.
    public let byteSize: Int
    let headers: [Header]

    /// The layout of a known class, or nil when this reader does not know the class.
    ///
    /// - Parameter className: the class as ROOT names it (`"TVector3"`).
    public init?(className: String) {
        guard let layout = Self.build(className, prefix: "", at: 0) else { return nil }
        self = layout
    }

    /// The classes this reader decodes, by name.
    public static let knownClasses: [String] = classTable.keys.sorted()

    /// A member of a known class: a number, or an object of another known class.
    private enum Member {
        case number(String, ROOTLeafType)
        case object(String, className: String)
    }

    /// Known classes: each derives from `TObject`, has this version, and these members.
    /// Versions are those ROOT 5.x and 6.x write (checked in every object read).
    private static let classTable: [String: (version: Int, members: [Member])] = [
        "TVector2": (3, [.number("fX", .float64), .number("fY", .float64)]),
        "TVector3": (3, [.number("fX", .float64), .number("fY", .float64), .number("fZ", .float64)]),
        "TLorentzVector": (4, [.object("fP", className: "TVector3"), .number("fE", .float64)]),
    ]

    /// The header of an object plus its `TObject` base: byte count (4), version (2),
    /// `TObject` version (2), `fUniqueID` (4), `fBits` (4).
    private static let objectPreamble = 16

    private static func build(_ className: String, prefix: String, at start: Int) -> ROOTObjectLayout? {
        guard let entry = classTable[className] else { return nil }
        var fields: [Field] = []
        var headers: [Header] = []
        var offset = start + objectPreamble
        for member in entry.members {
            switch member {
            case let .number(name, type):
                fields.append(Field(name: prefix + name, type: type, offset: offset))
                offset += type.size
            case let .object(name, memberClass):
                guard let inner = build(memberClass, prefix: prefix + name + ".", at: offset) else { return nil }
                fields += inner.fields
                headers += inner.headers
                offset += inner.byteSize
            }
        }
        let size = offset - start
        headers.insert(Header(offset: start, byteCount: size - 4, version: entry.version, className: className), at: 0)
        return ROOTObjectLayout(className: className, fields: fields, byteSize: size, headers: headers)
    }

    private init(className: String, fields: [Field], byteSize: Int, headers: [Header]) {
        self.className = className
        self.fields = fields
        self.byteSize = byteSize
        self.headers = headers
    }

    /// Checks the headers of the object at `start` (the caller checked that `byteSize` bytes
    /// are there), so a damaged or differently streamed object fails instead of decoding garbage.
    func checkHeaders(_ raw: UnsafeRawBufferPointer, at start: Int, branch: String) throws {
        for header in headers {
            let count = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: start + header.offset, as: UInt32.self))
            let version = UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: start + header.offset + 4, as: UInt16.self))
            guard count == ROOTStreamer.byteCountMask | UInt32(header.byteCount) else {
                throw ROOTError.malformed("a \(header.className) of '\(branch)' holds \(count & ~ROOTStreamer.byteCountMask) bytes, not the \(header.byteCount) of a \(header.className) without references")
            }
            guard Int(version) == header.version else {
                throw ROOTError.unsupportedVersion(className: header.className, version: Int(version))
            }
        }
    }

    /// Decodes the object at `start` into `fields.count` elements at `out` (headers checked by
    /// the caller).
    func decode<T: NDArrayElement>(_ raw: UnsafeRawBufferPointer, at start: Int, into out: UnsafeMutablePointer<T>) {
        for (index, field) in fields.enumerated() {
            ROOTValueDecoder.decode(raw, byteOffset: start + field.offset, count: 1, type: field.type, into: out + index)
        }
    }
}
