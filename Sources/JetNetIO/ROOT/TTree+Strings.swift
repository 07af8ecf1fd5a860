extension TTree {
    /// Reads a `char*` branch (a `TLeafC` leaf): one string per entry, as uproot's `AsStrings()`.
    ///
    /// - Parameters:
    ///   - branch: the branch name.
    ///   - entries: the entries to read (all when nil); only the baskets holding them are read.
    /// - Returns: one string per entry, shape `[entries]` (bytes that are not UTF-8 become U+FFFD).
    /// - Throws: ``ROOTError/wrongShape(branch:typeName:expected:)`` for other branches
    ///   (``readStringLists(branch:entries:)`` reads `std::vector<std::string>`), and errors
    ///   for damaged baskets.
    public func readStrings(branch name: String, entries: Range<Int>? = nil) throws -> [String] {
        let branch = try self.branch(named: name)
        guard branch.layout == .string else { throw mismatch(branch, numeric: false) }
        let (baskets, runs) = try entryRuns(branch, checkedRange(entries, branch: branch))
        var strings: [String] = []
        strings.reserveCapacity(runs.count)
        try forEachRow(runs, baskets) { row, raw in
            var position = runs[row].start
            strings.append(try Self.tString(raw, &position, end: runs[row].end, branch: name))
        }
        return strings
    }

    /// Reads a `std::vector<std::string>` branch: a list of strings per entry, as uproot's
    /// `AsObjects(AsVector(True, AsString(False)))`.
    ///
    /// - Parameters:
    ///   - branch: the branch name.
    ///   - entries: the entries to read (all when nil); only the baskets holding them are read.
    /// - Returns: one list per entry, shape `[entries][strings]`.
    /// - Throws: ``ROOTError/wrongShape(branch:typeName:expected:)`` for other branches
    ///   (``readStrings(branch:entries:)`` reads `char*`), and errors for damaged baskets.
    public func readStringLists(branch name: String, entries: Range<Int>? = nil) throws -> [[String]] {
        let branch = try self.branch(named: name)
        guard branch.layout == .stringVector else { throw mismatch(branch, numeric: false) }
        let (baskets, runs) = try entryRuns(branch, checkedRange(entries, branch: branch))
        var lists: [[String]] = []
        lists.reserveCapacity(runs.count)
        for run in runs {
            let contents = try vectorContents(baskets[run.slot].data, run, itemSize: nil, branch: name)
            var position = contents.start
            // The count is at most the entry's byte length, and each string takes a byte or more.
            var list: [String] = []
            try baskets[run.slot].data.withUnsafeBytes { raw in
                for _ in 0 ..< contents.count { list.append(try Self.tString(raw, &position, end: run.end, branch: name)) }
            }
            lists.append(list)
        }
        return lists
    }

    /// A `TString` inside `position ..< end`: one length byte, or 255 then a 4-byte length.
    private static func tString(_ raw: UnsafeRawBufferPointer, _ position: inout Int, end: Int, branch: String) throws -> String {
        guard position < end else { throw ROOTError.malformed("a string of '\(branch)' runs past its entry") }
        var length = Int(raw[position])
        position += 1
        if length == 255 {
            guard end - position >= 4 else { throw ROOTError.malformed("a string of '\(branch)' runs past its entry") }
            length = Int(Int32(bigEndian: raw.loadUnaligned(fromByteOffset: position, as: Int32.self)))
            position += 4
        }
        guard length >= 0, length <= end - position else {
            throw ROOTError.malformed("a string of '\(branch)' claims \(length) bytes but its entry has \(end - position) left")
        }
        defer { position += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: raw[position ..< position + length]), as: UTF8.self)
    }
}
