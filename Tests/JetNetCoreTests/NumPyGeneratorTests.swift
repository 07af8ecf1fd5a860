import Foundation
import Testing
@testable import JetNetCore

/// One seed's golden values from NumPy (`Fixtures/rng.json`, made by golden_rng.py).
struct RNGGoldenCase: Decodable, Sendable, CustomTestStringConvertible {
    /// A long integer array's fingerprint: length, sum, ends and SHA-256 of its int64 bytes.
    struct Fingerprint: Decodable, Sendable {
        let len: Int
        let sum: Int64
        let first: [Int64]
        let last: [Int64]
        let sha256_int64_le: String
    }
    struct TwoCalls: Decodable, Sendable {
        let first: Fingerprint
        let second: Fingerprint
    }

    let seed: UInt64
    let seedsequence_state_uint32x8: [UInt32]
    let pcg64_random_raw: [String]
    let random_10: [String]
    let standard_normal_10: [String]
    let permutation_1: [Int]
    let permutation_2: [Int]
    let permutation_7: [Int]
    let permutation_10: [Int]
    let permutation_1000: Fingerprint
    let permutation_70000: Fingerprint
    let permutation_177252: Fingerprint
    let permutation_347931: Fingerprint
    let choice_7_20: [Int]
    let choice_1000_50: Fingerprint
    let choice_50000_50000: Fingerprint
    let choice_2147483651_10: [Int]
    let choice_8589934592_10: [Int]
    let integers_0_10_x30: [Int64]
    let integers_m5_5_x30: [Int64]
    let choice_5000_then_3000: TwoCalls

    var testDescription: String { "seed \(seed)" }

    static let all: [RNGGoldenCase] = {
        struct File: Decodable { let cases: [RNGGoldenCase] }
        return try! fixtures.decode(File.self, from: "rng.json").cases
    }()
}

/// Checks an integer array against its golden fingerprint, element by element through SHA-256.
private func expectMatches(_ values: [Int], _ golden: RNGGoldenCase.Fingerprint, _ what: String) {
    let values64 = values.map(Int64.init)
    #expect(values64.count == golden.len, "\(what): length")
    #expect(values64.reduce(0, &+) == golden.sum, "\(what): sum")
    #expect(Array(values64.prefix(golden.first.count)) == golden.first, "\(what): first elements")
    #expect(Array(values64.suffix(golden.last.count)) == golden.last, "\(what): last elements")
    #expect(SHA256ForTests.hexDigest(int64LittleEndian: values64) == golden.sha256_int64_le, "\(what): sha256")
}

/// Parses Python's `float.hex` text.
private func hexDouble(_ text: String) -> Double {
    guard let value = Double(text) else { fatalError("not a hex float: \(text)") }
    return value
}

@Suite("NumPy default_rng, bit for bit")
struct NumPyGeneratorTests {
    @Test(arguments: RNGGoldenCase.all)
    func seedSequenceState(_ golden: RNGGoldenCase) {
        #expect(SeedSequence(seed: golden.seed).generateState(count: 8) == golden.seedsequence_state_uint32x8)
    }

    @Test(arguments: RNGGoldenCase.all)
    func pcg64RawOutputs(_ golden: RNGGoldenCase) {
        var pcg = PCG64(seed: golden.seed)
        let raw = (0..<8).map { _ in pcg.nextUInt64() }
        #expect(raw == golden.pcg64_random_raw.map { UInt64($0)! })
    }

    @Test(arguments: RNGGoldenCase.all)
    func uniformDoublesAreBitEqual(_ golden: RNGGoldenCase) {
        var rng = NumPyGenerator(seed: golden.seed)
        let values = rng.random(count: 10)
        #expect(values.map(\.bitPattern) == golden.random_10.map { hexDouble($0).bitPattern })
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
    }

    @Test(arguments: RNGGoldenCase.all)
    func standardNormalsAreBitEqual(_ golden: RNGGoldenCase) {
        var rng = NumPyGenerator(seed: golden.seed)
        let values = rng.standardNormal(count: 10)
        #expect(values.map(\.bitPattern) == golden.standard_normal_10.map { hexDouble($0).bitPattern })
    }

