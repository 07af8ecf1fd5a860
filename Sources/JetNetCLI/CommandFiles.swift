import ArgumentParser
import Foundation
import JetNet

/// Checks of the files a command is given, before any work: inputs exist and are files,
/// outputs are not inputs (writing one would destroy data the command reads).
enum CommandFiles {
    /// The URL of an input file, after checking that it is not a directory (a missing file is
    /// left to the reader, whose message names the path).
    ///
    /// - Parameters:
    ///   - path: the path given on the command line.
    ///   - what: how messages name it (`"the real jets"`).
    /// - Throws: ``CLIError`` when the path is a directory.
    static func input(_ path: String, _ what: String = "the input") throws -> URL {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CLIError("\(what) '\(path)' is a directory, not a file; give a file inside it.")
        }
        return URL(fileURLWithPath: path)
    }

    /// The URL of an output file, after refusing it when it is one of `inputs` (same device
    /// and inode, whatever the spelling of the path).
    ///
    /// - Parameters:
    ///   - path: the output path given on the command line.
    ///   - option: the option that named it (`"--out"`).
    ///   - inputs: the files the command reads.
    /// - Throws: ``ValidationError`` naming the option.
    static func output(_ path: String, option: String, inputs: [String]) throws -> URL {
        let url = URL(fileURLWithPath: path)
        do { try AtomicFile.refuseOverwriting(url, inputs: inputs.map { URL(fileURLWithPath: $0) }) } catch let error as FileWriteError {
            throw ValidationError("\(option): \(error.errorDescription ?? "\(error)")")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("\(option): '\(path)' is a directory; give a file name.")
        }
        return url
    }
}

/// `--seed`: NumPy accepts seeds from 0 to 2^64 - 1. The option takes the next word whatever it
/// looks like, so `--seed -1` reaches this check instead of being read as a flag.
enum SeedOption {
    static func parse(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text) else {
            throw ValidationError("--seed must be a whole number from 0 to \(UInt64.max) (as numpy.random.default_rng), got '\(text)'")
        }
        return value
    }
}
