import Foundation
import JetNetCore
import JetNetFuzzing
import Testing
@testable import JetNetIO

/// Streamed objects (TVector2, TVector3, TLorentzVector) and strings.
@Suite("ROOT objects and strings")
struct ROOTObjectTests {
    static let objectsFile = "uproot-HZZ-objects.root"

    @Test("known classes have ROOT's streamed sizes and uproot's field names")
    func layouts() throws {
        // Header 6 + TObject 10 + members: 16 + 2*8, 16 + 3*8, 16 + 40 + 8.
        let vector2 = try #require(ROOTObjectLayout(className: "TVector2"))
        #expect(vector2.byteSize == 32)
        #expect(vector2.fields.map(\.name) == ["fX", "fY"])
        let vector3 = try #require(ROOTObjectLayout(className: "TVector3"))
        #expect(vector3.byteSize == 40)
        #expect(vector3.fields.map(\.name) == ["fX", "fY", "fZ"])
        let lorentz = try #require(ROOTObjectLayout(className: "TLorentzVector"))
        #expect(lorentz.byteSize == 64)
        #expect(lorentz.fields.map(\.name) == ["fP.fX", "fP.fY", "fP.fZ", "fE"])
        #expect(lorentz.fields.map(\.type) == Array(repeating: .float64, count: 4))
        #expect(ROOTObjectLayout(className: "TH1F") == nil)
        #expect(ROOTObjectLayout.knownClasses == ["TLorentzVector", "TVector2", "TVector3"])
    }

    /// A streamed TVector2 (fX, fY) as ROOT writes it.
    static func tVector2(_ x: Double, _ y: Double, byteCount: UInt32 = 28, version: UInt16 = 3) -> [UInt8] {
        func be<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
        return be(0x4000_0000 | byteCount) + be(version) + be(UInt16(1)) + be(UInt32(0)) + be(UInt32(0x0200_0000))
            + be(x.bitPattern) + be(y.bitPattern)
    }

