import Foundation
import JetNetCore

/// Reads the test fixtures: small `.npy` files and JSON.
enum Fixture {
    static func url(_ name: String, _ ext: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures") else {
            throw FixtureError.missing("\(name).\(ext)")
        }
        return url
    }

    /// A JSON fixture. `JSONDecoder` parses numbers correctly rounded (swift-corelibs'
    /// `JSONSerialization` can be off by an ulp, too much for exact comparisons).
    static func json(_ name: String = "physics_golden") throws -> JSON {
        try JSONDecoder().decode(JSON.self, from: Data(contentsOf: url(name, "json")))
    }

    static func floats(_ name: String) throws -> NDArray<Float> {
        try NPYFile.read(url(name, "npy"), as: Float.self)
    }

    static func doubles(_ name: String) throws -> NDArray<Double> {
        try NPYFile.read(url(name, "npy"), as: Double.self)
    }

    /// The first 200 JetNet g jets (order of `getData(split="all")`), `[200, 30, 4]`.
    static func gluonJets() throws -> NDArray<Float> { try floats("g30_first200") }
}

enum FixtureError: Error {
    case missing(String)
}

/// A parsed JSON value.
enum JSON: Decodable {
    case number(Double), string(String), bool(Bool), null, array([JSON]), object([String: JSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    subscript(key: String) -> JSON {
        if case let .object(members) = self, let value = members[key] { return value }
        return .null
    }

    subscript(index: Int) -> JSON {
        if case let .array(items) = self, items.indices.contains(index) { return items[index] }
        return .null
    }

    var double: Double { if case let .number(value) = self { return value }; return .nan }
    var int: Int { Int(double) }

    /// All numbers in nested arrays, flattened in order.
    var doubles: [Double] {
        switch self {
        case let .number(value): [value]
        case let .array(items): items.flatMap(\.doubles)
        default: []
        }
    }
}

/// Flattens nested JSON arrays of numbers.
func flatDoubles(_ value: JSON) -> [Double] { value.doubles }

/// The number of positions where two arrays differ (and a count mismatch counts as all).
func mismatches(_ a: [Double], _ b: [Double]) -> Int {
    a.count != b.count ? max(a.count, b.count) : zip(a, b).filter { $0 != $1 }.count
}

/// Whether `a` and `b` agree to `relative` tolerance (and `absolute` near zero).
func close(_ a: Double, _ b: Double, relative: Double, absolute: Double = 0) -> Bool {
    abs(a - b) <= max(relative * max(abs(a), abs(b)), absolute)
}
