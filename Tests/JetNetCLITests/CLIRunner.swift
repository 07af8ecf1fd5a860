import Foundation

/// Runs the built `jetnet` executable, for end-to-end tests of the command-line tool.
///
/// ```swift
/// let result = try CLIRunner.run(["info", path])
/// #expect(result.exitCode == 0)
/// ```
enum CLIRunner {
    /// What one run of `jetnet` produced.
    struct Result: Sendable {
        let exitCode: Int32
        let stdout: String
        let stderr: String

        /// Standard output split into lines, without the final empty one.
        var lines: [String] {
            stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast(stdout.hasSuffix("\n") ? 1 : 0)
        }
    }

    /// Why `jetnet` could not be run at all.
    struct LaunchError: Error, CustomStringConvertible {
        let description: String
    }

    /// The `jetnet` binary in the products directory this test bundle was built into.
    static var executableURL: URL {
        // The resource bundle sits next to the products (`.build/<triple>/debug/`).
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("jetnet")
    }

    /// Runs `jetnet` with `arguments` and waits for it to finish.
    ///
    /// - Parameters:
    ///   - arguments: the command-line arguments (without `jetnet` itself).
    ///   - environment: extra environment variables.
    ///   - currentDirectory: the working directory, or the test's own.
    /// - Returns: exit code and the complete standard output and error.
    /// - Throws: ``LaunchError`` when the binary is missing (build it with `swift build`).
    static func run(_ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil) throws -> Result {
        let executable = executableURL
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw LaunchError(description: "no jetnet binary at \(executable.path); run `swift build` first")
        }
        // Files, not pipes: a pipe fills up and blocks the child when nobody reads it.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jetnet-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout"), errURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            exitCode: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
