import Foundation
import JetNetCore
import Testing
@testable import JetNetIO

/// The structures uproot reads as numbers (every basic type, Double32_t/Float16_t, fixed and
/// counted arrays, std::vector of every type and of vectors, split objects and collections,
/// TNtuple, nested directories, TTree version 5), in files written by ROOT 6.40 and picked from
/// scikit-hep-testdata, against uproot's reading (Fixtures/root/structures.json).
@Suite("ROOT structures against uproot")
struct ROOTStructureTests {
    static let numeric = ROOTGoldenBranch.structures.filter { !$0.uprootFailed }

    /// One tree of uproot's listing: class, entries and (path, typename, entries, children).
    struct Listing: Sendable, CustomTestStringConvertible {
        let file: String
        let tree: String
        let className: String
        let entries: Int
        let branches: [(path: String, typeName: String, entries: Int, children: Int)]
        var testDescription: String { "\(file):\(tree)" }
    }

    static let listings: [Listing] = {
        let data = try! Data(contentsOf: ROOTGoldenBranch.url("structures.json"))
        let files = (try! JSONSerialization.jsonObject(with: data) as! [String: Any])["files"] as! [String: Any]
        return files.keys.sorted().flatMap { file in
            let trees = (files[file] as! [String: Any])["trees"] as! [String: Any]
            return trees.keys.sorted().map { tree in
                let t = trees[tree] as! [String: Any]
                let rows = (t["listing"] as! [[Any]]).map { ($0[0] as! String, $0[1] as! String, $0[2] as! Int, $0[3] as! Int) }
                return Listing(file: file, tree: tree, className: t["class"] as! String, entries: t["entries"] as! Int, branches: rows)
            }
        }
    }()

    @Test("every tree and branch is listed as uproot lists it", arguments: listings)
    func listingMatchesUproot(_ listing: Listing) throws {
        let file = try ROOTFile(url: ROOTGoldenBranch.url(listing.file))
        let tree = try file.tree(named: listing.tree)
        #expect(tree.className == listing.className)
        #expect(tree.entries == listing.entries)
        #expect(tree.branchPaths == listing.branches.map(\.path))
        for (branch, expected) in zip(tree.branches, listing.branches) {
            #expect(branch.entries == expected.entries, "\(expected.path)")
            #expect(branch.subBranches.count == expected.children, "\(expected.path)")
            // Types this reader decodes carry uproot's name; the others ROOT's class name.
            if case .unsupported = branch.layout { continue }
            #expect(Self.sameTypeName(branch.typeName, expected.typeName), "\(expected.path): \(branch.typeName) vs \(expected.typeName)")
        }
        let summary = try file.summaryLines()
        #expect(summary.contains { $0.hasPrefix("\(listing.tree)  \(listing.className)  \(listing.entries) entries") })
        #expect(!summary.contains { $0.contains("damaged") })
    }

    @Test("info indents sub-branches under their parent and names what it does not decode")
    func summaryIndentsAndNamesUndecoded() throws {
        let lines = try ROOTFile(url: ROOTGoldenBranch.url("structures.root")).summaryLines()
        let collection = try #require(lines.firstIndex { $0.hasPrefix("one/collection  TTree  40 entries  8 branches") })
        let words = lines[(collection + 1)...].prefix(8).map { $0.split(separator: " ").map(String.init) }
        #expect(lines[collection + 1].hasPrefix("  ps "))
        #expect(lines[collection + 2].hasPrefix("    ps.pt "))
        #expect(words[0] == ["ps", "vector<Particle>", "40", "entries", "ZLIB(1)"])
        #expect(words[7] == ["ps.hits", "std::vector<float>[]", "40", "entries", "ZLIB(1)", "not", "decoded", "(class", "std::vector<float>[])"])
        #expect(lines.contains("three/ntupled  TNtupleD  40 entries  2 branches"))
    }

    /// uproot names a split collection's class as ROOT stores it (`vector<Particle>`).
    static func sameTypeName(_ ours: String, _ theirs: String) -> Bool {
        ours == theirs || ours == "std::" + theirs
    }

    /// Branches uproot reads as numbers that this reader lists as not decoded: a
    /// `std::vector<float>` member of a split collection (triply nested) and a `TBranchObject`.
    static let notDecoded: Set<String> = ["structures.root:one/collection:ps/ps.hits", "structures.root:one/objects:whole"]

    @Test("every branch uproot reads as numbers reads the same", arguments: numeric)
    func branchMatchesUproot(_ golden: ROOTGoldenBranch) throws {
        let tree = try ROOTFile(url: ROOTGoldenBranch.url(golden.file)).tree(named: golden.tree)
        let branch = try tree.branch(named: golden.branch)
        if case let .unsupported(typeName) = branch.layout {
            #expect(Self.notDecoded.contains("\(golden.file):\(golden.tree):\(golden.branch)"))
            #expect(throws: ROOTError.unsupportedType(branch: branch.name, typeName: typeName)) {
                _ = try tree.read(branch: golden.branch, as: Double.self)
            }
            return
        }
        var flat: [Double] = []
        var counts: [Int]?
        var innerCounts: [Int]?
        var entry0: [Double]?
        switch branch.layout {
        case .object:
            let objects = try tree.read(branch: golden.branch, as: Double.self)
            flat = ROOTFileTests.fieldMajor(objects)
        case .objectVector:
            let jagged = try tree.readJaggedObjects(branch: golden.branch, as: Double.self)
            flat = ROOTFileTests.fieldMajor(jagged.objects)
            counts = jagged.counts
        case .vectorOfVectors:
            let doubly = try tree.readDoublyJagged(branch: golden.branch, as: Double.self)
            #expect(doubly.count == tree.entries)
            flat = doubly.inner.values
            counts = (0 ..< doubly.count).map { doubly.outer[$0 + 1] - doubly.outer[$0] }
            innerCounts = doubly.inner.counts
        case _ where branch.isJagged:
            let jagged = try tree.readJagged(branch: golden.branch, as: Double.self)
            #expect(jagged.count == tree.entries)
            flat = jagged.values
            let per = branch.innerShape.reduce(1, *)
            counts = jagged.counts.map { $0 / per }
            if branch.innerShape.isEmpty { entry0 = Array(jagged[0]) }
        default:
            let array = try tree.read(branch: golden.branch, as: Double.self)
            #expect(array.shape[0] == tree.entries)
            flat = array.storage
            if array.rank > 1 { counts = Array(repeating: array.shape[1], count: array.shape[0]) }
            if array.rank == 1 { entry0 = [array.storage[0]] }
        }
        golden.expectMatches(flat: flat, counts: counts)
        if let innerFirst = golden.innerCountsFirst {
            #expect(innerCounts.map { Array($0.prefix(20)) } == innerFirst)
            #expect(innerCounts?.reduce(0, +) == golden.innerCountsSum)
        }
        if let entry0, let expected = golden.entry0 {
            #expect(ROOTGoldenBranch.same(entry0, expected))
        }
    }
}
