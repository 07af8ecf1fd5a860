import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import JetNetCore
import JetNetFuzzing
import Testing
import JetNetTestSupport
@testable import JetNetIO

/// Issue 12's robustness suite: a few hundred seeded mutants of real files for every reader
/// must each read or throw a one-line `LocalizedError` (a trap would end the test run; a
/// hang would time it out). `scripts/fuzz` runs the same at 100,000 inputs per reader.
@Suite("Reader fuzzing")
struct ReaderFuzzTests {
    static let fixtures = FixtureDirectory(bundle: .module)

    /// Real files of each kind: encoded here (npy, npz, zip) or fixtures (tar, hdf5, root).
    static func corpus(_ reader: FuzzReader) throws -> [[UInt8]] {
        let jets = NDArray<Float>(shape: [4, 3, 4], storage: (0..<48).map { Float($0) / 7 })
        let ints = NDArray<Int64>(shape: [5], storage: [1, -2, 3, 1 << 40, -5])
        switch reader {
        case .npy: return [[UInt8](NPYFile.encode(jets)), [UInt8](NPYFile.encode(ints))]
        case .npz, .zip:
            return [[UInt8](NPZFile.encode([("particles", AnyNDArray(jets)), ("ids", AnyNDArray(ints))])),
                    [UInt8](NPZFile.encode([("x", AnyNDArray(jets))], compressed: true))]
        case .tar: return [[UInt8](try fixtures.data("archive/sample.tar"))]
        case .hdf5: return [[UInt8](try fixtures.data("types.h5"))]
        case .root: return [[UInt8](try fixtures.data("root/uproot-small-flat-tree.root"))]
        case .pt: return []  // JetNetMetricsTests fuzzes the .pt reader (its fixture lives there)
        }
    }

    @Test("300 mutants per reader: each reads or throws a one-line error", arguments: FuzzReader.allCases.filter { $0 != .pt })
    func mutants(reader: FuzzReader) throws {
        let scratch = temporaryURL("-fuzz-\(reader.rawValue)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let counts = FuzzCounts.run(reader, mutator: Mutator(corpus: try Self.corpus(reader), seed: 12), range: 0..<300, scratch: scratch)
        #expect(counts.inputs == 300)
        #expect(counts.uncleanErrors == 0, "\(counts.examples)")
        // The mutants must reach both outcomes: some still read, most are refused.
        #expect(counts.cleanErrors > 0)
        #expect(counts.successes + counts.cleanErrors == 300)
    }

    @Test("The mutator is reproducible: mutant i depends only on the seed and i")
    func reproducible() {
        let mutator = Mutator(corpus: [Array(0..<200)], seed: 7)
        #expect(mutator.mutant(41) == Mutator(corpus: [Array(0..<200)], seed: 7).mutant(41))
        #expect((0..<20).contains { mutator.mutant($0) != Array(0..<200) })
    }

    @Test("Network errors read as words with what to do (a stalled server is not error -1001)")
    func networkErrors() {
        let stalled = DownloadError.describe(URLError(.timedOut))
        #expect(stalled.contains("stalled") && stalled.contains("try again"))
        #expect(!stalled.contains("-1001"))
        #expect(DownloadError.describe(URLError(.cannotFindHost)).contains("could not be resolved"))
    }
}
