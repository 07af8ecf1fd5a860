import Foundation
import JetNetCore
import Testing

/// A JSON value from the golden file (arguments are loosely typed, as jetnet's are).
enum JSON: Decodable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    subscript(key: String) -> JSON? {
        if case .object(let dictionary) = self { return dictionary[key] }
        return nil
    }

    var number: Double? { if case .number(let value) = self { value } else { nil } }
    var string: String? { if case .string(let value) = self { value } else { nil } }
    var isNull: Bool { if case .null = self { true } else { false } }

    /// A string or a list of strings as a list (jetnet accepts both).
    var strings: [String]? {
        switch self {
        case .string(let value): [value]
        case .array(let values): values.compactMap(\.string)
        default: nil
        }
    }

    /// All numbers in a nested list, flattened in row-major order.
    var flattened: [Double] {
        switch self {
        case .number(let value): [value]
        case .array(let values): values.flatMap(\.flattened)
        default: []
        }
    }
}

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

/// Fixtures/golden_datasets.json (from golden/datasets.json; see Fixtures/README.md).
enum Golden {
    static let root: JSON = {
        let url = Bundle.module.url(forResource: "golden_datasets", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(JSON.self, from: Data(contentsOf: url))
    }()

    static func cases(_ key: String) -> [GoldenCase] {
        let url = Bundle.module.url(forResource: "golden_datasets", withExtension: "json", subdirectory: "Fixtures")!
        struct File: Decodable { let jetnet: [GoldenCase]; let toptagging: [GoldenCase]; let qgjets: [GoldenCase] }
        let file = try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        return switch key {
        case "jetnet": file.jetnet
        case "toptagging": file.toptagging
        default: file.qgjets
        }
    }

    static func fixture(_ path: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(path, isDirectory: true)
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
        (Array(values.prefix(rowSize)), golden.row0?.flattened ?? []),
        (Array(values.suffix(rowSize)), golden.row_last?.flattened ?? []),
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
