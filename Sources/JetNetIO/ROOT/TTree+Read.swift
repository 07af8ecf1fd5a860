import Dispatch
import JetNetCore

extension TTree {
    /// Reads a flat branch (one number or a fixed-size array per entry).
    ///
    /// Values are converted to `T` as NumPy's `astype` would (`uint64` through `Int64`).
    ///
    /// - Parameters:
    ///   - branch: the branch name.
    ///   - type: the element type of the result.
    ///   - entries: the entries to read (all when nil); only the baskets holding them are read.
    /// - Returns: shape `[entries]` for numbers, `[entries, d0, d1…]` for `x[d0][d1]` arrays.
    /// - Throws: ``ROOTError/branchNotFound(name:tree:available:)``,
    ///   ``ROOTError/wrongShape(branch:typeName:expected:)`` for jagged branches,
    ///   ``ROOTError/unsupportedType(branch:typeName:)``, ``ROOTError/entriesOutOfBounds(branch:entries:count:)``
    ///   and errors for damaged baskets.
    public func read<T: NDArrayElement>(branch name: String, as type: T.Type = T.self, entries: Range<Int>? = nil) throws -> NDArray<T> {
        let branch = try self.branch(named: name)
        let leafType: ROOTLeafType
        let shape: [Int]
        switch branch.layout {
        case let .scalar(t): (leafType, shape) = (t, [])
        case let .fixedArray(t, dims): (leafType, shape) = (t, dims)
        case .leafCountArray, .vector:
            throw ROOTError.wrongShape(branch: name, typeName: branch.typeName, expected: "it is jagged: read it with readJagged(branch:as:entries:)")
        case let .unsupported(typeName):
            throw ROOTError.unsupportedType(branch: name, typeName: typeName)
        }
        let range = try checkedRange(entries, branch: branch)
        let perEntry = shape.reduce(1, *)
        let entrySize = perEntry * leafType.size
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
                    ROOTValueDecoder.decode(raw, byteOffset: byteRanges[slot].lowerBound, count: item.entries.count * perEntry, type: leafType, into: target)
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
    ///   for flat branches.
    public func readJagged<T: NDArrayElement>(branch name: String, as type: T.Type = T.self, entries: Range<Int>? = nil) throws -> JaggedArray<T> {
        let branch = try self.branch(named: name)
        let leafType: ROOTLeafType
        let header: Int
        switch branch.layout {
        case let .leafCountArray(t): (leafType, header) = (t, 0)
        case let .vector(t): (leafType, header) = (t, 10)
        case .scalar, .fixedArray:
            throw ROOTError.wrongShape(branch: name, typeName: branch.typeName, expected: "it is flat: read it with read(branch:as:entries:)")
        case let .unsupported(typeName):
            throw ROOTError.unsupportedType(branch: name, typeName: typeName)
        }
        let range = try checkedRange(entries, branch: branch)
        let plan = basketPlan(branch, range)
        let baskets = try loadBaskets(branch, plan.map(\.index))
        for (slot, item) in plan.enumerated() where item.entries.upperBound - item.basketStart >= (baskets[slot].entryOffsets?.count ?? 0) {
            throw ROOTError.malformed("a basket of '\(name)' has fewer entry offsets than entries")
        }

        // First pass: the byte run of each entry's values, checked against the basket.
        var offsets = [Int](repeating: 0, count: range.count + 1)
        var runs = [(slot: Int, start: Int)](repeating: (0, 0), count: range.count)
        var total = 0
        for (slot, item) in plan.enumerated() {
            let basket = baskets[slot]
            guard let entryOffsets = basket.entryOffsets else {
                throw ROOTError.malformed("a basket of jagged branch '\(name)' has no entry offsets")
            }
            try basket.data.withUnsafeBytes { raw in
                for entry in item.entries {
                    let local = entry - item.basketStart
                    guard local + 1 < entryOffsets.count else {
                        throw ROOTError.malformed("a basket of '\(name)' has fewer entry offsets than entries")
                    }
                    var start = entryOffsets[local]
                    let end = entryOffsets[local + 1]
                    if header > 0 && end > start {
                        guard end - start >= header else { throw ROOTError.malformed("a std::vector entry of '\(name)' is shorter than its header") }
                        let declared = Int(Int32(bigEndian: raw.loadUnaligned(fromByteOffset: start + 6, as: Int32.self)))
                        guard declared >= 0, declared * leafType.size == end - start - header else {
                            throw ROOTError.malformed("a std::vector entry of '\(name)' declares \(declared) values in \(end - start - header) bytes")
                        }
                        start += header
                    }
                    guard (end - start) % leafType.size == 0 else {
                        throw ROOTError.malformed("an entry of '\(name)' holds \(end - start) bytes, not a multiple of \(leafType.size)")
                    }
                    let row = entry - range.lowerBound
                    runs[row] = (slot, start)
                    total += (end - start) / leafType.size
                    offsets[row + 1] = total
                }
            }
        }
        // A damaged basket table may leave entries in no basket; never decode such rows.
        guard plan.reduce(0, { $0 + $1.entries.count }) == range.count else {
            throw ROOTError.malformed("the baskets of '\(name)' do not cover entries \(range.lowerBound)..<\(range.upperBound)")
        }
        // Second pass: decode each row's run into the flat values.
        var values = [T](repeating: .zero, count: total)
        values.withUnsafeMutableBufferPointer { out in
            var row = 0
            while row < range.count {
                let slot = runs[row].slot
                baskets[slot].data.withUnsafeBytes { raw in
                    while row < range.count && runs[row].slot == slot {
                        let count = offsets[row + 1] - offsets[row]
                        if count > 0 {
                            ROOTValueDecoder.decode(raw, byteOffset: runs[row].start, count: count, type: leafType, into: out.baseAddress! + offsets[row])
                        }
                        row += 1
                    }
                }
            }
        }
        return JaggedArray(offsets: offsets, values: values)
    }

    private func checkedRange(_ entries: Range<Int>?, branch: TBranch) throws -> Range<Int> {
        let range = entries ?? 0 ..< branch.entries
        guard range.lowerBound >= 0, range.upperBound <= branch.entries else {
            throw ROOTError.entriesOutOfBounds(branch: branch.name, entries: range, count: branch.entries)
        }
        return range
    }

    /// The baskets that hold `range`, each with the part of `range` it holds.
    private func basketPlan(_ branch: TBranch, _ range: Range<Int>) -> [(index: Int, basketStart: Int, entries: Range<Int>)] {
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
    private func loadBaskets(_ branch: TBranch, _ indices: [Int]) throws -> [TBasket] {
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
