import JetNetCore

extension TTree {
    /// Reads a `std::vector<std::vector<T>>` branch, as uproot's
    /// `AsObjects(AsVector(True, AsVector(False, dtype)))`.
    ///
    /// Each entry is a 6-byte header (byte count and version), the number of inner vectors, then
    /// each inner vector as its length and its values.
    ///
    /// - Parameters:
    ///   - branch: the branch name.
    ///   - type: the element type of the result.
    ///   - entries: the entries to read (all when nil); only the baskets holding them are read.
    /// - Returns: the inner vectors per entry (`outer`, offsets of shape `[entries + 1]` into the
    ///   inner vectors) and the values per inner vector (`inner`, offsets of shape
    ///   `[inner vectors + 1]` into the values).
    /// - Throws: ``ROOTError/wrongShape(branch:typeName:expected:)`` for other branches and
    ///   errors for damaged baskets.
    public func readDoublyJagged<T: NDArrayElement>(branch name: String, as type: T.Type = T.self, entries: Range<Int>? = nil) throws -> DoublyJaggedArray<T> {
        let branch = try self.branch(named: name)
        guard case let .vectorOfVectors(leafType) = branch.layout else { throw mismatch(branch, numeric: true) }
        let (baskets, runs) = try entryRuns(branch, checkedRange(entries, branch: branch))
        var outer = [0]
        var inner = [0]
        var starts: [(slot: Int, start: Int, count: Int)] = []
        outer.reserveCapacity(runs.count + 1)
        // First pass: the structure, every length checked against the entry's bytes.
        for run in runs {
            let data = baskets[run.slot].data
            var position = run.start
            var lists = 0
            if run.end > run.start {
                guard run.end - run.start >= 10 else { throw ROOTError.malformed("an entry of '\(name)' is shorter than its header") }
                lists = data.withUnsafeBytes { Int(Int32(bigEndian: $0.loadUnaligned(fromByteOffset: position + 6, as: Int32.self))) }
                position += 10
                guard lists >= 0, lists <= (run.end - position) / 4 else {
                    throw ROOTError.malformed("an entry of '\(name)' declares \(lists) vectors in \(run.end - position) bytes")
                }
                for _ in 0 ..< lists {
                    guard run.end - position >= 4 else { throw ROOTError.malformed("an inner vector of '\(name)' runs past its entry") }
                    let count = data.withUnsafeBytes { Int(Int32(bigEndian: $0.loadUnaligned(fromByteOffset: position, as: Int32.self))) }
                    position += 4
                    guard count >= 0, count <= (run.end - position) / leafType.size else {
                        throw ROOTError.malformed("an inner vector of '\(name)' declares \(count) values in \(run.end - position) bytes")
                    }
                    starts.append((run.slot, position, count))
                    inner.append(inner[inner.count - 1] + count)
                    position += count * leafType.size
                }
            }
            guard position == run.end else { throw ROOTError.malformed("an entry of '\(name)' holds \(run.end - position) bytes after its vectors") }
            outer.append(outer[outer.count - 1] + lists)
        }
        var values = [T](repeating: .zero, count: inner[inner.count - 1])
        values.withUnsafeMutableBufferPointer { out in
            for (index, list) in starts.enumerated() where list.count > 0 {
                baskets[list.slot].data.withUnsafeBytes { raw in
                    ROOTValueDecoder.decode(raw, byteOffset: list.start, count: list.count, type: leafType, into: out.baseAddress! + inner[index])
                }
            }
        }
        return DoublyJaggedArray(outer: outer, inner: JaggedArray(offsets: inner, values: values))
    }
}

/// Lists of lists of values stored flat (awkward-array's layout of two nested list levels):
/// entry `i` holds the inner lists `outer[i] ..< outer[i + 1]` of `inner`.
public struct DoublyJaggedArray<Element: NDArrayElement>: Sendable, Equatable {
    /// Entry boundaries in inner lists, shape `[entries + 1]`.
    public let outer: [Int]
    /// The inner lists, all entries' one after another.
    public let inner: JaggedArray<Element>

    /// The number of entries.
    public var count: Int { outer.count - 1 }

    /// Pads every entry to `lists` inner lists of `length` values (zeros where there are none).
    ///
    /// - Returns: values of shape `[entries, lists, length]` and a mask of the same shape, true
    ///   where a real value sits.
    public func padded(lists: Int, length: Int) -> (values: NDArray<Element>, mask: NDArray<Bool>) {
        precondition(lists >= 0 && length >= 0, "DoublyJaggedArray.padded: negative size")
        var out = [Element](repeating: .zero, count: count * lists * length)
        var mask = [Bool](repeating: false, count: count * lists * length)
        for entry in 0 ..< count {
            for list in 0 ..< min(lists, outer[entry + 1] - outer[entry]) {
                let row = inner[outer[entry] + list]
                let base = (entry * lists + list) * length
                for (j, value) in row.prefix(length).enumerated() {
                    out[base + j] = value
                    mask[base + j] = true
                }
            }
        }
        let shape = [count, lists, length]
        return (NDArray(shape: shape, storage: out), NDArray(shape: shape, storage: mask))
    }
}
