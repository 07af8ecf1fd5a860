import Foundation
import JetNetCore
import Testing
@testable import JetNetIO

@Suite("ROOT reader against uproot")
struct ROOTFileTests {
    static let readable = ROOTGoldenBranch.all.filter { !$0.uprootFailed && !isString($0.typeName) }
    static let unreadable = ROOTGoldenBranch.all.filter { $0.uprootFailed || isString($0.typeName) }

    /// Strings have no numeric golden (see ROOTObjectTests for their reading).
    static func isString(_ name: String) -> Bool {
        name.contains("string") || name == "char*"
    }

    /// Objects `[n, fields]` flattened as awkward's `flatten(axis=None)` flattens records:
    /// field by field (every object's first field, then every object's second…).
    static func fieldMajor(_ objects: NDArray<Double>) -> [Double] {
        let (rows, width) = (objects.shape[0], objects.shape[1])
        return (0 ..< width).flatMap { field in (0 ..< rows).map { objects.storage[$0 * width + field] } }
    }

    @Test("every branch with numbers (objects included) reads as uproot reads it", arguments: readable)
    func branchMatchesUproot(_ golden: ROOTGoldenBranch) throws {
        let file = try ROOTFile(url: ROOTGoldenBranch.url(golden.file))
        let tree = try file.tree(named: golden.tree)
        let branch = try tree.branch(named: golden.branch)
        #expect(branch.typeName == golden.typeName)
        let flat: [Double]
        var counts: [Int]?
        var entry0: [Double] = []
        var entry0Objects: NDArray<Double>?
        switch branch.layout {
        case .object:
            let objects = try tree.read(branch: golden.branch, as: Double.self)
            #expect(objects.shape[0] == tree.entries)
            flat = Self.fieldMajor(objects)
            entry0Objects = objects.gatheringRows([0])
        case .objectVector:
            let jagged = try tree.readJaggedObjects(branch: golden.branch, as: Double.self)
            #expect(jagged.count == tree.entries)
            flat = Self.fieldMajor(jagged.objects)
            counts = jagged.counts
            entry0Objects = jagged[0]
        case _ where branch.isJagged:
            let jagged = try tree.readJagged(branch: golden.branch, as: Double.self)
            #expect(jagged.count == tree.entries)
            flat = jagged.values
            counts = jagged.counts
            entry0 = jagged.count > 0 ? Array(jagged[0]) : []
        default:
            let array = try tree.read(branch: golden.branch, as: Double.self)
            #expect(array.shape[0] == tree.entries)
            flat = array.storage
            let perEntry = array.shape.dropFirst().reduce(1, *)
            entry0 = Array(array.storage.prefix(perEntry))
            if array.rank > 1 { counts = Array(repeating: perEntry, count: array.shape[0]) }
        }
        golden.expectMatches(flat: flat, counts: counts)
        if let objects = entry0Objects, case let .object(layout) = branch.layout {
            #expect(Self.records(objects, layout) == golden.entry0Records)
        } else if let objects = entry0Objects, case let .objectVector(layout) = branch.layout {
            // An empty entry 0 is `[]` in the golden, which has no records.
            #expect(Self.records(objects, layout) == (golden.entry0Records ?? []))
        } else if let expected = golden.entry0 {
            #expect(ROOTGoldenBranch.same(entry0, expected))
        }
    }

    /// Objects `[n, fields]` as records keyed by field path, like the golden's entry 0.
    static func records(_ objects: NDArray<Double>, _ layout: ROOTObjectLayout) -> [[String: Double]] {
        let width = layout.fields.count
        return (0 ..< objects.shape[0]).map { row in
            Dictionary(uniqueKeysWithValues: layout.fields.enumerated().map { ($1.name, objects.storage[row * width + $0]) })
        }
    }

    @Test("string branches read as numbers throw unsupportedType naming their type", arguments: unreadable)
    func objectBranchesAreNamedUnsupported(_ golden: ROOTGoldenBranch) throws {
        let tree = try ROOTFile(url: ROOTGoldenBranch.url(golden.file)).tree(named: golden.tree)
        let branch = try tree.branch(named: golden.branch)
        #expect(branch.typeName == golden.typeName)
        #expect(throws: ROOTError.unsupportedType(branch: golden.branch, typeName: branch.typeName)) {
            if branch.isJagged {
                _ = try tree.readJagged(branch: golden.branch, as: Double.self)
            } else {
                _ = try tree.read(branch: golden.branch, as: Double.self)
            }
        }
    }

    @Test("trees, entries and compression of every fixture file")
    func treesAndEntries() throws {
        for (key, entries) in ROOTGoldenBranch.treeEntries {
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            let file = try ROOTFile(url: ROOTGoldenBranch.url(parts[0]))
            #expect(file.treeNames.contains(parts[1]))
            #expect(try file.tree(named: parts[1]).entries == entries)
        }
        #expect(try ROOTFile(url: ROOTGoldenBranch.url("uproot-HZZ-lz4.root")).compression.description == "LZ4(4)")
        #expect(try ROOTFile(url: ROOTGoldenBranch.url("structures-zstd.root")).compression.description == "ZSTD(5)")
        #expect(try ROOTFile(url: ROOTGoldenBranch.url("uproot-HZZ-lzma.root")).compression.description == "LZMA(4)")
        #expect(try ROOTFile(url: ROOTGoldenBranch.url("structures-none.root")).compression.description == "none")
        #expect(try ROOTFile(url: ROOTGoldenBranch.url("uproot-HZZ-zlib.root")).rootVersion == "6.10/05")
    }

    @Test("entry ranges read only part of a branch and agree with the full read")
    func entryRanges() throws {
        let tree = try ROOTFile(url: ROOTGoldenBranch.url("uproot-HZZ-objects.root")).tree(named: "events")
        let all = try tree.readJagged(branch: "muoniso", as: Float.self)
        for range in [0 ..< 1, 5 ..< 900, 1200 ..< 2421, 2420 ..< 2421, 7 ..< 7] {
            let part = try tree.readJagged(branch: "muoniso", as: Float.self, entries: range)
            #expect(part.count == range.count)
            #expect(part.values == Array(all.values[all.offsets[range.lowerBound] ..< all.offsets[range.upperBound]]))
        }
        let flat = try tree.read(branch: "eventweight", as: Float.self)
        #expect(try tree.read(branch: "eventweight", as: Float.self, entries: 100 ..< 2000).storage == Array(flat.storage[100 ..< 2000]))
        let fixed = try ROOTFile(url: ROOTGoldenBranch.url("uproot-small-flat-tree.root")).tree(named: "tree")
        let array = try fixed.read(branch: "ArrayFloat64", as: Double.self, entries: 3 ..< 5)
        #expect(array.shape == [2, 10])
    }
}
