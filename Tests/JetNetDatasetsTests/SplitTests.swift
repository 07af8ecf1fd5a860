import Testing
@testable import JetNetDatasets

@Suite("Splits and names")
struct SplitTests {
    // jetnet's getSplitting docstring: length 100, valid, [0.7, 0.15, 0.15] -> (70, 85);
    // the rest follow int(cumsum([0, 0.7, 0.15, 0.15]) * length) computed in float64.
    @Test("Row ranges as jetnet's getSplitting", arguments: [
        (100, DatasetSplit.valid, [0.7, 0.15, 0.15], 70..<85),
        (100, .train, [0.7, 0.15, 0.15], 0..<70),
        (100, .test, [0.7, 0.15, 0.15], 85..<100),
        (2000, .all, [0.7, 0.15, 0.15], 0..<2000),
        (10000, .test, [0.7, 0.15, 0.15], 8500..<10000),
        (1000, .valid, [0.5, 0.3, 0.2], 500..<800),
        (7, .valid, [0.7, 0.15, 0.15], 4..<5),
    ])
    func rowRanges(length: Int, split: DatasetSplit, fractions: [Double], expected: Range<Int>) throws {
        #expect(try split.rowRange(length: length, fractions: fractions) == expected)
    }

    @Test("Fractions summing above 1, negative or not three are errors", arguments: [
        [0.7, 0.2, 0.15], [0.5, -0.1, 0.2], [0.5, 0.5],
    ])
    func badFractions(fractions: [Double]) {
        #expect(throws: DatasetError.self) { try DatasetSplit.train.rowRange(length: 10, fractions: fractions) }
    }

    @Test("Unknown split, jet type and feature names are errors that list the valid names")
    func unknownNames() throws {
        #expect(throws: DatasetError.unknownSplit("validation", dataset: "JetNet", valid: ["train", "valid", "test", "all"])) {
            try DatasetSplit(name: "validation", dataset: "JetNet")
        }
        #expect(throws: DatasetError.unknownJetType("x", dataset: "JetNet", valid: ["g", "q", "t", "w", "z"])) {
            try JetNetJetType.parse(commaSeparated: "g,x")
        }
        #expect(throws: DatasetError.unknownFeature("pt", kind: "particle", dataset: "JetNet", valid: ["etarel", "phirel", "ptrel", "mask"])) {
            try JetNetParticleFeature.parse(["pt"])
        }
        #expect(try JetNetJetType.parse(commaSeparated: "all") == [.gluon, .quark, .top, .w, .z])
        #expect(try JetNetJetFeature.parse(commaSeparated: "mass,type") == [.mass, .type])
        let message = DatasetError.unknownJetType("x", dataset: "JetNet", valid: ["g", "q"]).errorDescription ?? ""
        #expect(message.contains("\"x\"") && message.contains("g, q"))
    }
}
