import Testing
@testable import JetNetCore

/// Philox4x32-10 against Random123's known-answer vectors (kat_vectors, "philox4x32 10").
@Suite("Philox4x32")
struct Philox4x32Tests {
    struct KnownAnswer: Sendable, CustomTestStringConvertible {
        let counter: (UInt32, UInt32, UInt32, UInt32)
        let key: (UInt32, UInt32)
        let expected: [UInt32]
        var testDescription: String { "counter \(String(counter.0, radix: 16))…" }
    }

    static let knownAnswers = [
        KnownAnswer(counter: (0, 0, 0, 0), key: (0, 0), expected: [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8]),
        KnownAnswer(
            counter: (0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff), key: (0xffff_ffff, 0xffff_ffff),
            expected: [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd]),
        KnownAnswer(
            counter: (0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344), key: (0xa409_3822, 0x299f_31d0),
            expected: [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1]),
    ]

    @Test("Blocks match Random123", arguments: knownAnswers)
    func knownAnswer(_ case_: KnownAnswer) {
        let out = Philox4x32.block(case_.counter, key: case_.key)
        #expect([out.0, out.1, out.2, out.3] == case_.expected)
    }

    @Test("A stream is its blocks in counter order, two 64-bit words per block")
    func streamLayout() {
        var random = Philox4x32(key: 0x299f_31d0_a409_3822, stream: 0, substream: 0)
        let block0 = Philox4x32.block((0, 0, 0, 0), key: (0xa409_3822, 0x299f_31d0))
        // The key's low word is k0, its high word k1.
        #expect(random.nextUInt64() == UInt64(block0.0) | UInt64(block0.1) << 32)
        #expect(random.nextUInt64() == UInt64(block0.2) | UInt64(block0.3) << 32)
        let block1 = Philox4x32.block((1, 0, 0, 0), key: (0xa409_3822, 0x299f_31d0))
        #expect(random.nextUInt64() == UInt64(block1.0) | UInt64(block1.1) << 32)
    }

    @Test("Streams and substreams are named by the counter's upper words")
    func namedStreams() {
        var a = Philox4x32(key: 7, stream: 0x1_0000_0002, substream: 3)
        let block = Philox4x32.block((0, 3, 2, 1), key: (7, 0))
        #expect(a.nextUInt64() == UInt64(block.0) | UInt64(block.1) << 32)
    }

    @Test("KeyedRandom starts SplitMix64 at the first Philox block of its name")
    func keyedStart() {
        var random = KeyedRandom(key: 0x299f_31d0_a409_3822, stream: 0x0370_7344_1319_8a2e, substream: 0x85a3_08d3)
        let block = Philox4x32.block((0, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344), key: (0xa409_3822, 0x299f_31d0))
        var z = (UInt64(block.0) | UInt64(block.1) << 32) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        #expect(random.nextUInt64() == z ^ (z >> 31))
        // Another substream or stream starts elsewhere.
        var other = KeyedRandom(key: 0x299f_31d0_a409_3822, stream: 0x0370_7344_1319_8a2e, substream: 0)
        #expect(other.nextUInt64() != z ^ (z >> 31))
    }

    @Test("KeyedRandom's uniform doubles, bounded integers and normals have the moments of their laws")
    func moments() {
        var random = KeyedRandom(key: 42, stream: 0)
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0, normalSum = 0.0, normalSquares = 0.0
        var counts = [Int](repeating: 0, count: 5)
        for _ in 0..<n {
            let u = random.nextDouble()
            #expect(u >= 0 && u < 1)
            sum += u
            sumSquares += u * u
            let z = random.nextStandardNormal()
            normalSum += z
            normalSquares += z * z
            counts[random.nextInt(through: 4)] += 1
        }
        // Five standard errors: 1/sqrt(12 n) for the uniform mean, 1/sqrt(n) for the normal's,
        // sqrt(2/n) for its variance, sqrt(n p (1 - p)) for each count.
        #expect(abs(sum / Double(n) - 0.5) < 5 / (12.0 * Double(n)).squareRoot())
        #expect(abs(normalSum / Double(n)) < 5 / Double(n).squareRoot())
        #expect(abs(normalSquares / Double(n) - 1) < 5 * (2 / Double(n)).squareRoot())
        for count in counts { #expect(abs(Double(count) - Double(n) / 5) < 5 * (Double(n) * 0.16).squareRoot()) }
    }
}
