import JetNetIO

/// A seeded mutation fuzzer for the ROOT reader: mutates real files (bit flips, byte and
/// 32-bit value overwrites, truncations, splices) and reads every branch of each mutant.
///
/// A run passes when nothing traps: every damaged input must throw a ``ROOTError``. The test
/// suite runs 20,000 mutants; `scripts/fuzz` runs every reader (ROOT included) through the
/// `JetNetFuzz` executable, where a crash is counted instead of ending the run.
public enum ROOTFuzzer {
    /// What a run saw.
    public struct Report: Sendable, Equatable {
        /// Mutants tried.
        public var iterations = 0
        /// Mutants whose header and directories still opened.
        public var opened = 0
        /// Mutants on which some step threw (as it must for damaged input).
        public var failures = 0
    }

    /// Runs the fuzzer.
    ///
    /// - Parameters:
    ///   - iterations: how many mutants to try.
    ///   - seed: the seed of the mutation generator (runs are reproducible).
    ///   - corpus: the original files, each shape `[size]`.
    /// - Returns: counts of mutants opened and failed.
    public static func run(iterations: Int, seed: UInt64, corpus: [[UInt8]]) throws -> Report {
        var generator = SplitMix64(seed: seed)
        var report = Report()
        for _ in 0 ..< iterations {
            var data = corpus[Int(generator.next() % UInt64(corpus.count))]
            mutate(&data, &generator)
            report.iterations += 1
            do {
                let file = try ROOTFile(bytes: data)
                report.opened += 1
                for tree in try file.trees() where !tree.branches.isEmpty {
                    // A few branches per mutant: parsing the tree is half the cost, and
                    // different mutants reach different branches.
                    for _ in 0 ..< 4 {
                        let branch = tree.branches[Int(generator.next() % UInt64(tree.branches.count))]
                        let entries = Int(generator.next() % 3) == 0 ? nil : Optional(0 ..< min(branch.entries, 5))
                        try readAll(tree, branch, entries: entries)
                    }
                }
            } catch is ROOTError {
                report.failures += 1
            }
        }
        return report
    }

    /// Reads a branch with the call that fits its layout (branches it cannot decode are skipped).
    public static func readAll(_ tree: TTree, _ branch: TBranch, entries: Range<Int>? = nil) throws {
        switch branch.layout {
        case .scalar, .fixedArray, .object: _ = try tree.read(branch: branch.name, as: Double.self, entries: entries)
        case .leafCountArray, .vector: _ = try tree.readJagged(branch: branch.name, as: Float.self, entries: entries)
        case .vectorOfVectors: _ = try tree.readDoublyJagged(branch: branch.name, as: Float.self, entries: entries)
        case .objectVector: _ = try tree.readJaggedObjects(branch: branch.name, as: Float.self, entries: entries)
        case .string: _ = try tree.readStrings(branch: branch.name, entries: entries)
        case .stringVector: _ = try tree.readStringLists(branch: branch.name, entries: entries)
        case .unsupported, .group: return
        }
    }

    private static func mutate(_ data: inout [UInt8], _ generator: inout SplitMix64) {
        guard !data.isEmpty else { return }
        let edits = 1 + Int(generator.next() % 4)
        for _ in 0 ..< edits {
            let position = Int(generator.next() % UInt64(data.count))
            switch generator.next() % 6 {
            case 0: data[position] ^= UInt8(1 << (generator.next() % 8))
            case 1: data[position] = UInt8(truncatingIfNeeded: generator.next())
            case 2:  // an interesting 32-bit value (sizes, counts and seeks are 32-bit)
                let values: [UInt32] = [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x4000_0000, 0x4000_FFFF, 255, 0xFFFF]
                let value = values[Int(generator.next() % UInt64(values.count))]
                for k in 0 ..< 4 where position + k < data.count { data[position + k] = UInt8(truncatingIfNeeded: value >> (24 - 8 * k)) }
            case 3: data.removeLast(min(data.count - 1, Int(generator.next() % 64)))
            case 4:  // copy a run of bytes elsewhere (plausible structures in wrong places)
                let source = Int(generator.next() % UInt64(data.count))
                let length = min(Int(generator.next() % 32), data.count - max(source, position))
                if length > 0 { for k in 0 ..< length { data[position + k] = data[source + k] } }
            default: data[position] = data[position] &+ 1
            }
        }
    }
}
