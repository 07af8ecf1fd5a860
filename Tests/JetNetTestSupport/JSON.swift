/// A parsed JSON value, for reading goldens whose layout is loosely typed (as Python's are).
///
/// Lookups never fail: a missing key or index gives ``null``, so chains such as
/// `golden["fpd"]["g_vs_t"].doubles` read naturally; ``member(_:)`` tells a missing key
/// from an explicit `null`.
public enum JSON: Decodable, Sendable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    /// The member named `key`, or ``null`` when this is not an object or has no such member.
    public subscript(key: String) -> JSON { member(key) ?? .null }

    /// The item at `index`, or ``null`` when this is not an array or the index is out of range.
    public subscript(index: Int) -> JSON {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return .null
    }

    /// The member named `key`, or nil when there is none (an explicit `null` is ``null``).
    public func member(_ key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The number, or nil when this is not a number.
    public var number: Double? { if case .number(let value) = self { value } else { nil } }
    /// The number, or NaN (which fails every comparison) when this is not a number.
    public var double: Double { number ?? .nan }
    /// The number truncated to an integer (0 when this is not a number).
    public var int: Int { number.map { Int($0) } ?? 0 }
    /// The string, or nil when this is not a string.
    public var string: String? { if case .string(let value) = self { value } else { nil } }
    /// Whether this is an explicit `null`.
    public var isNull: Bool { self == .null }
    /// The number of items of an array (0 for anything else).
    public var count: Int { if case .array(let items) = self { items.count } else { 0 } }

    /// A string or a list of strings as a list (jetnet accepts both), or nil for anything else.
    public var strings: [String]? {
        switch self {
        case .string(let value): [value]
        case .array(let items): items.compactMap(\.string)
        default: nil
        }
    }

    /// All numbers in nested arrays, flattened in row-major order.
    public var doubles: [Double] {
        switch self {
        case .number(let value): [value]
        case .array(let items): items.flatMap(\.doubles)
        default: []
        }
    }
}
