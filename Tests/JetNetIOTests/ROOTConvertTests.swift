import Foundation
import JetNetCore
import JetNetTestSupport
import Testing
@testable import JetNetIO

/// `TTree.convert`: the .npz holds what the reader returns, padded, whatever the chunk size.
@Suite("ROOT to NumPy conversion")
struct ROOTConvertTests {
    static let file = "structures.root"

    @Test("flat, fixed, jagged and doubly jagged branches convert with masks", arguments: [1, 7, 10_000])
    func convertMatchesReads(chunk: Int) throws {
        let root = try ROOTFile(url: ROOTGoldenBranch.url(Self.file))
        let vectors = try root.tree(named: "one/two/vectors")
        let url = temporaryURL(".npz")
        defer { try? FileManager.default.removeItem(at: url) }
        try vectors.convert(branches: ["vf32", "vi16", "vvi"], pad: [4, 3], to: url, chunk: chunk)
        let npz = try NPZFile(url: url)
        #expect(npz.keys.sorted() == ["vf32", "vf32_mask", "vi16", "vi16_mask", "vvi", "vvi_mask"])
        let padded = try vectors.readJagged(branch: "vf32", as: Float.self).padded(to: 4)
        #expect(try npz.array("vf32", as: Float.self) == padded.values)
        #expect(try npz.array("vf32_mask", as: Bool.self) == padded.mask)
        #expect(try npz.array("vi16", as: Int32.self) == vectors.readJagged(branch: "vi16", as: Int32.self).padded(to: 4).values)
        let doubly = try vectors.readDoublyJagged(branch: "vvi", as: Int32.self).padded(lists: 4, length: 3)
        #expect(try npz.array("vvi", as: Int32.self) == doubly.values)
        #expect(try npz.array("vvi_mask", as: Bool.self) == doubly.mask)
        // The golden's counts: the mask holds min(count, 4) values per entry.
        let golden = try #require(ROOTGoldenBranch.structures.first { $0.file == Self.file && $0.branch == "vf32" })
        let maskRows = try npz.array("vf32_mask", as: Bool.self).storage
        let kept = (0 ..< 20).map { row in (0 ..< 4).filter { maskRows[row * 4 + $0] }.count }
        #expect(kept == golden.countsFirst!.map { min($0, 4) })

        let basic = try root.tree(named: "basic")
        try basic.convert(branches: ["arr23", "jag3", "d32", "u64"], entries: 3 ..< 30, pad: [5], to: url, chunk: chunk)
        let second = try NPZFile(url: url)
        #expect(try second.array("arr23", as: Int32.self) == basic.read(branch: "arr23", as: Int32.self, entries: 3 ..< 30))
        #expect(try second.array("d32", as: Double.self) == basic.read(branch: "d32", as: Double.self, entries: 3 ..< 30))
        #expect(try second.array("u64", as: Int64.self) == basic.read(branch: "u64", as: Int64.self, entries: 3 ..< 30))
        let jag3 = try second.array("jag3", as: Float.self)
        #expect(jag3.shape == [27, 5, 3])
        let rows = try basic.readJagged(branch: "jag3", as: Float.self, entries: 3 ..< 30)
        for row in 0 ..< 27 {
            let values = Array(rows[row].prefix(15))
            #expect(Array(jag3.storage[row * 15 ..< row * 15 + values.count]) == values)
            #expect(jag3.storage[row * 15 + values.count ..< row * 15 + 15].allSatisfy { $0 == 0 })
        }
    }

    @Test("jagged branches without --pad-to and doubly jagged ones with one length are refused")
    func refusals() throws {
        let tree = try ROOTFile(url: ROOTGoldenBranch.url(Self.file)).tree(named: "one/two/vectors")
        let url = temporaryURL(".npz")
        #expect(throws: ROOTError.cannotConvert(branch: "vf32", reason: "it is jagged (std::vector<float>); give its padded length with --pad-to K")) {
            try tree.convert(branches: ["vf32"], to: url)
        }
        #expect(throws: ROOTError.cannotConvert(branch: "vvf", reason: "it is doubly jagged (std::vector<std::vector<float>>); pad both levels with --pad-to K,L (K lists of L values)")) {
            try tree.convert(branches: ["vvf"], pad: [4], to: url)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
