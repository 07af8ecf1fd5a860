import Foundation
import Testing
@testable import JetNetIO

@Suite("ROOT reader against uproot")
struct ROOTFileTests {
    static let readable = ROOTGoldenBranch.all.filter { !$0.uprootFailed && !isObjectType($0.typeName) }
    static let unreadable = ROOTGoldenBranch.all.filter { $0.uprootFailed || isObjectType($0.typeName) }

    /// Branches of streamed objects (TLorentzVector, TVector3…) and strings: not decoded.
    static func isObjectType(_ name: String) -> Bool {
        name.contains("TLorentzVector") || name.contains("TVector") || name.contains("string") || name == "char*"
    }

    @Test("every numeric branch reads as uproot reads it", arguments: readable)
    func branchMatchesUproot(_ golden: ROOTGoldenBranch) throws {
        let file = try ROOTFile(url: ROOTGoldenBranch.url(golden.file))
        let tree = try file.tree(named: golden.tree)
        let branch = try tree.branch(named: golden.branch)
        #expect(branch.typeName == golden.typeName)
        let flat: [Double]
        var counts: [Int]?
        var entry0: [Double]
        if branch.isJagged {
            let jagged = try tree.readJagged(branch: golden.branch, as: Double.self)
            #expect(jagged.count == tree.entries)
            flat = jagged.values
            counts = jagged.counts
            entry0 = jagged.count > 0 ? Array(jagged[0]) : []
        } else {
            let array = try tree.read(branch: golden.branch, as: Double.self)
            #expect(array.shape[0] == tree.entries)
            flat = array.storage
            let perEntry = array.shape.dropFirst().reduce(1, *)
            entry0 = Array(array.storage.prefix(perEntry))
            if array.rank > 1 { counts = Array(repeating: perEntry, count: array.shape[0]) }
        }
        #expect(flat.count == golden.flatCount)
        let sum = flat.reduce(0, +)
        if golden.flatSum!.isNaN {
            #expect(sum.isNaN)
        } else {
            #expect(abs(sum - golden.flatSum!) <= 1e-9 * max(1, abs(golden.flatSum!)))
        }
        #expect(ROOTGoldenBranch.same(Array(flat.prefix(10)), golden.flatFirst))
        #expect(ROOTGoldenBranch.same(Array(flat.suffix(10)), golden.flatLast))
        if let countsFirst = golden.countsFirst {
            #expect(counts.map { Array($0.prefix(20)) } == countsFirst)
            #expect(counts?.reduce(0, +) == golden.countsSum)
        }
        if let expected = golden.entry0 {
            #expect(ROOTGoldenBranch.same(entry0, expected))
        }
    }

    @Test("object and string branches throw unsupportedType naming their type", arguments: unreadable)
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
        #expect(try ROOTFile(url: ROOTGoldenBranch.url("uproot-HZZ-zstd.root")).compression.description == "ZSTD(5)")
        #expect(try ROOTFile(url: ROOTGoldenBranch.url("uproot-HZZ-lzma.root")).compression.description == "LZMA(4)")
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
