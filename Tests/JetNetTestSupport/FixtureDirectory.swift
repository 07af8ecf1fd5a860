import Foundation
import JetNetCore

/// A test target's `Fixtures/` folder, as copied into that target's resource bundle.
///
/// `Bundle.module` belongs to each target, so every test target makes its own:
///
/// ```swift
/// let fixtures = FixtureDirectory(bundle: .module)
/// let golden = try fixtures.json("physics_golden.json")
/// ```
public struct FixtureDirectory: Sendable {
    /// The folder itself.
    public let root: URL

    /// The fixture folder of a test target.
    /// - Parameters:
    ///   - bundle: the target's resource bundle (`.module`).
    ///   - subdirectory: the copied folder's name in that bundle.
    public init(bundle: Bundle, subdirectory: String = "Fixtures") {
        root = (bundle.resourceURL ?? bundle.bundleURL).appendingPathComponent(subdirectory, isDirectory: true)
    }

    /// The file or folder at `path` below the fixture folder.
    /// - Parameter path: a relative path such as `"emd.json"` or `"root/root.json"`.
    /// - Returns: its URL.
    /// - Throws: ``FixtureError/missing(_:)`` when nothing is there (a broken checkout or build).
    public func url(_ path: String) throws -> URL {
        let location = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: location.path) else { throw FixtureError.missing(location.path) }
        return location
    }

    /// The bytes of the file at `path`.
    /// - Parameter path: a path relative to the fixture folder.
    /// - Returns: the file's contents.
    /// - Throws: ``FixtureError/missing(_:)`` or the file system's error.
    public func data(_ path: String) throws -> Data {
        try Data(contentsOf: url(path))
    }

    /// Decodes a JSON fixture with `JSONDecoder`, which parses numbers correctly rounded
    /// (swift-corelibs' `JSONSerialization` can be off by an ulp, too much for exact comparisons).
    /// - Parameters:
    ///   - type: the type to decode.
    ///   - path: a path relative to the fixture folder.
    ///   - allowsJSON5: accept JSON5, e.g. the bare `Infinity` Python's `json` writes.
    /// - Returns: the decoded value.
    /// - Throws: ``FixtureError/missing(_:)`` or the decoder's error.
    public func decode<T: Decodable>(_ type: T.Type, from path: String, allowsJSON5: Bool = false) throws -> T {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = allowsJSON5
        return try decoder.decode(type, from: data(path))
    }

    /// A JSON fixture as a loosely typed tree.
    /// - Parameters:
    ///   - path: a path relative to the fixture folder.
    ///   - allowsJSON5: accept JSON5, e.g. the bare `Infinity` Python's `json` writes.
    /// - Returns: the parsed value.
    /// - Throws: ``FixtureError/missing(_:)`` or the decoder's error.
    public func json(_ path: String, allowsJSON5: Bool = false) throws -> JSON {
        try decode(JSON.self, from: path, allowsJSON5: allowsJSON5)
    }

    /// A `.npy` fixture.
    /// - Parameters:
    ///   - path: a path relative to the fixture folder.
    ///   - type: the element type stored in the file.
    /// - Returns: the array, any shape.
    /// - Throws: ``FixtureError/missing(_:)`` or `NPYError`.
    public func array<Element: NDArrayElement>(_ path: String, as type: Element.Type) throws -> NDArray<Element> {
        try NPYFile.read(url(path), as: type)
    }
}

/// Why a fixture could not be found.
public enum FixtureError: Error, LocalizedError, Equatable {
    /// Nothing at this path: the fixture is not in the checkout or not copied into the bundle.
    case missing(String)

    public var errorDescription: String? {
        switch self {
        case .missing(let path):
            "no fixture at \(path); check that it is committed under Tests/<Target>/Fixtures and rebuild"
        }
    }
}
