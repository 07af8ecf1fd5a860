import ArgumentParser
import Foundation
import JetNet

/// `jetnet convert root FILE.root`: ROOT tree branches to NumPy arrays in an `.npz`.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert branches of a ROOT tree to NumPy arrays in a .npz (what uproot + awkward padding give).",
        discussion: """
            Flat branches become [N] arrays (fixed arrays [N, d...]); jagged ones (x[n], std::vector<T>)
            [N, K] arrays padded with zeros or truncated to K, plus NAME_mask [N, K]; doubly jagged ones
            (std::vector<std::vector<T>>) [N, K, L] with --pad-to K,L. Entries are streamed in chunks, so
            memory stays bounded for files of any size. Example:
              jetnet convert root HToBB_120.root --tree tree --branches part_px,part_py,jet_pt \\
                --pad-to 128 --out hbb.npz
            """)

    /// The input formats `convert` reads.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case root
    }

    @Argument(help: "The input format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format

    @Argument(help: "The ROOT file.", completion: .file())
    var file: String

    @Option(help: "The tree (with its directory path, e.g. dir/events).")
    var tree: String

    @Option(help: "Branches, comma-separated (sub-branches as p/pt or p.pt).")
    var branches: String

    @Option(help: "The .npz file to write.")
    var out: String

    @Option(help: "Entries A:B to convert (A inclusive, B exclusive; either may be omitted).")
    var entries: String?

    @Option(help: "Padded length K of jagged branches, or K,L for doubly jagged ones.")
    var padTo: String?

    @Option(help: "Entries read at a time (bounds memory).")
    var chunk: Int = 10_000

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        _ = try parsedBranches()
        _ = try parsedPad()
        if let entries { _ = try Self.parseRange(entries, count: Int.max) }
        guard chunk > 0 else { throw ValidationError("--chunk must be at least 1, got \(chunk)") }
    }

    func run() throws {
        let rootTree = try ROOTFile(url: URL(fileURLWithPath: file)).tree(named: tree)
        let range = try entries.map { try Self.parseRange($0, count: rootTree.entries) }
        let bar = ProgressBar(label: "jetnet convert:", quiet: quiet)
        let verbose = !quiet
        try rootTree.convert(branches: try parsedBranches(), entries: range, pad: try parsedPad(), to: URL(fileURLWithPath: out),
                             chunk: chunk) { step in
            guard verbose else { return }
            if bar.enabled {
                bar.status("\(step.branch) (\(step.branchIndex)/\(step.branchCount)) \(step.entriesDone)/\(step.entriesTotal) entries")
            } else if step.entriesDone == step.entriesTotal {
                FileHandle.standardError.write(Data("jetnet convert: \(step.branch) (\(step.branchIndex)/\(step.branchCount)) \(step.entriesTotal) entries\n".utf8))
            }
        }
        bar.clear()
    }

    private func parsedBranches() throws -> [String] {
        let names = branches.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ValidationError("--branches: give at least one branch name") }
        return names
    }

    private func parsedPad() throws -> [Int] {
        guard let padTo else { return [] }
        let values = padTo.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1 ... 2).contains(values.count), values.allSatisfy({ ($0 ?? -1) >= 0 }) else {
            throw ValidationError("--pad-to takes K or K,L (non-negative integers), got '\(padTo)'")
        }
        return values.map { $0! }
    }

    /// `A:B`, `A:` or `:B` within `0..<count`.
    static func parseRange(_ text: String, count: Int) throws -> Range<Int> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw ValidationError("--entries takes A:B, got '\(text)'") }
        let lower = parts[0].isEmpty ? 0 : Int(parts[0])
        let upper = parts[1].isEmpty ? count : Int(parts[1])
        guard let lower, let upper, lower >= 0, lower <= upper else {
            throw ValidationError("--entries takes A:B with 0 <= A <= B, got '\(text)'")
        }
        guard upper <= count else { throw ValidationError("--entries \(text): the tree has \(count) entries") }
        return lower ..< upper
    }
}
