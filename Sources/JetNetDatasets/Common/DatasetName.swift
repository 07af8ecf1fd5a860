import Foundation

/// A jet type or feature of a dataset, named by the same string jetnet uses.
///
/// The enums ``JetNetJetType``, ``JetNetParticleFeature`` and friends conform through their
/// role (``JetTypeName``, ``ParticleFeatureName``, ``JetFeatureName``), so every dataset
/// parses `"g,t"`, `"all"` or `["ptrel", "etarel"]` the same way, with the same errors.
public protocol DatasetName: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String, AllCases == [Self] {
    /// The dataset's name, for error messages (`"JetNet"`).
    static var datasetName: String { get }
    /// What the names are (`"jet type"`, `"particle"`, `"jet"`), for error messages; given by the role.
    static var kind: String { get }
}

/// A dataset's jet types: the classes, whose position is the class index.
public protocol JetTypeName: DatasetName {}

extension JetTypeName {
    public static var kind: String { "jet type" }
}

/// A dataset's particle features, in the order the files store them.
public protocol ParticleFeatureName: DatasetName {}

extension ParticleFeatureName {
    public static var kind: String { "particle" }
}

/// A dataset's jet features.
public protocol JetFeatureName: DatasetName {}

extension JetFeatureName {
    public static var kind: String { "jet" }
}

extension DatasetName {
    /// Parses one name.
    /// - Parameter name: jetnet's string name.
    /// - Throws: ``DatasetError/unknownJetType(_:dataset:valid:)`` for jet types,
    ///   ``DatasetError/unknownFeature(_:kind:dataset:valid:)`` for features.
    public static func parse(_ name: String) throws -> Self {
        if let value = Self(rawValue: name) { return value }
        let valid = allCases.map(\.rawValue)
        if Self.self is any JetTypeName.Type {
            throw DatasetError.unknownJetType(name, dataset: datasetName, valid: valid)
        }
        throw DatasetError.unknownFeature(name, kind: kind, dataset: datasetName, valid: valid)
    }

    /// Parses a list of names; the single name `"all"` means every case in jetnet's order.
    /// - Parameter names: jetnet's string names, in the order wanted.
    /// - Throws: as ``parse(_:)``.
    public static func parse(_ names: [String]) throws -> [Self] {
        if names == ["all"] { return allCases }
        return try names.map(parse)
    }

    /// Parses a comma-separated list (`"g,t"`, `"all"`, or empty for none).
    /// - Throws: as ``parse(_:)``.
    public static func parse(commaSeparated text: String) throws -> [Self] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return try parse(names)
    }

    /// The position among all cases: for jet types, the class index jetnet stores as the
    /// `type` jet feature (JetNet `g q t w z` -> 0…4; TopTagging `is_signal_new`; QuarkGluon `y`).
    public var classIndex: Int { Self.allCases.firstIndex(of: self)! }

    /// The position of each name among all cases (the column it occupies in the stored file).
    static func columns(of names: [Self]) -> [Int] {
        names.map { name in allCases.firstIndex(of: name)! }
    }
}
