import Foundation
import JetNetCore

extension TTree {
    /// How far `convert` has got: the branch being written (1-based, of `branchCount`) and
    /// the entries of it done so far.
    public struct ConversionProgress: Sendable {
        /// The branch being written, as asked for.
        public let branch: String
        /// Its position among the branches, from 1.
        public let branchIndex: Int
        /// The number of branches.
        public let branchCount: Int
        /// Entries of this branch written so far.
        public let entriesDone: Int
        /// Entries to write per branch.
        public let entriesTotal: Int
    }

    /// Writes branches to an `.npz` as NumPy arrays, streaming `chunk` entries at a time, so
    /// memory stays bounded whatever the file's size (the ROOT -> NumPy step usually done
    /// with uproot + awkward's `pad_none`/`fill_none`).
    ///
    /// Each branch becomes the array named as the branch (`/` in paths becomes `.`):
    /// - numbers: shape `[entries]`; fixed arrays `[entries, d0, d1…]`; objects
    ///   (`TLorentzVector`) `[entries, fields]`;
    /// - jagged branches (`x[n]`, `std::vector<T>`, split collection members): `[entries, K]`
    ///   (`[entries, K, d…]` for `x[n][d]`, `[entries, K, fields]` for vectors of objects),
    ///   zero-padded or truncated to `K = pad[0]`, plus `<name>_mask` of shape `[entries, K]`
    ///   (true where a value sits);
    /// - doubly jagged branches (`std::vector<std::vector<T>>`): `[entries, K, L]` with
    ///   `pad = [K, L]`, and a mask of the same shape.
    ///
    /// Element types: `float`/`Float16_t` give float32, `double`/`Double32_t` float64, `bool`
    /// bool, `uint8_t` uint8, other integers up to 32 bits int32, 64-bit and `uint32_t` int64.
    ///
    /// - Parameters:
    ///   - branches: the branch names or paths (`"p/pt"`, `"p.pt"`).
    ///   - entries: the entries to write (all when nil).
    ///   - pad: the padded lengths: none for flat branches only, `[K]` for jagged, `[K, L]`
    ///     for doubly jagged branches.
    ///   - url: the `.npz` to write (through a temporary beside it, renamed when complete).
    ///   - chunk: entries read at a time.
    ///   - progress: called after every chunk.
    /// - Throws: ``ROOTError/cannotConvert(branch:reason:)`` before anything is written when a
    ///   branch cannot be converted as asked; reading errors; ``NPYError`` when writing fails.
    public func convert(branches names: [String], entries: Range<Int>? = nil, pad: [Int] = [], to url: URL,
                        chunk: Int = 10_000, progress: (@Sendable (ConversionProgress) -> Void)? = nil) throws {
        precondition(chunk > 0, "convert: chunk must be positive")
        let range = entries ?? 0 ..< self.entries
        let selected = try names.map { try branch(named: $0) }
        for branch in selected { try Self.checkConvertible(branch, pad: pad) }
        for branch in selected { _ = try checkedRange(range, branch: branch) }
        let writer = try NPZStreamWriter(url: url)
        for (index, (name, branch)) in zip(names, selected).enumerated() {
            let report = { (done: Int) -> Void in
                progress?(ConversionProgress(branch: name, branchIndex: index + 1, branchCount: names.count, entriesDone: done, entriesTotal: range.count))
            }
            let arrayName = name.replacingOccurrences(of: "/", with: ".")
            switch Self.outputType(branch) {
            case .float32: try write(branch, Float.self, .float32, arrayName, range, pad, chunk, writer, report)
            case .float64: try write(branch, Double.self, .float64, arrayName, range, pad, chunk, writer, report)
            case .int32: try write(branch, Int32.self, .int32, arrayName, range, pad, chunk, writer, report)
            case .int64: try write(branch, Int64.self, .int64, arrayName, range, pad, chunk, writer, report)
            case .bool: try write(branch, Bool.self, .bool, arrayName, range, pad, chunk, writer, report)
            case .uint8: try write(branch, UInt8.self, .uint8, arrayName, range, pad, chunk, writer, report)
            }
        }
        try writer.finish()
    }

    /// Throws when `branch` cannot be written with these padded lengths.
    static func checkConvertible(_ branch: TBranch, pad: [Int]) throws {
        guard pad.allSatisfy({ $0 >= 0 }) else { throw ROOTError.cannotConvert(branch: branch.name, reason: "padded lengths must not be negative") }
        switch branch.layout {
        case .scalar, .fixedArray, .object: return
        case .leafCountArray, .vector, .objectVector:
            guard !pad.isEmpty else {
                throw ROOTError.cannotConvert(branch: branch.name, reason: "it is jagged (\(branch.typeName)); give its padded length with --pad-to K")
            }
        case .vectorOfVectors:
            guard pad.count == 2 else {
                throw ROOTError.cannotConvert(branch: branch.name, reason: "it is doubly jagged (\(branch.typeName)); pad both levels with --pad-to K,L (K lists of L values)")
            }
        case .group:
            throw ROOTError.cannotConvert(branch: branch.name, reason: "it is a split object; convert its members (\(branch.subBranches.prefix(4).map(\.name).joined(separator: ", ")))")
        case .string, .stringVector, .unsupported:
            throw ROOTError.cannotConvert(branch: branch.name, reason: "it holds \(branch.typeName), which is not numeric")
        }
    }

