import Foundation
import JetNetCore
import Testing
import JetNetTestSupport

/// jetnet's fingerprint of an array: shape, sums, first/last values, first/last rows.
struct Fingerprint: Decodable, Sendable {
    let shape: [Int]
    let sum: Double?
    let abs_sum: Double?
    let first: [Double]?
    let last: [Double]?
    let row0: JSON?
    let row_last: JSON?
}

struct GoldenCase: Decodable, Sendable, CustomTestStringConvertible {
    let args: JSON
    let particle_data: Fingerprint?
    let jet_data: Fingerprint?
    var testDescription: String {
        guard case .object(let dictionary) = args else { return "case" }
        return dictionary.keys.sorted().map { "\($0)=\(dictionary[$0].map { "\($0)" } ?? "")" }.joined(separator: " ")
    }
}

/// This target's `Fixtures/` folder (see Fixtures/README.md).
let fixtures = FixtureDirectory(bundle: .module)

/// Fixtures/golden_datasets.json (from golden/datasets.json; see Fixtures/README.md).
enum Golden {
    static let root = try! fixtures.json("golden_datasets.json")

    static func cases(_ key: String) -> [GoldenCase] {
        struct File: Decodable { let jetnet: [GoldenCase]; let toptagging: [GoldenCase]; let qgjets: [GoldenCase] }
        let file = try! fixtures.decode(File.self, from: "golden_datasets.json")
        return switch key {
        case "jetnet": file.jetnet
        case "toptagging": file.toptagging
        default: file.qgjets
        }
    }

    static func fixture(_ path: String) -> URL {
        try! fixtures.url(path)
    }
}

/// Checks an array against a golden fingerprint.
///
/// - `exactRows`: first/last values and rows must equal the golden float32 values exactly
///   (data read from files); otherwise within `relative` (normalised data, where jetnet's
///   float64 arithmetic differs from ours in the last bits).
func expectMatches(_ array: NDArray<Float>?, _ golden: Fingerprint?, relative: Double = 1e-6, exactRows: Bool = true,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    guard let golden else {
        #expect(array == nil, "expected no array", sourceLocation: sourceLocation)
        return
    }
    guard let array else {
        Issue.record("expected an array of shape \(golden.shape)", sourceLocation: sourceLocation)
        return
    }
    #expect(array.shape == golden.shape, sourceLocation: sourceLocation)
    guard array.shape == golden.shape else { return }
    let values = array.storage.map(Double.init)
    let absSum = values.reduce(0) { $0 + abs($1) }
    if let expected = golden.abs_sum {
        #expect(abs(absSum - expected) <= relative * expected, "abs_sum \(absSum) vs \(expected)", sourceLocation: sourceLocation)
    }
    if let expected = golden.sum {
        let sum = values.reduce(0, +)
        // Relative to the abs-sum: normalised data sums to about zero.
        #expect(abs(sum - expected) <= relative * max(absSum, 1), "sum \(sum) vs \(expected)", sourceLocation: sourceLocation)
    }
    let rowSize = array.rowSize
    let comparisons: [([Double], [Double])] = [
        (Array(values.prefix(12)), golden.first ?? []),
        (Array(values.suffix(12)), golden.last ?? []),
        (Array(values.prefix(rowSize)), golden.row0?.doubles ?? []),
        (Array(values.suffix(rowSize)), golden.row_last?.doubles ?? []),
    ]
    for (ours, theirs) in comparisons where !theirs.isEmpty {
        #expect(ours.count == theirs.count, sourceLocation: sourceLocation)
        for (a, b) in zip(ours, theirs) {
            if exactRows {
                // jetnet's values are float32 (or float64 from float64 files): compare at float32 precision.
                #expect(Float(a) == Float(b), "\(a) vs \(b)", sourceLocation: sourceLocation)
            } else {
                #expect(abs(a - b) <= relative * max(abs(b), 1), "\(a) vs \(b)", sourceLocation: sourceLocation)
            }
        }
    }
}