    @Test("an object decodes from its bytes; a wrong byte count or version throws")
    func headerChecks() throws {
        let layout = try #require(ROOTObjectLayout(className: "TVector2"))
        var out = [Float](repeating: 0, count: 2)
        try Self.tVector2(1.5, -2.25).withUnsafeBytes { raw in
            try layout.checkHeaders(raw, at: 0, branch: "MET")
            out.withUnsafeMutableBufferPointer { layout.decode(raw, at: 0, into: $0.baseAddress!) }
        }
        #expect(out == [1.5, -2.25])
        // A referenced TObject streams 2 more bytes: the byte count no longer fits the layout.
        #expect(throws: ROOTError.self) {
            try Self.tVector2(0, 0, byteCount: 30).withUnsafeBytes { try layout.checkHeaders($0, at: 0, branch: "MET") }
        }
        #expect(throws: ROOTError.unsupportedVersion(className: "TVector2", version: 2)) {
            try Self.tVector2(0, 0, version: 2).withUnsafeBytes { try layout.checkHeaders($0, at: 0, branch: "MET") }
        }
    }

    @Test("unknown classes stay unsupported and the error names the class")
    func unknownClasses() throws {
        #expect(TBranch.containerLayout("TH1F") == nil)
        #expect(TBranch.containerLayout("vector<TH1F>") == .unsupported("std::vector<TH1F>"))
        #expect(TBranch.containerLayout("vector<vector<float> >") == .vectorOfVectors(.float32))
        #expect(TBranch.containerLayout("vector<set<int> >") == .unsupported("std::vector<set<int>>"))
        #expect(TBranch.cppName("vector<vector<int> >") == "std::vector<std::vector<int32_t>>")
        #expect(TBranch.containerLayout("vector<TLorentzVector>")
            == .objectVector(try #require(ROOTObjectLayout(className: "TLorentzVector"))))
        let message = ROOTError.unsupportedType(branch: "h", typeName: "TH1F").errorDescription ?? ""
        #expect(message.contains("'TH1F'") && message.contains("TLorentzVector, TVector2, TVector3"))
    }

    @Test("object branches read in parts agree with the full read")
    func entryRanges() throws {
        let tree = try ROOTFile(url: ROOTGoldenBranch.url(Self.objectsFile)).tree(named: "events")
        let muons = try tree.readJaggedObjects(branch: "muonp4", as: Double.self)
        #expect(muons.fields == ["fP.fX", "fP.fY", "fP.fZ", "fE"])
        for range in [0 ..< 1, 5 ..< 900, 1200 ..< 2421, 7 ..< 7] {
            let part = try tree.readJaggedObjects(branch: "muonp4", as: Double.self, entries: range)
            #expect(part.count == range.count)
            #expect(part.objects.storage == Array(muons.objects.storage[muons.offsets[range.lowerBound] * 4 ..< muons.offsets[range.upperBound] * 4]))
        }
        let met = try tree.read(branch: "MET", as: Double.self)
        #expect(met.shape == [2421, 2])
        #expect(try tree.read(branch: "MET", as: Double.self, entries: 798 ..< 1700).storage == Array(met.storage[798 * 2 ..< 1700 * 2]))
        // Float results are the doubles rounded, as astype(float32).
        #expect(try tree.read(branch: "MET", as: Float.self).storage == met.storage.map { Float($0) })
    }

    @Test("reading an object branch the wrong way says which call reads it")
    func wrongShapes() throws {
        let tree = try ROOTFile(url: ROOTGoldenBranch.url(Self.objectsFile)).tree(named: "events")
        #expect(throws: ROOTError.wrongShape(branch: "jetp4", typeName: "std::vector<TLorentzVector>",
                                             expected: "it holds objects: read it with readJaggedObjects(branch:as:entries:)")) {
            _ = try tree.readJagged(branch: "jetp4", as: Double.self)
        }
        #expect(throws: ROOTError.wrongShape(branch: "MET", typeName: "TVector2", expected: "it is flat: read it with read(branch:as:entries:)")) {
            _ = try tree.readJaggedObjects(branch: "MET", as: Double.self)
        }
        #expect(throws: ROOTError.wrongShape(branch: "jetp4", typeName: "std::vector<TLorentzVector>",
                                             expected: "it holds objects: read it with readJaggedObjects(branch:as:entries:)")) {
            _ = try tree.readStrings(branch: "jetp4")
        }
    }

    struct StringGolden: Sendable, CustomTestStringConvertible {
        let file: String
        let tree: String
        let branch: String
        let typeName: String
        let entries: Int
        let flatCount: Int
        let first: [String]
        let last: [String]
        let md5: String
        let countsFirst: [Int]?
        let countsSum: Int?
        var testDescription: String { "\(file):\(tree)/\(branch)" }

        static let all: [StringGolden] = {
            let data = try! Data(contentsOf: ROOTGoldenBranch.url("strings.json"))
            let json = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
            let branches = json["branches"] as! [String: [String: Any]]
            return branches.keys.sorted().map { key in
                let parts = key.split(separator: ":").map(String.init)
                let b = branches[key]!
                return StringGolden(file: parts[0], tree: parts[1], branch: parts[2], typeName: b["typename"] as! String,
                                    entries: b["entries"] as! Int, flatCount: b["flat_count"] as! Int,
                                    first: b["first"] as! [String], last: b["last"] as! [String], md5: b["md5"] as! String,
                                    countsFirst: b["counts_first"] as? [Int], countsSum: b["counts_sum"] as? Int)
            }
        }()
    }

    @Test("string branches read as uproot reads them", arguments: StringGolden.all)
    func strings(_ golden: StringGolden) throws {
        let tree = try ROOTFile(url: ROOTGoldenBranch.url(golden.file)).tree(named: golden.tree)
        #expect(try tree.branch(named: golden.branch).typeName == golden.typeName)
        let flat: [String]
        if golden.typeName == "char*" {
            flat = try tree.readStrings(branch: golden.branch)
            #expect(flat.count == golden.entries)
        } else {
            let lists = try tree.readStringLists(branch: golden.branch)
            #expect(lists.count == golden.entries)
            #expect(Array(lists.map(\.count).prefix(20)) == golden.countsFirst)
            #expect(lists.map(\.count).reduce(0, +) == golden.countsSum)
            flat = lists.flatMap { $0 }
        }
        #expect(flat.count == golden.flatCount)
        #expect(Array(flat.prefix(10)) == golden.first)
        #expect(Array(flat.suffix(10)) == golden.last)
        #expect(MD5.hex(of: Array(flat.joined(separator: "\n").utf8)) == golden.md5)
    }

    @Test("string entry ranges agree with the full read")
    func stringRanges() throws {
        let tree = try ROOTFile(url: ROOTGoldenBranch.url("uproot-Zmumu-zlib.root")).tree(named: "events")
        let all = try tree.readStrings(branch: "Type")
        #expect(try tree.readStrings(branch: "Type", entries: 1000 ..< 2304) == Array(all[1000 ..< 2304]))
    }
}

