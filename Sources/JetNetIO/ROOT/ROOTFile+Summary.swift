import Foundation

extension ROOTFile {
    /// A listing of the file's trees and branches for `jetnet info`, one line each:
    ///
    /// ```
    /// events  TTree  2421 entries  6 branches
    ///   Jet_Px  float[]  2421 entries  LZ4(4)
    ///   MET     TVector2 2421 entries  LZ4(4)
    /// ```
    /// Branches this reader cannot decode end with `not decoded`.
    /// - Throws: ``ROOTError`` when a tree's metadata cannot be read.
    public func summaryLines() throws -> [String] {
        var lines: [String] = []
        for tree in try trees() {
            lines.append("\(tree.name)  TTree  \(tree.entries) entries  \(tree.branches.count) branches")
            let width = tree.branches.map(\.name.count).max() ?? 0
            let typeWidth = tree.branches.map(\.typeName.count).max() ?? 0
            for branch in tree.branches {
                let name = branch.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let type = branch.typeName.padding(toLength: typeWidth, withPad: " ", startingAt: 0)
                let decoded = if case .unsupported = branch.layout { "  not decoded" } else { "" }
                lines.append("  \(name)  \(type)  \(branch.entries) entries  \(branch.compression)\(decoded)")
            }
        }
        return lines
    }
}
