import Foundation
import JetNetCore
import JetNetIO
import JetNetMetrics

/// The file readers under fuzzing, each fed whole files: an input either reads or throws a
/// descriptive error; anything else (a trap, a hang, an error without a description) is a bug.
public enum FuzzReader: String, CaseIterable, Sendable {
    case npy, npz, zip, tar, hdf5, root, pt

    /// What one input did.
    public enum Outcome: Sendable {
        /// The input was read completely.
        case success
        /// The reader threw a `LocalizedError` with a one-line description.
        case cleanError
        /// The reader threw an error without a usable description (a bug, though not a crash).
        case uncleanError(String)
    }

    /// Reads `bytes` the way users' files are read, through a scratch file where the reader
    /// takes paths (tar, HDF5).
    ///
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - scratch: a path this reader may overwrite.
    /// - Returns: how the reader took it.
    public func consume(_ bytes: [UInt8], scratch: URL) -> Outcome {
        do {
            try read(bytes, scratch: scratch)
            return .success
        } catch let error as LocalizedError {
            guard let text = error.errorDescription, !text.isEmpty, !text.contains("\n") else {
                return .uncleanError("\(type(of: error)): \(error)")
            }
            return .cleanError
        } catch {
            return .uncleanError("\(type(of: error)): \(error)")
        }
    }

    private func read(_ bytes: [UInt8], scratch: URL) throws {
        switch self {
        case .npy:
            _ = try NPYFile.read(Data(bytes))
        case .npz:
            _ = try NPZFile(data: Data(bytes)).arrays()
        case .zip:
            let archive = try ZipArchive(data: Data(bytes))
            for entry in archive.entries { _ = try archive.contents(of: entry.name) }
        case .tar:
            try Data(bytes).write(to: scratch)
            _ = try TarArchive.list(scratch)
        case .hdf5:
            try Data(bytes).write(to: scratch)
            let file = try HDF5File(url: scratch)
            for dataset in try file.datasets() where dataset.type.isNumeric {
                _ = try file.read(dataset.path, rows: dataset.shape.isEmpty ? nil : 0 ..< min(dataset.shape[0], 64))
            }
        case .root:
            let file = try ROOTFile(bytes: bytes)
            for tree in try file.trees() {
                for branch in tree.branches.prefix(8) {
                    try ROOTFuzzer.readAll(tree, branch, entries: 0 ..< min(branch.entries, 16))
                }
            }
        case .pt:
            _ = try TorchStateDict(bytes: bytes)
        }
    }
}

/// Counts of a fuzzing run.
public struct FuzzCounts: Sendable, Equatable {
    public var inputs = 0
    public var successes = 0
    public var cleanErrors = 0
    public var uncleanErrors = 0
    /// The first few unclean errors, to fix them.
    public var examples: [String] = []

    public init() {}

    /// Runs mutants `range` of `mutator` through `reader`.
    public static func run(_ reader: FuzzReader, mutator: Mutator, range: Range<Int>, scratch: URL) -> FuzzCounts {
        var counts = FuzzCounts()
        for index in range {
            counts.inputs += 1
            switch reader.consume(mutator.mutant(index), scratch: scratch) {
            case .success: counts.successes += 1
            case .cleanError: counts.cleanErrors += 1
            case .uncleanError(let text):
                counts.uncleanErrors += 1
                if counts.examples.count < 3 { counts.examples.append("mutant \(index): \(text)") }
            }
        }
        return counts
    }
}
