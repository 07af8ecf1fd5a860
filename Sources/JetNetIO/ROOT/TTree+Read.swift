import Dispatch
import JetNetCore

extension TTree {
    /// Reads a flat branch: one number, a fixed-size array or one streamed object per entry.
    ///
    /// Values are converted to `T` as NumPy's `astype` would (`uint64` through `Int64`).
    ///
    /// - Parameters:
    ///   - branch: the branch name.
    ///   - type: the element type of the result.
    ///   - entries: the entries to read (all when nil); only the baskets holding them are read.
    /// - Returns: shape `[entries]` for numbers, `[entries, d0, d1…]` for `x[d0][d1]` arrays,
    ///   `[entries, fields]` for objects (`TVector2`: `fX, fY`; `TVector3`: `fX, fY, fZ`; the
    ///   columns are ``ROOTObjectLayout/fields``).
    /// - Throws: ``ROOTError/branchNotFound(name:tree:available:)``,
    ///   ``ROOTError/wrongShape(branch:typeName:expected:)`` for jagged branches,
    ///   ``ROOTError/unsupportedType(branch:typeName:)`` (strings and unknown classes),
    ///   ``ROOTError/entriesOutOfBounds(branch:entries:count:)`` and errors for damaged baskets.
    public func read<T: NDArrayElement>(branch name: String, as type: T.Type = T.self, entries: Range<Int>? = nil) throws -> NDArray<T> {
        let branch = try self.branch(named: name)
        let leafType: ROOTLeafType
        let shape: [Int]
        switch branch.layout {
        case let .scalar(t): (leafType, shape) = (t, [])
        case let .fixedArray(t, dims): (leafType, shape) = (t, dims)
        case let .object(layout): return try readObjects(branch, layout, checkedRange(entries, branch: branch))
        default: throw mismatch(branch, numeric: true)
        }
        let range = try checkedRange(entries, branch: branch)
        let perEntry = shape.reduce(1, *)
        let entrySize = perEntry * branch.storedValueSize
        let plan = basketPlan(branch, range)
        let baskets = try loadBaskets(branch, plan.map(\.index))
        // Check every basket holds its entries before allocating, so a damaged entry count
        // cannot ask for more memory than the baskets really hold.
        var byteRanges: [Range<Int>] = []
        for (slot, item) in plan.enumerated() {
            let local = item.entries.lowerBound - item.basketStart
            let (start, overflow1) = local.multipliedReportingOverflow(by: entrySize)
            let (length, overflow2) = item.entries.count.multipliedReportingOverflow(by: entrySize)
            guard !overflow1, !overflow2, start + length <= baskets[slot].data.count else {
                throw ROOTError.truncated(what: "a basket of '\(name)'", offset: start, needed: length, available: baskets[slot].data.count)
            }
            byteRanges.append(start ..< start + length)
        }
        guard plan.reduce(0, { $0 + $1.entries.count }) == range.count else {
            throw ROOTError.malformed("the baskets of '\(name)' do not cover entries \(range.lowerBound)..<\(range.upperBound)")
        }
        var storage = [T](repeating: .zero, count: range.count * perEntry)
        storage.withUnsafeMutableBufferPointer { out in
            for (slot, item) in plan.enumerated() {
                let target = out.baseAddress! + (item.entries.lowerBound - range.lowerBound) * perEntry
                baskets[slot].data.withUnsafeBytes { raw in
                    Self.decode(raw, byteOffset: byteRanges[slot].lowerBound, count: item.entries.count * perEntry, type: leafType, encoding: branch.encoding, into: target)
                }
            }
        }
        return NDArray(shape: [range.count] + shape, storage: storage)
    }

