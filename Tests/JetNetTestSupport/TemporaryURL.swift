import Foundation

/// A fresh, unused path in the temporary directory (nothing is created there).
/// - Parameter suffix: appended to the unique name, e.g. `".npy"` or `"-jetclass"`.
/// - Returns: `<tmp>/jetnet-test-<UUID><suffix>`.
public func temporaryURL(_ suffix: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("jetnet-test-\(UUID().uuidString)\(suffix)")
}
