import JetNetCore

/// One group's bootstrap draws of two samples, made on all cores straight into their counts
/// (``DrawCounts``), with exactly the indices that sequential `choice` calls make in jetnet's
/// order (real, then generated, draw after draw).
///
/// A draw of `n` reads `n` 32-bit words of the generator plus one per word Lemire's method
/// rejects (a few in a million), so where a draw starts is known from the sizes alone only up
/// to the rejections before it. Each draw is first made from that lower bound, in parallel (the
/// generator jumps there in O(log n) steps). Then, walking the draws in order with the true
/// start of each: a draw that started early loses the indices of the words before its true start
/// and gains as many from the words after its end. The counts are then those of the sequential
/// draws, and the generator is left where they leave it.
enum ParallelDrawCounts {
    /// Indices generated at a time per task before they are counted (16 KB, in L1).
    static let chunk = 4096

    /// - Parameters:
    ///   - generator: the generator; advanced past all the draws.
    ///   - rows: the real and generated samples' rows (each at least 2).
    ///   - sizes: the size of each pair of draws (one real, one generated), shape `[draws]`.
    ///   - threads: worker threads (nil: all processors); results do not depend on it.
    ///   - storage: per sample, an array whose storage the counts reuse (a previous group's), if any.
    /// - Returns: the real and the generated samples' counts.
    static func make(_ generator: inout NumPyGenerator, rows: [Int], sizes: [Int], threads: Int?,
                     reusing storage: RecycledStorage<UInt8>? = nil) -> [DrawCounts] {
        precondition(rows.count == 2 && rows.allSatisfy { $0 >= 2 && $0 <= Int(Int32.max) }, "ParallelDrawCounts: two samples of 2...2^31-1 rows")
        let draws = sizes.count
        // Stream order: real draw j is 2j, generated draw j is 2j + 1; each starts at least this
        // many words after the group's start.
        var starts = [Int](repeating: 0, count: 2 * draws)
        for k in 1..<(2 * draws) { starts[k] = starts[k - 1] + sizes[(k - 1) / 2] }
        let earliest = starts
        let bits = rows.map { DrawCounts.bits(rows: $0, largest: sizes.max()) }
        let lines = bits.map { $0 == 4 ? (draws + 1) / 2 : draws }
        let start = generator
        var final = start
        var spilled: [[Int: [Int]]] = [[:], [:]]
        var (real, gen) = ([UInt8].zeros(rows[0] * lines[0], reusing: storage?.take(0) ?? []),
                           [UInt8].zeros(rows[1] * lines[1], reusing: storage?.take(1) ?? []))
        real.withUnsafeMutableBufferPointer { realCounts in
            gen.withUnsafeMutableBufferPointer { genCounts in
                nonisolated(unsafe) let storage = [realCounts, genCounts]
                let layouts = (0..<2).map { Layout(rows: rows[$0], bits: bits[$0]) }
                // One task per line of counts (one draw, or the two that share its bytes).
                let tasks = (0..<2).flatMap { sample in (0..<lines[sample]).map { (sample, $0) } }
                let made = ParallelTasks.map(tasks.count, threads: threads) { task -> [Early] in
                    let (sample, line) = tasks[task]
                    let layout = layouts[sample]
                    let buffer = UnsafeMutableBufferPointer<Int32>.allocate(capacity: chunk)
                    defer { buffer.deallocate() }
                    return layout.draws(ofLine: line, of: draws).map { j in
                        let k = 2 * j + sample
                        var drawing = start.skippingWords(earliest[k])
                        let row = layout.row(j, in: storage[sample])
                        var words = 0
                        for done in stride(from: 0, to: sizes[j], by: chunk) {
                            let part = UnsafeMutableBufferPointer(rebasing: buffer[0..<min(chunk, sizes[j] - done)])
                            words += drawing.choiceReadingWords(rows[sample], into: part)
                            if !DrawCounts.add(UnsafeBufferPointer(part), to: row, shift: layout.shift(j), bits: layout.bits) {
                                // A wrapped low half carried into the high half, still empty here.
                                DrawCounts.clear(row, shift: layout.shift(j), bits: layout.shift(j) == 0 ? 8 : layout.bits)
                                return Early(draw: k, words: 0, end: nil)
                            }
                        }
                        return Early(draw: k, words: words, end: drawing)
                    }
                }
                var early = [Early?](repeating: nil, count: 2 * draws)
                for draw in made.joined() { early[draw.draw] = draw }
                // Each draw's true start, in order: the early draw is corrected (or made again).
                var position = 0
                for k in 0..<(2 * draws) {
                    let (sample, j) = (k % 2, k / 2)
                    let layout = layouts[sample]
                    let row = layout.row(j, in: storage[sample])
                    let shift = layout.shift(j)
                    let made = early[k]!
                    let ahead = position - earliest[k]
                    // The true draw from `position`, counted unless a count would wrap (then kept as
                    // indices); the early draw's counts must be gone.
                    func drawAgain() -> (Int, NumPyGenerator) {
                        var drawing = start.skippingWords(position)
                        var indices = [Int32](repeating: 0, count: sizes[j])
                        let words = indices.withUnsafeMutableBufferPointer { drawing.choiceReadingWords(rows[sample], into: $0) }
                        if !Layout.increment(indices, in: row, shift: shift, bits: layout.bits) {
                            DrawCounts.clear(row, shift: shift, bits: layout.bits)
                            spilled[sample][j] = indices.map { Int($0) }
                        }
                        return (position + words, drawing)
                    }
                    let end: NumPyGenerator
                    if let madeEnd = made.end, ahead == 0 {
                        (position, end) = (earliest[k] + made.words, madeEnd)
                    } else if let madeEnd = made.end, ahead < made.words {
                        var head = start.skippingWords(earliest[k])
                        let lost = head.choice(rows[sample], fromWords: ahead)
                        for index in lost { row[Int(index)] &-= 1 << shift }  // counted early, so at least 1
                        var tail = madeEnd
                        var gained = [Int32](repeating: 0, count: lost.count)
                        let words = gained.withUnsafeMutableBufferPointer { tail.choiceReadingWords(rows[sample], into: $0) }
                        if Layout.increment(gained, in: row, shift: shift, bits: layout.bits) {
                            (position, end) = (earliest[k] + made.words + words, tail)
                        } else {
                            DrawCounts.clear(row, shift: shift, bits: layout.bits)
                            (position, end) = drawAgain()
                        }
                    } else {
                        // Spilled early (counts already cleared), or started too early to share a word.
                        if made.end != nil {
                            var early = start.skippingWords(earliest[k])
                            for index in early.choice(rows[sample], fromWords: made.words) { row[Int(index)] &-= 1 << shift }
                        }
                        (position, end) = drawAgain()
                    }
                    final = end
                }
            }
        }
        generator = final
        return [DrawCounts(rows: rows[0], bits: bits[0], counts: real, sizes: sizes, spilled: spilled[0]),
                DrawCounts(rows: rows[1], bits: bits[1], counts: gen, sizes: sizes, spilled: spilled[1])]
    }