    /// Reads a jagged branch: a leaf-count array (`x[n]`) or a `std::vector` of numbers.
    ///
    /// - Parameters:
    ///   - branch: the branch name.
    ///   - type: the element type of the result.
    ///   - entries: the entries to read (all when nil); only the baskets holding them are read.
    /// - Returns: one row per entry: offsets of shape `[entries + 1]` and the values.
    /// - Throws: as ``read(branch:as:entries:)``; ``ROOTError/wrongShape(branch:typeName:expected:)``
    ///   for flat branches and vectors of objects (read those with
    ///   ``readJaggedObjects(branch:as:entries:)``).
    public func readJagged<T: NDArrayElement>(branch name: String, as type: T.Type = T.self, entries: Range<Int>? = nil) throws -> JaggedArray<T> {
        let branch = try self.branch(named: name)
        let leafType: ROOTLeafType
        let isVector: Bool
        switch branch.layout {
        case let .leafCountArray(t): (leafType, isVector) = (t, false)
        case let .vector(t): (leafType, isVector) = (t, true)
        default: throw mismatch(branch, numeric: true)
        }
        let range = try checkedRange(entries, branch: branch)
        let valueSize = branch.storedValueSize
        let headerBytes = branch.entryHeaderBytes
        let (baskets, runs) = try entryRuns(branch, range)

        // First pass: the values of each entry, checked against its byte run.
        let (offsets, starts) = try itemOffsets(runs) { run in
            if isVector { return try vectorContents(baskets[run.slot].data, run, itemSize: valueSize, branch: name) }
            let length = run.end - run.start - headerBytes
            guard length >= 0, length % valueSize == 0 else {
                throw ROOTError.malformed("an entry of '\(name)' holds \(run.end - run.start) bytes, not a header of \(headerBytes) and a multiple of \(valueSize)")
            }
            return (run.start + headerBytes, length / valueSize)
        }
        // Second pass: decode each row's run into the flat values.
        var values = [T](repeating: .zero, count: offsets[offsets.count - 1])
        values.withUnsafeMutableBufferPointer { out in
            forEachRow(runs, baskets) { row, raw in
                Self.decode(raw, byteOffset: starts[row], count: offsets[row + 1] - offsets[row], type: leafType, encoding: branch.encoding, into: out.baseAddress! + offsets[row])
            }
        }
        return JaggedArray(offsets: offsets, values: values)
    }

    /// Decodes plain values with ``ROOTValueDecoder`` and packed ones with their encoding.
    static func decode<T: NDArrayElement>(_ raw: UnsafeRawBufferPointer, byteOffset: Int, count: Int, type: ROOTLeafType, encoding: ROOTValueEncoding, into out: UnsafeMutablePointer<T>) {
        if encoding == .plain {
            ROOTValueDecoder.decode(raw, byteOffset: byteOffset, count: count, type: type, into: out)
        } else {
            encoding.decode(raw, byteOffset: byteOffset, count: count, into: out)
        }
    }

    /// Where one entry's bytes are: `baskets[slot].data[start ..< end]`.
    struct EntryRun {
        let slot: Int
        let start: Int
        let end: Int
    }

    /// Loads the baskets holding `range` and finds each entry's bytes, from the baskets' entry
    /// offsets or, for baskets without them, from a fixed entry size.
    ///
    /// Every run lies inside its basket's data, and runs grow only as entries are found in
    /// the baskets, so a damaged entry count cannot make the reader allocate memory it lacks.
    func entryRuns(_ branch: TBranch, _ range: Range<Int>, fixedSize: Int? = nil) throws -> (baskets: [TBasket], runs: [EntryRun]) {
        let plan = basketPlan(branch, range)
        // A damaged basket table may leave entries in no basket.
        guard plan.reduce(0, { $0 + $1.entries.count }) == range.count else {
            throw ROOTError.malformed("the baskets of '\(branch.name)' do not cover entries \(range.lowerBound)..<\(range.upperBound)")
        }
        let baskets = try loadBaskets(branch, plan.map(\.index))
        var runs: [EntryRun] = []
        for (slot, item) in plan.enumerated() {
            let basket = baskets[slot]
            for entry in item.entries {
                let local = entry - item.basketStart
                if let offsets = basket.entryOffsets {
                    guard local + 1 < offsets.count else {
                        throw ROOTError.malformed("a basket of '\(branch.name)' has fewer entry offsets than entries")
                    }
                    runs.append(EntryRun(slot: slot, start: offsets[local], end: offsets[local + 1]))
                } else if let fixedSize {
                    let bytes = try basket.fixedRange(local, entrySize: fixedSize)
                    runs.append(EntryRun(slot: slot, start: bytes.lowerBound, end: bytes.upperBound))
                } else {
                    throw ROOTError.malformed("a basket of variable-size branch '\(branch.name)' has no entry offsets")
                }
            }
        }
        return (baskets, runs)
    }

    /// Where the items of a `std::vector` entry start and how many there are: a 10-byte header
    /// (byte count, version, item count), then the items (an empty run is an empty vector).
    ///
    /// - Parameter itemSize: bytes per item, or nil when items vary in size (strings), in
    ///   which case the count is only checked against the bytes there are.
    func vectorContents(_ data: [UInt8], _ run: EntryRun, itemSize: Int?, branch: String) throws -> (start: Int, count: Int) {
        let length = run.end - run.start
        guard length > 0 else { return (run.start, 0) }
        guard length >= 10 else { throw ROOTError.malformed("a std::vector entry of '\(branch)' is shorter than its header") }
        let declared = data.withUnsafeBytes { Int(Int32(bigEndian: $0.loadUnaligned(fromByteOffset: run.start + 6, as: Int32.self))) }
        let fits = itemSize.map { declared >= 0 && declared == (length - 10) / $0 && (length - 10) % $0 == 0 } ?? (declared >= 0 && declared <= length - 10)
        guard fits else {
            throw ROOTError.malformed("a std::vector entry of '\(branch)' declares \(declared) items in \(length - 10) bytes")
        }
        return (run.start + 10, declared)
    }

