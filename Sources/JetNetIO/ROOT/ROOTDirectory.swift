/// A ROOT `TDirectory`: a list of keys (objects and subdirectories).
public struct ROOTDirectory: Sendable {
    /// The directory's path inside the file (`""` for the top).
    public let path: String
    /// The keys directly in this directory.
    public let keys: [TKey]
    /// The subdirectories, read recursively.
    public let subdirectories: [ROOTDirectory]

    /// Reads the directory record at `offset` and its key list.
    ///
    /// `depth` and `visited` stop damaged files whose directories point at each other.
    static func read(from source: ROOTByteSource, at offset: Int, path: String, depth: Int = 0, visited: Set<Int> = []) throws -> ROOTDirectory {
        guard depth < 32, !visited.contains(offset) else { throw ROOTError.malformed("directories nest too deep or loop at offset \(offset)") }
        var header = ByteCursor(try source.read(at: offset, count: min(42, max(0, source.size - offset)), what: "a directory record"))
        let version = Int(try header.int16())
        _ = try header.uint32()  // fDatimeC
        _ = try header.uint32()  // fDatimeM
        let keysBytes = try header.int32AsInt()
        _ = try header.int32AsInt()  // fNbytesName
        let large = version > 1000
        _ = large ? try header.int64AsInt() : try header.int32AsInt()  // fSeekDir
        _ = large ? try header.int64AsInt() : try header.int32AsInt()  // fSeekParent
        let seekKeys = large ? try header.int64AsInt() : try header.int32AsInt()
        guard keysBytes >= 0, seekKeys >= 0 else { throw ROOTError.malformed("directory '\(path)' has a negative key-list position") }
        if seekKeys == 0 { return ROOTDirectory(path: path, keys: [], subdirectories: []) }

        var cursor = ByteCursor(try source.read(at: seekKeys, count: keysBytes, what: "the key list of directory '\(path)'"))
        _ = try TKey.parse(&cursor)  // the key list's own key
        let count = try cursor.int32AsInt()
        guard count >= 0, count <= cursor.remaining / 18 else { throw ROOTError.malformed("directory '\(path)' claims \(count) keys") }
        var keys: [TKey] = []
        keys.reserveCapacity(count)
        for _ in 0 ..< count { keys.append(try TKey.parse(&cursor)) }

        var subdirectories: [ROOTDirectory] = []
        for key in keys where key.className == "TDirectory" || key.className == "TDirectoryFile" {
            let childPath = path.isEmpty ? key.name : path + "/" + key.name
            subdirectories.append(try read(from: source, at: key.seekKey + key.keyLength, path: childPath,
                                           depth: depth + 1, visited: visited.union([offset])))
        }
        return ROOTDirectory(path: path, keys: keys, subdirectories: subdirectories)
    }

    /// Every key here and in the subdirectories, with its path (`"events/events"`).
    public var allKeys: [(path: String, key: TKey)] {
        keys.map { (path.isEmpty ? $0.name : path + "/" + $0.name, $0) } + subdirectories.flatMap(\.allKeys)
    }
}
