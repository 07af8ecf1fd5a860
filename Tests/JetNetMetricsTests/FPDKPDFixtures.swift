import Foundation
import JetNetCore

/// The FPD/KPD fixtures: EFP features of the reference g and t samples and jetnet's numbers.
enum FPDKPDFixture {
    static func url(_ name: String, _ ext: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures")!
    }

    /// d<=4 EFPs (jetnet's FPD/KPD features) of the g or t sample, `[2000, 36]` (stored float32).
    static func features(_ kind: String) throws -> NDArray<Double> {
        try NPYFile.read(url("efps_d4_\(kind)", "npy"), as: Float.self).converted(to: Double.self)
    }

    static func reference() throws -> FitJSON {
        // JSON5 accepts the bare `Infinity` Python's json writes for an infinite covariance.
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        return try decoder.decode(FitJSON.self, from: Data(contentsOf: url("fpd_kpd_reference", "json")))
    }
}

/// A parsed JSON value (`JSONDecoder` reads numbers correctly rounded).
enum FitJSON: Decodable {
    case number(Double), string(String), bool(Bool), null, array([FitJSON]), object([String: FitJSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([FitJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: FitJSON].self)) }
    }

    subscript(key: String) -> FitJSON {
        if case let .object(members) = self, let value = members[key] { return value }
        return .null
    }

    subscript(index: Int) -> FitJSON {
        if case let .array(items) = self, items.indices.contains(index) { return items[index] }
        return .null
    }

    var double: Double { if case let .number(value) = self { return value }; return .nan }
    var doubles: [Double] {
        switch self {
        case let .number(value): [value]
        case let .array(items): items.flatMap(\.doubles)
        default: []
        }
    }
    var count: Int { if case let .array(items) = self { return items.count }; return 0 }
}

/// Whether `a` and `b` agree to `relative` tolerance (and `absolute` near zero).
func agrees(_ a: Double, _ b: Double, relative: Double, absolute: Double = 0) -> Bool {
    abs(a - b) <= max(relative * max(abs(a), abs(b)), absolute)
}
