import Foundation
import JetNetFuzzing
import Testing
@testable import JetNetIO

@Suite("ROOT reader on bad input")
struct ROOTBadInputTests {
    static func bytes(_ file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: ROOTGoldenBranch.url(file)))
    }

    /// Opens the file and reads every branch it can, as a user would.
    static func readEverything(_ file: ROOTFile) throws {
        for tree in try file.trees() {
            for branch in tree.branches { try ROOTFuzzer.readAll(tree, branch) }
        }
    }

    @Test("XXH64 equals Python xxhash.xxh64", arguments: [
        (0, UInt64(17_241_709_254_077_376_921)), (1, 15_154_266_338_359_012_955), (3, 4_952_883_123_889_572_249),
        (40, 17_715_543_491_017_654_761), (771, 16_798_885_881_075_694_072),
    ])
    func xxh64(length: Int, expected: UInt64) {
        let data: [UInt8] = switch length {
        case 0: []
        case 1: Array("a".utf8)
        case 3: Array("abc".utf8)
        case 40: (0 ..< 40).map(UInt8.init)
        default: Array(repeating: (0 ..< 256).map(UInt8.init), count: 3).flatMap { $0 } + Array("xyz".utf8)
        }
        #expect(XXH64.hash(data) == expected)
    }

    @Test("wrong magic")
    func wrongMagic() throws {
        var data = try Self.bytes("uproot-small-flat-tree.root")
        data[3] = UInt8(ascii: "p")
        #expect(throws: ROOTError.badMagic(found: Array("roop".utf8))) { try ROOTFile(bytes: data) }
        #expect(throws: ROOTError.badMagic(found: [])) { try ROOTFile(bytes: []) }
        let error = ROOTError.badMagic(found: Array("<htm".utf8))
        #expect(error.errorDescription!.contains("download it again"))
    }

    @Test("truncated files throw, at every cut", arguments: [10, 100, 1000, 50_000, 150_000, 286_000])
    func truncated(length: Int) throws {
        let data = Array(try Self.bytes("uproot-HZZ-lz4.root").prefix(length))
        #expect(throws: ROOTError.self) { try Self.readEverything(ROOTFile(bytes: data)) }
    }

    @Test("missing file, tree and branch are named")
    func missingNames() throws {
        #expect(throws: ROOTError.fileNotFound(path: "/nonexistent/x.root")) {
            try ROOTFile(url: URL(fileURLWithPath: "/nonexistent/x.root"))
        }
        let file = try ROOTFile(url: ROOTGoldenBranch.url("uproot-small-flat-tree.root"))
        #expect(throws: ROOTError.treeNotFound(name: "events", available: ["tree"])) { try file.tree(named: "events") }
        let tree = try file.tree(named: "tree")
        do {
            _ = try tree.read(branch: "Int33", as: Int32.self)
            Issue.record("a missing branch was read")
        } catch let error as ROOTError {
            guard case let .branchNotFound(name, treeName, available) = error else { throw error }
            #expect(name == "Int33" && treeName == "tree" && available.contains("Int32"))
            #expect(error.errorDescription!.contains("'Int33'"))
        }
    }

    @Test("unsupported types and wrong shapes say what the branch holds")
    func unsupportedAndWrongShape() throws {
        let tree = try ROOTFile(url: ROOTGoldenBranch.url("uproot-small-flat-tree.root")).tree(named: "tree")
        #expect(throws: ROOTError.unsupportedType(branch: "Str", typeName: "char*")) { try tree.read(branch: "Str", as: Double.self) }
        #expect(ROOTError.unsupportedType(branch: "Str", typeName: "char*").errorDescription!.contains("'char*'"))
        #expect(throws: ROOTError.wrongShape(branch: "SliceInt32", typeName: "int32_t[]", expected: "it is jagged: read it with readJagged(branch:as:entries:)")) {
            try tree.read(branch: "SliceInt32", as: Int32.self)
        }
        #expect(throws: ROOTError.entriesOutOfBounds(branch: "Int32", entries: 90 ..< 101, count: 100)) {
            try tree.read(branch: "Int32", as: Int32.self, entries: 90 ..< 101)
        }
        #expect(throws: ROOTError.wrongShape(branch: "Int32", typeName: "int32_t", expected: "it is flat: read it with read(branch:as:entries:)")) {
            try tree.readStrings(branch: "Int32")
        }
    }

    @Test("a corrupted LZ4 block fails its checksum")
    func lz4ChecksumMismatch() throws {
        var data = try Self.bytes("uproot-HZZ-lz4.root")
        let tree = try ROOTFile(bytes: data).tree(named: "events")
        let branch = try tree.branch(named: "Jet_Px")
        let seek = branch.basketSeeks[0]
        var cursor = ByteCursor(Array(data[seek ..< seek + 100]))
        let key = try TKey.parse(&cursor)
        #expect(key.className == "TBasket")
        let block = seek + key.keyLength
        #expect(Array(data[block ..< block + 2]) == Array("L4".utf8))
        data[block + 9 + 8 + 20] ^= 0x5A  // a byte of the compressed data, after header and checksum
        let damaged = try ROOTFile(bytes: data).tree(named: "events")
        do {
            _ = try damaged.readJagged(branch: "Jet_Px", as: Float.self)
            Issue.record("a corrupted block was read")
        } catch let error as ROOTError {
            guard case .checksumMismatch = error else { throw error }
        }
        // Other branches are untouched and still read.
        #expect(try damaged.read(branch: "NJet", as: Int32.self) == tree.read(branch: "NJet", as: Int32.self))
    }

    @Test("seeded mutation fuzzing never traps (JETNET_ROOT_FUZZ_ITERATIONS raises the count)")
    func mutationFuzzing() throws {
        let iterations = ProcessInfo.processInfo.environment["JETNET_ROOT_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 20_000
        let report = try ROOTFuzzer.run(iterations: iterations, seed: 20_261_129, corpus: [
            Self.bytes("uproot-small-flat-tree.root"), Self.bytes("uproot-issue-172.root"),
        ])
        #expect(report.iterations == iterations)
        // The loop must reach past the header: some mutants still open and some reads fail.
        #expect(report.opened > 0)
        #expect(report.failures > 0)
    }
}
