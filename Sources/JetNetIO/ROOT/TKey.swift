/// A ROOT `TKey`: the header in front of every object stored in a file (trees, directories,
/// and each basket of a branch).
public struct TKey: Sendable, Equatable {
    /// Bytes on disk, key header included (`fNbytes`).
    public let totalBytes: Int
    /// The key's class version; above 1000 the seeks are 64-bit.
    public let version: Int
    /// Size of the object once uncompressed (`fObjlen`).
    public let objectLength: Int
    /// Size of this header (`fKeylen`).
    public let keyLength: Int
    /// The cycle number (`;1`, `;2`…); readers use the highest.
    public let cycle: Int
    /// Where the key starts in the file (`fSeekKey`).
    public let seekKey: Int
    /// The class of the object (`TTree`, `TDirectory`, `TBasket`…).
    public let className: String
    /// The object's name.
    public let name: String
    /// The object's title.
    public let title: String

    /// Parses a key header at the cursor.
    static func parse(_ cursor: inout ByteCursor) throws -> TKey {
        let totalBytes = try cursor.int32AsInt()
        let version = Int(try cursor.int16())
        let objectLength = try cursor.int32AsInt()
        _ = try cursor.uint32()  // fDatime
        let keyLength = Int(try cursor.int16())
        let cycle = Int(try cursor.int16())
        let seekKey = version > 1000 ? try cursor.int64AsInt() : try cursor.int32AsInt()
        _ = version > 1000 ? try cursor.int64AsInt() : try cursor.int32AsInt()  // fSeekPdir
        let className = try cursor.tString()
        let name = try cursor.tString()
        let title = try cursor.tString()
        guard totalBytes >= 0, objectLength >= 0, keyLength >= 0, seekKey >= 0, seekKey < 1 << 48 else {
            throw ROOTError.malformed("key '\(name)' has negative sizes or position")
        }
        return TKey(totalBytes: totalBytes, version: version, objectLength: objectLength, keyLength: keyLength,
                    cycle: cycle, seekKey: seekKey, className: className, name: name, title: title)
    }

    /// Reads the object's bytes (decompressed) from the file.
    ///
    /// - Returns: the uncompressed object, shape `[objectLength]`.
    func readObject(from source: ROOTByteSource) throws -> [UInt8] {
        let stored = totalBytes - keyLength
        guard stored >= 0 else { throw ROOTError.malformed("key '\(name)' is shorter than its header") }
        let raw = try source.read(at: seekKey + keyLength, count: stored, what: "the data of key '\(name)'")
        if stored == objectLength { return raw }
        return try ROOTCompression.decompress(raw[...], uncompressedSize: objectLength)
    }
}
