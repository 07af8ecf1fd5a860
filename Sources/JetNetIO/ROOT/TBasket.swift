/// The uncompressed contents of one `TBasket`: the entries' bytes and where each entry starts.
///
/// A basket on disk is a `TKey` whose last 19 header bytes are the basket's own fields
/// (`fVersion`, `fBufferSize`, `fNevBufSize`, `fNevBuf`, `fLast`, a flag). The uncompressed
/// payload holds the data up to `fLast - fKeylen` (the "border"); variable-size entries are
/// followed by their start offsets (an `Int32` count, then one offset per entry, each counted
/// from the start of the key).
struct TBasket: Sendable {
    /// The entries' bytes, shape `[border]`.
    let data: [UInt8]
    /// Start of each entry in `data`, plus `data.count` at the end (shape `[entries + 1]`),
    /// or nil when every entry has the same size.
    let entryOffsets: [Int]?
    /// Entries in the basket (`fNevBuf`).
    let entryCount: Int

    /// The byte range of entry `index` (local to this basket) for fixed-size entries.
    func fixedRange(_ index: Int, entrySize: Int) throws -> Range<Int> {
        let start = index * entrySize
        guard start >= 0, start + entrySize <= data.count else {
            throw ROOTError.truncated(what: "a basket entry", offset: start, needed: entrySize, available: max(0, data.count - start))
        }
        return start ..< start + entrySize
    }

    /// Reads and decompresses a free-standing basket.
    ///
    /// - Parameters:
    ///   - seek: where the basket's key starts in the file.
    ///   - bytes: the basket's size on disk (`fBasketBytes`).
    static func read(from source: ROOTByteSource, seek: Int, bytes: Int, branch: String) throws -> TBasket {
        let raw = try source.read(at: seek, count: bytes, what: "a basket of branch '\(branch)'")
        var cursor = ByteCursor(raw)
        let totalBytes = try cursor.int32AsInt()
        _ = try cursor.int16()  // key version
        let objectLength = try cursor.int32AsInt()
        _ = try cursor.uint32()  // fDatime
        let keyLength = Int(try cursor.int16())
        guard keyLength >= 37, keyLength <= raw.count, totalBytes >= keyLength, totalBytes <= raw.count, objectLength >= 0 else {
            throw ROOTError.malformed("basket of branch '\(branch)' at \(seek) has an impossible header (\(totalBytes) bytes, key \(keyLength))")
        }
        try cursor.seek(to: keyLength - 19)
        _ = try cursor.uint16()  // fVersion
        _ = try cursor.int32()  // fBufferSize
        _ = try cursor.int32()  // fNevBufSize
        let entryCount = try cursor.int32AsInt()
        let last = try cursor.int32AsInt()
        let stored = raw[keyLength ..< totalBytes]
        let payload = stored.count == objectLength
            ? Array(stored) : try ROOTCompression.decompress(stored, uncompressedSize: objectLength)
        let border = last - keyLength
        guard entryCount >= 0, border >= 0, border <= payload.count else {
            throw ROOTError.malformed("basket of branch '\(branch)' has \(entryCount) entries and border \(border) in \(payload.count) bytes")
        }
        var offsets: [Int]?
        if border != payload.count {
            var offsetCursor = ByteCursor(payload, position: border)
            _ = try offsetCursor.int32()  // the array's length
            guard entryCount <= offsetCursor.remaining / 4 else {
                throw ROOTError.truncated(what: "the entry offsets of a basket of '\(branch)'", offset: border, needed: entryCount * 4, available: offsetCursor.remaining)
            }
            offsets = try readOffsets(&offsetCursor, count: entryCount, keyLength: keyLength, border: border, branch: branch)
        }
        return TBasket(data: Array(payload[0 ..< border]), entryOffsets: offsets, entryCount: entryCount)
    }

    /// Reads `count` entry offsets (counted from the key start) and checks they are in order.
    static func readOffsets(_ cursor: inout ByteCursor, count: Int, keyLength: Int, border: Int, branch: String) throws -> [Int] {
        var offsets = [Int]()
        offsets.reserveCapacity(count + 1)
        var previous = 0
        for _ in 0 ..< count {
            let offset = try cursor.int32AsInt() - keyLength
            guard offset >= previous, offset <= border else {
                throw ROOTError.malformed("entry offsets of a basket of '\(branch)' are out of order or past its data")
            }
            offsets.append(offset)
            previous = offset
        }
        offsets.append(border)
        return offsets
    }
}

/// A basket stored inside its `TBranch` (the last, unfinished basket when the file was closed).
struct EmbeddedBasket: Sendable {
    let basket: TBasket

    /// Reads the `TBasket` streamed in a branch's `fBaskets`; nil when it is only a header
    /// (a basket written elsewhere in the file).
    static func read(_ streamer: inout ROOTStreamer) throws -> EmbeddedBasket? {
        let start = streamer.cursor.position
        let totalBytes = try streamer.cursor.int32AsInt()
        _ = try streamer.cursor.int16()  // key version
        _ = try streamer.cursor.int32AsInt()  // fObjlen
        _ = try streamer.cursor.uint32()  // fDatime
        let keyLength = Int(try streamer.cursor.int16())
        guard keyLength >= 37 else { throw ROOTError.malformed("embedded basket with a \(keyLength)-byte key") }
        try streamer.cursor.seek(to: start + keyLength - 19)
        _ = try streamer.cursor.uint16()  // fVersion
        _ = try streamer.cursor.int32()  // fBufferSize
        let entrySize = try streamer.cursor.int32AsInt()
        let entryCount = try streamer.cursor.int32AsInt()
        let last = try streamer.cursor.int32AsInt()
        try streamer.cursor.skip(1)
        guard totalBytes <= keyLength else { return nil }
        let border = last - keyLength
        guard entryCount >= 0, border >= 0 else { throw ROOTError.malformed("embedded basket with \(entryCount) entries and border \(border)") }
        var offsets: [Int]?
        if entrySize.multipliedReportingOverflow(by: entryCount).partialValue + keyLength != last {
            _ = try streamer.cursor.int32()  // the array's length
            try streamer.cursor.require(entryCount * 4 + 4, "the entry offsets of an embedded basket")
            offsets = try TBasket.readOffsets(&streamer.cursor, count: entryCount, keyLength: keyLength, border: border, branch: "embedded")
            // uproot reads one more Int32 and steps back: net, the offsets then the key copy.
        }
        try streamer.cursor.skip(keyLength)  // a second copy of the key
        let data = try streamer.cursor.take(border, "an embedded basket")
        return EmbeddedBasket(basket: TBasket(data: data, entryOffsets: offsets, entryCount: entryCount))
    }
}