    /// The NumPy element type a branch is written as.
    static func outputType(_ branch: TBranch) -> DType {
        switch branch.layout {
        case let .scalar(type), let .fixedArray(type, _), let .leafCountArray(type), let .vector(type), let .vectorOfVectors(type):
            switch type {
            case .bool: return .bool
            case .uint8: return .uint8
            case .int8, .int16, .uint16, .int32: return .int32
            case .uint32, .int64, .uint64: return .int64
            case .float32: return .float32
            case .float64: return .float64
            }
        default:
            return .float64  // objects hold doubles
        }
    }

    private func write<T: NDArrayElement>(_ branch: TBranch, _: T.Type, _ dtype: DType, _ name: String, _ range: Range<Int>, _ pad: [Int],
                                          _ chunk: Int, _ writer: NPZStreamWriter, _ report: (Int) -> Void) throws {
        let n = range.count
        let chunks = stride(from: range.lowerBound, to: range.upperBound, by: chunk).map { $0 ..< min($0 + chunk, range.upperBound) }
        func flat(_ shape: [Int], _ read: (Range<Int>) throws -> [T]) throws {
            try writer.beginArray(name, dtype: dtype, shape: [n] + shape)
            for part in chunks {
                try writer.append(try read(part))
                report(part.upperBound - range.lowerBound)
            }
            try writer.endArray()
        }
        switch branch.layout {
        case let .fixedArray(_, shape):
            try flat(shape) { try read(branch: branch.name, as: T.self, entries: $0).storage }
        case .scalar:
            try flat([]) { try read(branch: branch.name, as: T.self, entries: $0).storage }
        case let .object(layout):
            try flat([layout.fields.count]) { try read(branch: branch.name, as: T.self, entries: $0).storage }
        case .leafCountArray, .vector, .objectVector:
            let width: Int
            if case let .objectVector(layout) = branch.layout { width = layout.fields.count } else { width = branch.innerShape.reduce(1, *) }
            let itemShape: [Int] = if case let .objectVector(layout) = branch.layout { [layout.fields.count] } else { branch.innerShape }
            let k = pad[0]
            var counts: [Int32] = []
            counts.reserveCapacity(n)
            try writer.beginArray(name, dtype: dtype, shape: [n, k] + itemShape)
            for part in chunks {
                let offsets: [Int], values: [T]
                if case .objectVector = branch.layout {
                    let objects = try readJaggedObjects(branch: branch.name, as: T.self, entries: part)
                    (offsets, values) = (objects.offsets.map { $0 * width }, objects.objects.storage)
                } else {
                    let jagged = try readJagged(branch: branch.name, as: T.self, entries: part)
                    (offsets, values) = (jagged.offsets, jagged.values)
                }
                var out = [T](repeating: .zero, count: part.count * k * width)
                for row in 0 ..< part.count {
                    let items = (offsets[row + 1] - offsets[row]) / width
                    let kept = min(items, k) * width
                    for j in 0 ..< kept { out[row * k * width + j] = values[offsets[row] + j] }
                    counts.append(Int32(clamping: items))
                }
                try writer.append(out)
                report(part.upperBound - range.lowerBound)
            }
            try writer.endArray()
            try writer.beginArray(name + "_mask", dtype: .bool, shape: [n, k])
            for part in stride(from: 0, to: n, by: chunk) {
                var mask = [Bool](repeating: false, count: min(chunk, n - part) * k)
                for row in 0 ..< min(chunk, n - part) {
                    for j in 0 ..< min(Int(counts[part + row]), k) { mask[row * k + j] = true }
                }
                try writer.append(mask)
            }
            try writer.endArray()
        case .vectorOfVectors:
            let (k, l) = (pad[0], pad[1])
            try writer.beginArray(name, dtype: dtype, shape: [n, k, l])
            for part in chunks {
                try writer.append(try readDoublyJagged(branch: branch.name, as: T.self, entries: part).padded(lists: k, length: l).values.storage)
                report(part.upperBound - range.lowerBound)
            }
            try writer.endArray()
            try writer.beginArray(name + "_mask", dtype: .bool, shape: [n, k, l])
            for part in chunks {
                try writer.append(try readDoublyJagged(branch: branch.name, as: T.self, entries: part).padded(lists: k, length: l).mask.storage)
            }
            try writer.endArray()
        case .group, .string, .stringVector, .unsupported:
            preconditionFailure("checkConvertible refuses \(branch.layout)")
        }
    }
}
