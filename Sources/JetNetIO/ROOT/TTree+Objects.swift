import JetNetCore

extension TTree {
    /// Reads a branch holding a `std::vector` of streamed objects (`std::vector<TLorentzVector>`),
    /// as uproot's `AsJagged(AsStridedObjects(…), header_bytes=10)`.
    ///
    /// Each object's numbers (doubles on disk) are converted to `T` as NumPy's `astype` would.
    ///
    /// - Parameters:
    ///   - branch: the branch name.
    ///   - type: the element type of the result.
    ///   - entries: the entries to read (all when nil); only the baskets holding them are read.
    /// - Returns: offsets of shape `[entries + 1]` (in objects) and the objects, shape
    ///   `[objects, fields]` (for `TLorentzVector`: px, py, pz, E).
    /// - Throws: ``ROOTError/wrongShape(branch:typeName:expected:)`` for other branches,
    ///   ``ROOTError/unsupportedType(branch:typeName:)`` for vectors of unknown classes,
    ///   ``ROOTError/unsupportedVersion(className:version:)`` for objects streamed with another
    ///   class version, and errors for damaged baskets.
    public func readJaggedObjects<T: NDArrayElement>(branch name: String, as type: T.Type = T.self, entries: Range<Int>? = nil) throws -> JaggedObjectArray<T> {
        let branch = try self.branch(named: name)
        guard case let .objectVector(layout) = branch.layout else { throw mismatch(branch, numeric: true) }
        let (baskets, runs) = try entryRuns(branch, checkedRange(entries, branch: branch))
        let (offsets, starts) = try itemOffsets(runs) { run in
            try vectorContents(baskets[run.slot].data, run, itemSize: layout.byteSize, branch: name)
        }
        let width = layout.fields.count
        var storage = [T](repeating: .zero, count: offsets[offsets.count - 1] * width)
        try storage.withUnsafeMutableBufferPointer { out in
            try forEachRow(runs, baskets) { row, raw in
                for item in 0 ..< offsets[row + 1] - offsets[row] {
                    let start = starts[row] + item * layout.byteSize
                    try layout.checkHeaders(raw, at: start, branch: name)
                    layout.decode(raw, at: start, into: out.baseAddress! + (offsets[row] + item) * width)
                }
            }
        }
        return JaggedObjectArray(offsets: offsets, objects: NDArray(shape: [offsets[offsets.count - 1], width], storage: storage),
                                 fields: layout.fields.map(\.name))
    }

    /// Reads a branch of one streamed object per entry (`TVector2`, `TVector3`) as uproot's
    /// `AsStridedObjects`: shape `[entries, fields]`.
    func readObjects<T: NDArrayElement>(_ branch: TBranch, _ layout: ROOTObjectLayout, _ range: Range<Int>) throws -> NDArray<T> {
        let (baskets, runs) = try entryRuns(branch, range, fixedSize: layout.byteSize)
        for run in runs where run.end - run.start != layout.byteSize {
            throw ROOTError.malformed("an entry of '\(branch.name)' holds \(run.end - run.start) bytes, not the \(layout.byteSize) of a \(layout.className)")
        }
        let width = layout.fields.count
        var storage = [T](repeating: .zero, count: runs.count * width)
        try storage.withUnsafeMutableBufferPointer { out in
            try forEachRow(runs, baskets) { row, raw in
                try layout.checkHeaders(raw, at: runs[row].start, branch: branch.name)
                layout.decode(raw, at: runs[row].start, into: out.baseAddress! + row * width)
            }
        }
        return NDArray(shape: [runs.count, width], storage: storage)
    }
}
