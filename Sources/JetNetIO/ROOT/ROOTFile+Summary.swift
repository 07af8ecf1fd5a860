import Foundation

extension ROOTFile {
    /// A listing of the file's trees and branches for `jetnet info`, one line each, sub-branches
    /// of split objects indented under their parent:
    ///
    /// ```
    /// one/objects  TTree  40 entries  12 branches
    ///   p      Particle  40 entries  ZLIB(1)
    ///     pt   float     40 entries  ZLIB(1)
    ///   whole  TObject   40 entries  ZLIB(1)  not decoded (class TObject)
    /// ```
    /// Branches this reader cannot decode end with `not decoded (class X)`; so do trees of a
    /// class version it does not know. Only real damage (sizes past the end of the file, failed
    /// decompression, impossible values) throws.
    /// - Throws: ``ROOTError`` when a tree's metadata is damaged.
    public func summaryLines() throws -> [String] {
        var lines: [String] = []
        for (path, key) in treeKeys() {
            let tree: TTree
            do {
                tree = try self.tree(for: key, path: path)
            } catch let ROOTError.unsupportedVersion(className, version) {
                lines.append("\(path)  \(key.className)  not decoded (class \(className) version \(version))")
                continue
            }
            lines.append("\(tree.name)  \(tree.className)  \(tree.entries) entries  \(tree.branches.count) branches")
            var rows: [(name: String, type: String, branch: TBranch)] = []
            func add(_ list: [TBranch], depth: Int) {
                for branch in list {
                    rows.append((String(repeating: "  ", count: depth) + branch.name, branch.typeName, branch))
                    add(branch.subBranches, depth: depth + 1)
                }
            }
            add(tree.topBranches, depth: 0)
            let width = rows.map(\.name.count).max() ?? 0
            let typeWidth = rows.map(\.type.count).max() ?? 0
            for row in rows {
                let name = row.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let type = row.type.padding(toLength: typeWidth, withPad: " ", startingAt: 0)
                let decoded = if case let .unsupported(what) = row.branch.layout { "  not decoded (class \(what))" } else { "" }
                lines.append("  \(name)  \(type)  \(row.branch.entries) entries  \(row.branch.compression)\(decoded)")
            }
        }
        return lines
    }
}