    @Test(arguments: RNGGoldenCase.all)
    func shortPermutations(_ golden: RNGGoldenCase) {
        for (n, expected) in [(1, golden.permutation_1), (2, golden.permutation_2),
                              (7, golden.permutation_7), (10, golden.permutation_10)] {
            var rng = NumPyGenerator(seed: golden.seed)
            #expect(rng.permutation(n) == expected, "permutation(\(n))")
        }
    }

    @Test(arguments: RNGGoldenCase.all)
    func longPermutations(_ golden: RNGGoldenCase) {
        for (n, expected) in [(1000, golden.permutation_1000), (70000, golden.permutation_70000),
                              (177_252, golden.permutation_177252), (347_931, golden.permutation_347931)] {
            var rng = NumPyGenerator(seed: golden.seed)
            let permutation = rng.permutation(n)
            expectMatches(permutation, expected, "permutation(\(n))")
            #expect(permutation.sorted() == Array(0..<n), "permutation(\(n)) is a permutation")
        }
    }

    @Test("choice (two 32-bit draws per 64-bit output) equals integers (one draw at a time), rejections and odd counts included")
    func choiceEqualsIntegers() {
        // 2^31 + 3 rejects about half of the 32-bit draws; 1 consumes none; odd counts leave a
        // buffered half for the next call.
        let calls = [(7, 3), (2_147_483_651, 101), (1, 5), (50_000, 999), (2_147_483_651, 2), (3, 1), (50_000, 4000)]
        var (bulk, single) = (NumPyGenerator(seed: 12), NumPyGenerator(seed: 12))
        for (n, count) in calls {
            #expect(bulk.choice(n, count: count) == single.integers(low: 0, high: Int64(n), count: count).map { Int($0) }, "choice(\(n), \(count))")
            #expect(bulk == single, "generator state after choice(\(n), \(count))")
        }
    }

    @Test(arguments: RNGGoldenCase.all)
    func choicesWithReplacement(_ golden: RNGGoldenCase) {
        var rng = NumPyGenerator(seed: golden.seed)
        #expect(rng.choice(7, count: 20) == golden.choice_7_20)
        rng = NumPyGenerator(seed: golden.seed)
        expectMatches(rng.choice(1000, count: 50), golden.choice_1000_50, "choice(1000, 50)")
        rng = NumPyGenerator(seed: golden.seed)
        expectMatches(rng.choice(50000, count: 50000), golden.choice_50000_50000, "choice(50000, 50000)")
    }

    @Test(arguments: RNGGoldenCase.all)
    func choicesAbove32Bits(_ golden: RNGGoldenCase) {
        var rng = NumPyGenerator(seed: golden.seed)
        #expect(rng.choice(2_147_483_651, count: 10) == golden.choice_2147483651_10)
        rng = NumPyGenerator(seed: golden.seed)
        #expect(rng.choice(1 << 33, count: 10) == golden.choice_8589934592_10)
    }

    @Test(arguments: RNGGoldenCase.all)
    func integersInRanges(_ golden: RNGGoldenCase) {
        var rng = NumPyGenerator(seed: golden.seed)
        #expect(rng.integers(low: 0, high: 10, count: 30) == golden.integers_0_10_x30)
        rng = NumPyGenerator(seed: golden.seed)
        #expect(rng.integers(low: -5, high: 5, count: 30) == golden.integers_m5_5_x30)
    }

    /// jetnet draws real then generated indices from one generator: the buffered 32-bit half
    /// must carry over from the first call to the second.
    @Test(arguments: RNGGoldenCase.all)
    func successiveChoicesShareTheStream(_ golden: RNGGoldenCase) {
        var rng = NumPyGenerator(seed: golden.seed)
        expectMatches(rng.choice(5000, count: 1000), golden.choice_5000_then_3000.first, "first choice")
        expectMatches(rng.choice(3000, count: 1000), golden.choice_5000_then_3000.second, "second choice")
    }

    @Test func sha256OfKnownMessage() {
        // FIPS 180-4 example "abc".
        #expect(SHA256ForTests.hexDigest(Array("abc".utf8))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func shuffleKeepsElements() {
        var rng = NumPyGenerator(seed: 3)
        var letters = Array("abcdefghij")
        rng.shuffle(&letters)
        #expect(letters.sorted() == Array("abcdefghij"))
        var again = NumPyGenerator(seed: 3)
        // shuffle of any 1-D array permutes like permutation(n) on the same stream.
        #expect(again.permutation(10).map { Array("abcdefghij")[$0] } == letters)
    }
}
