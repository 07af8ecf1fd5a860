import Foundation

/// Where a module's bundled resources are when the library runs outside SwiftPM's build folder.
///
/// SwiftPM's `Bundle.module` looks beside the main executable and then in the build folder, and
/// stops the process when neither holds the bundle. A host that loads the library from elsewhere
/// (the Python package loads a shared library from its install folder, with `python3` as the main
/// executable) ships the bundles in a folder of its own and names that folder in the environment
/// variable ``environmentVariable`` before the first resource is read.
public enum BundledResources {
    /// The environment variable naming the folder that holds the `<Package>_<Target>.resources`
    /// bundles.
    public static let environmentVariable = "JETNET_SWIFT_RESOURCES"

    /// The URL of `relativePath` inside the bundle `bundle` (for example
    /// `"JetNet_JetNetPhysics.resources"`) in the folder named by ``environmentVariable``, or nil
    /// when the variable is unset or the file is not there (the caller then uses `Bundle.module`).
    public static func url(bundle: String, _ relativePath: String) -> URL? {
        guard let folder = ProcessInfo.processInfo.environment[environmentVariable], !folder.isEmpty else { return nil }
        let url = URL(fileURLWithPath: folder, isDirectory: true)
            .appendingPathComponent(bundle, isDirectory: true)
            .appendingPathComponent(relativePath)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