    /// A draw made from its earliest start: the words it read and the generator after them
    /// (nil when its counts wrapped around and were cleared).
    private struct Early: Sendable {
        let draw: Int
        let words: Int
        let end: NumPyGenerator?
    }

    /// Where each draw's counts are in one sample's storage.
    private struct Layout: Sendable {
        let rows: Int
        let bits: Int

        /// The draws whose counts share line `line`.
        func draws(ofLine line: Int, of draws: Int) -> [Int] {
            bits == 4 ? Array((2 * line)..<min(draws, 2 * line + 2)) : [line]
        }

        /// Draw `j`'s row.
        func row(_ j: Int, in storage: UnsafeMutableBufferPointer<UInt8>) -> UnsafeMutableBufferPointer<UInt8> {
            let line = bits == 4 ? j / 2 : j
            return UnsafeMutableBufferPointer(rebasing: storage[(line * rows)..<((line + 1) * rows)])
        }

        /// Draw `j`'s bit offset in its row's bytes.
        func shift(_ j: Int) -> UInt8 { bits == 4 ? UInt8(4 * (j % 2)) : 0 }

        /// Adds the indices' counts unless one would wrap around (then nothing is left half done
        /// in another draw's half: each count is checked before it is added).
        ///
        /// - Returns: false if a count would have wrapped; the draw's counts then need clearing.
        static func increment(_ indices: [Int32], in row: UnsafeMutableBufferPointer<UInt8>, shift: UInt8, bits: Int) -> Bool {
            let mask: UInt8 = bits == 4 ? 15 : 255
            for index in indices {
                let value = row[Int(index)]
                if (value >> shift) & mask == mask { return false }
                row[Int(index)] = value &+ (1 << shift)
            }
            return true
        }
    }
}