/// Fuzzing of decompressed basket bytes: the object and string branches' baskets are
/// compressed, so file-level mutants rarely reach their decoding.
@Suite("ROOT object and string baskets under mutation")
struct ROOTBasketFuzzTests {
    /// The first basket of a branch, mutated in place: bit flips, byte and 32-bit value
    /// overwrites, copied runs, and entry offsets moved within their neighbours (the basket
    /// parser guarantees offsets are ordered and inside the data, so mutants keep that).
    static func mutate(_ basket: TBasket, _ generator: inout SplitMix64) -> TBasket {
        var data = basket.data
        var offsets = basket.entryOffsets
        for _ in 0 ..< 1 + Int(generator.next() % 4) {
            guard !data.isEmpty else { break }
            let position = Int(generator.next() % UInt64(data.count))
            switch generator.next() % 5 {
            case 0: data[position] ^= UInt8(1 << (generator.next() % 8))
            case 1: data[position] = UInt8(truncatingIfNeeded: generator.next())
            case 2:
                let values: [UInt32] = [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x4000_0000, 0x4000_001C, 255, 0xFFFF]
                let value = values[Int(generator.next() % UInt64(values.count))]
                for k in 0 ..< 4 where position + k < data.count { data[position + k] = UInt8(truncatingIfNeeded: value >> (24 - 8 * k)) }
            case 3:
                let source = Int(generator.next() % UInt64(data.count))
                let length = min(Int(generator.next() % 64), data.count - max(source, position))
                for k in 0 ..< max(0, length) { data[position + k] = data[source + k] }
            default:
                guard var moved = offsets, moved.count > 2 else { continue }
                let index = 1 + Int(generator.next() % UInt64(moved.count - 2))
                let span = moved[index + 1] - moved[index - 1]
                moved[index] = moved[index - 1] + (span > 0 ? Int(generator.next() % UInt64(span + 1)) : 0)
                offsets = moved
            }
        }
        return TBasket(data: data, entryOffsets: offsets, entryCount: basket.entryCount)
    }

    @Test("damaged object and string baskets throw ROOTError, never trap")
    func mutationFuzzingOfBaskets() throws {
        let iterations = ProcessInfo.processInfo.environment["JETNET_ROOT_FUZZ_ITERATIONS"].flatMap(Int.init).map { $0 / 10 } ?? 10_000
        let sources: [(file: String, tree: String, branches: [String])] = [
            ("uproot-HZZ-objects.root", "events", ["jetp4", "muonp4", "MET", "MC_lepton"]),
            ("uproot-Zmumu-zlib.root", "events", ["Type"]),
            ("uproot-issue64.root", "events/events", ["type_pri"]),
            ("uproot-small-flat-tree.root", "tree", ["Str"]),
        ]
        var targets: [(tree: TTree, branch: TBranch, basket: TBasket)] = []
        for source in sources {
            let tree = try ROOTFile(url: ROOTGoldenBranch.url(source.file)).tree(named: source.tree)
            for name in source.branches {
                let branch = try tree.branch(named: name)
                targets.append((tree, branch, try branch.basket(0, from: tree.source)))
            }
        }
        var generator = SplitMix64(seed: 20_261_130)
        var failures = 0
        for _ in 0 ..< iterations {
            let target = targets[Int(generator.next() % UInt64(targets.count))]
            let basket = Self.mutate(target.basket, &generator)
            let b = target.branch
            let branch = TBranch(
                name: b.name, title: b.title, className: b.className, elementClassName: b.elementClassName, leaves: b.leaves,
                layout: b.layout, entries: basket.entryCount, compression: b.compression, subBranches: [], encoding: b.encoding, innerShape: b.innerShape, entryHeaderBytes: b.entryHeaderBytes,
                basketSeeks: [], basketBytes: [], basketEntryStarts: [0], embeddedBaskets: [basket])
            let tree = TTree(name: target.tree.name, title: "", entries: basket.entryCount, topBranches: [branch], source: target.tree.source)
            do {
                try ROOTFuzzer.readAll(tree, branch)
            } catch is ROOTError {
                failures += 1
            }
        }
        // Some mutants must fail (headers, counts) and some must still read (bytes inside values).
        #expect(failures > 0)
        #expect(failures < iterations)
    }
}