    /// Entry boundaries (shape `[runs + 1]`, in items) and where each entry's items start,
    /// from each run's `(start, count)`.
    func itemOffsets(_ runs: [EntryRun], _ contents: (EntryRun) throws -> (start: Int, count: Int)) rethrows -> (offsets: [Int], starts: [Int]) {
        var offsets = [0]
        var starts: [Int] = []
        offsets.reserveCapacity(runs.count + 1)
        starts.reserveCapacity(runs.count)
        for run in runs {
            let (start, count) = try contents(run)
            starts.append(start)
            offsets.append(offsets[offsets.count - 1] + count)
        }
        return (offsets, starts)
    }

    /// The error for reading `branch` with a call that does not fit its layout: which call
    /// reads it, or ``ROOTError/unsupportedType(branch:typeName:)`` when none does (strings
    /// too, when `numeric`).
    func mismatch(_ branch: TBranch, numeric: Bool) -> ROOTError {
        let call: String
        switch branch.layout {
        case .scalar, .fixedArray, .object: call = "it is flat: read it with read(branch:as:entries:)"
        case .leafCountArray, .vector: call = "it is jagged: read it with readJagged(branch:as:entries:)"
        case .vectorOfVectors: call = "it is doubly jagged: read it with readDoublyJagged(branch:as:entries:)"
        case .group: call = "it is a split object: read its members (\(branch.subBranches.prefix(3).map(\.name).joined(separator: ", ")))"
        case .objectVector: call = "it holds objects: read it with readJaggedObjects(branch:as:entries:)"
        case .string where !numeric: call = "it holds strings: read it with readStrings(branch:entries:)"
        case .stringVector where !numeric: call = "it holds strings: read it with readStringLists(branch:entries:)"
        case .string, .stringVector: return ROOTError.unsupportedType(branch: branch.name, typeName: branch.typeName)
        case let .unsupported(typeName): return ROOTError.unsupportedType(branch: branch.name, typeName: typeName)
        }
        return ROOTError.wrongShape(branch: branch.name, typeName: branch.typeName, expected: call)
    }

    /// Calls `body` with each row and its basket's bytes, opening each basket once.
    func forEachRow(_ runs: [EntryRun], _ baskets: [TBasket], _ body: (Int, UnsafeRawBufferPointer) throws -> Void) rethrows {
        var row = 0
        while row < runs.count {
            let slot = runs[row].slot
            try baskets[slot].data.withUnsafeBytes { raw in
                while row < runs.count && runs[row].slot == slot {
                    try body(row, raw)
                    row += 1
                }
            }
        }
    }

    func checkedRange(_ entries: Range<Int>?, branch: TBranch) throws -> Range<Int> {
        let range = entries ?? 0 ..< branch.entries
        guard range.lowerBound >= 0, range.upperBound <= branch.entries else {
            throw ROOTError.entriesOutOfBounds(branch: branch.name, entries: range, count: branch.entries)
        }
        return range
    }

    /// The baskets that hold `range`, each with the part of `range` it holds.
    func basketPlan(_ branch: TBranch, _ range: Range<Int>) -> [(index: Int, basketStart: Int, entries: Range<Int>)] {
        var plan: [(index: Int, basketStart: Int, entries: Range<Int>)] = []
        guard !range.isEmpty else { return plan }
        for index in 0 ..< branch.basketCount {
            let held = branch.basketEntries(index)
            let overlap = max(held.lowerBound, range.lowerBound) ..< max(max(held.lowerBound, range.lowerBound), min(held.upperBound, range.upperBound))
            if !overlap.isEmpty { plan.append((index, held.lowerBound, overlap)) }
            if held.lowerBound >= range.upperBound { break }
        }
        return plan
    }

    /// Loads (reads and decompresses) baskets, several at once when there are many.
    func loadBaskets(_ branch: TBranch, _ indices: [Int]) throws -> [TBasket] {
        let fileSource = source
        if indices.count < 4 { return try indices.map { try branch.basket($0, from: fileSource) } }
        let results = UnsafeMutableBufferPointer<Result<TBasket, Error>?>.allocate(capacity: indices.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let shared = results
        DispatchQueue.concurrentPerform(iterations: indices.count) { slot in
            shared[slot] = Result { try branch.basket(indices[slot], from: fileSource) }
        }
        return try results.map { try $0!.get() }
    }
}
