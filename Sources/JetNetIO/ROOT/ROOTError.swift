import Foundation
import JetNetCore

/// Why a ROOT file, tree or branch could not be read.
///
/// Every case that users can cause (a damaged or truncated file, a name that does not
/// exist, a branch type this reader does not decode) is one of these; the reader never traps
/// on bad input.
public enum ROOTError: Error, LocalizedError, Equatable, Sendable {
    /// No file exists at the path.
    case fileNotFound(path: String)
    /// The file could not be opened or read.
    case cannotRead(path: String, reason: String)
    /// The file does not start with ROOT's `root` signature.
    case badMagic(found: [UInt8])
    /// A structure claims bytes past the end of its buffer (`what` says which structure).
    case truncated(what: String, offset: Int, needed: Int, available: Int)
    /// A structure holds values that cannot be right (negative sizes, offsets out of order…).
    case malformed(String)
    /// A compressed block uses an algorithm this reader does not decode (`"CS"` or unknown).
    case unsupportedCompression(algorithm: String)
    /// A compressed block failed to decompress, or decompressed to the wrong size.
    case decompressionFailed(algorithm: String, reason: String)
    /// An LZ4 block's xxhash64 checksum does not match its bytes.
    case checksumMismatch(expected: UInt64, computed: UInt64)
    /// The file has no TTree with this name.
    case treeNotFound(name: String, available: [String])
    /// The tree has no branch with this name.
    case branchNotFound(name: String, tree: String, available: [String])
    /// The branch holds a type this reader does not decode (named as ROOT names it).
    case unsupportedType(branch: String, typeName: String)
    /// A streamed class has a version this reader does not know.
    case unsupportedVersion(className: String, version: Int)
    /// The branch is jagged but was read with `read` (or flat but read with `readJagged`).
    case wrongShape(branch: String, typeName: String, expected: String)
    /// The requested entries are outside the branch.
    case entriesOutOfBounds(branch: String, entries: Range<Int>, count: Int)
    /// A branch cannot be converted to a NumPy array as asked.
    case cannotConvert(branch: String, reason: String)

    /// What was wrong and how to fix it, on one line (names read from files are escaped).
    public var errorDescription: String? { unescapedDescription?.escapingNonPrintable }

    private var unescapedDescription: String? {
        switch self {
        case let .fileNotFound(path):
            "ROOT file '\(path)' does not exist. Check the path (or download the dataset first)."
        case let .cannotRead(path, reason):
            "Cannot read ROOT file '\(path)': \(reason). Check that it exists and is readable."
        case let .badMagic(found):
            "Not a ROOT file: it starts with \(found.map { String(format: "%02x", $0) }.joined(separator: " ")) instead of 'root'. It may be an HTML error page from a failed download or another format; download it again."
        case let .truncated(what, offset, needed, available):
            "The ROOT file is truncated or damaged: \(what) needs \(needed) bytes at offset \(offset) but only \(available) are there. Download the file again."
        case let .malformed(reason):
            "The ROOT file is damaged or not what it claims: \(reason). Download the file again, or open it with ROOT to check it."
        case let .unsupportedCompression(algorithm):
            "A basket is compressed with '\(algorithm)', which this reader does not decode (it reads ZL, XZ, L4 and ZS). Rewrite the file with another compression (e.g. `hadd -f404`)."
        case let .decompressionFailed(algorithm, reason):
            "A \(algorithm) block of the ROOT file failed to decompress: \(reason). The file is damaged; download it again."
        case let .checksumMismatch(expected, computed):
            "An LZ4 block's checksum does not match (stored \(String(expected, radix: 16)), computed \(String(computed, radix: 16))): the file is damaged. Download it again."
        case let .treeNotFound(name, available):
            "The ROOT file has no TTree '\(name)'. Trees: \(available.isEmpty ? "none" : available.joined(separator: ", "))."
        case let .branchNotFound(name, tree, available):
            "TTree '\(tree)' has no branch '\(name)'. Branches: \(available.prefix(40).joined(separator: ", "))\(available.count > 40 ? ", …" : "") (see `jetnet info FILE.root`)."
        case let .unsupportedType(branch, typeName):
            "Branch '\(branch)' holds '\(typeName)', which this reader does not decode. It reads numbers (Double32_t and Float16_t too), fixed-size arrays, leaf-count arrays (x[n]), std::vector of numbers, std::vector<std::vector<T>> (readDoublyJagged), numeric members of split objects and collections, the objects \(ROOTObjectLayout.knownClasses.joined(separator: ", ")) (alone or in a std::vector) and, with readStrings/readStringLists, char* and std::vector<std::string>; convert the branch (e.g. with uproot or RDataFrame) first."
        case let .unsupportedVersion(className, version):
            "The file stores \(className) version \(version), which this reader does not know. Rewrite the file with a ROOT 5.26+ or 6.x release."
        case let .wrongShape(branch, typeName, expected):
            "Branch '\(branch)' is '\(typeName)'; \(expected)."
        case let .cannotConvert(branch, reason):
            "Cannot convert branch '\(branch)': \(reason)."
        case let .entriesOutOfBounds(branch, entries, count):
            "Entries \(entries.lowerBound)..<\(entries.upperBound) are outside branch '\(branch)', which has \(count) entries. Ask for a range within 0..<\(count)."
        }
    }
}
