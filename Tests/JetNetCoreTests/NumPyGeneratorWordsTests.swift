import JetNetCore
import Testing

@Suite("NumPy generator: positions in the 32-bit word stream")
struct NumPyGeneratorWordsTests {
    /// The generator after `words` calls of `nextUInt32()`.
    static func stepped(_ generator: NumPyGenerator, _ words: Int) -> NumPyGenerator {
        var stepped = generator
        for _ in 0..<words { _ = stepped.nextUInt32() }
        return stepped
    }

    @Test("PCG64.advance(by:) equals stepping", arguments: [0, 1, 2, 3, 64, 1000, 12_345])
    func advance(_ steps: Int) {
        var jumped = PCG64(seed: 42)
        var stepped = jumped
        jumped.advance(by: UInt64(steps))
        for _ in 0..<steps { _ = stepped.nextUInt64() }
        #expect((0..<4).map { _ in jumped.nextUInt64() } == (0..<4).map { _ in stepped.nextUInt64() })
    }

    @Test("skippingWords equals as many nextUInt32 calls, from even and odd positions", arguments: [0, 1, 2, 7, 10_001])
    func skipping(_ words: Int) {
        for before in [0, 1] {
            let generator = Self.stepped(NumPyGenerator(seed: 7), before)
            var skipped = generator.skippingWords(words)
            var stepped = Self.stepped(generator, words)
            #expect((0..<5).map { _ in skipped.nextUInt32() } == (0..<5).map { _ in stepped.nextUInt32() }, "after \(before) words")
        }
    }

    @Test("choiceReadingWords makes choice's indices and counts the words read, rejections included")
    func readingWords() {
        // 2^32 mod 109992 = 109676: a word is rejected with probability 2.6e-5.
        let n = 109_992
        var plain = NumPyGenerator(seed: 3)
        var counted = plain
        let expected = plain.choice(n, count: 300_000)
        var indices = [Int32](repeating: 0, count: 300_000)
        let words = indices.withUnsafeMutableBufferPointer { counted.choiceReadingWords(n, into: $0) }
        #expect(indices.map { Int($0) } == expected)
        #expect(counted == plain)
        #expect(words > indices.count)  // 7.7 rejections expected; none has probability 5e-4
        var fromWords = NumPyGenerator(seed: 3)
        #expect(fromWords.choice(n, fromWords: words) == indices)
        #expect(fromWords == plain)
    }
}
