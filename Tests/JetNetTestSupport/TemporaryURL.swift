import Foundation

/// A fresh, unused path in the temporary directory (nothing is created there).
/// - Parameter suffix: appended to the unique name, e.g. `".npy"` or `"-jetclass"`.
/// - Returns: `<tmp>/jetnet-test-<UUID><suffix>`.
public func temporaryURL(_ suffix: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("jetnet-test-\(UUID().uuidString)\(suffix)")
}

/// A fresh, empty folder in the temporary directory; the caller removes it.
/// - Parameter suffix: appended to the unique name, e.g. `"-download"`.
/// - Returns: the folder, `<tmp>/jetnet-test-<UUID><suffix>`.
/// - Throws: the file system's error when the folder cannot be made.
public func makeTemporaryDirectory(_ suffix: String) throws -> URL {
    let url = temporaryURL(suffix)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
