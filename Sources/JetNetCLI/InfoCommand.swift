import ArgumentParser
import Foundation
import JetNet

/// `jetnet info FILE`: what a data file holds, the way `h5ls -r` lists HDF5 files.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "List the datasets or arrays in a data file with their shapes and types.",
        discussion: """
            Supported files: \(InspectableFile.supportedExtensions). One line per dataset or array:
              /particle_features  Dataset {2000, 30, 4}  float32
            For ROOT files, each TTree and its branches (name, type, entries, compression):
              events  TTree  2421 entries  51 branches
                Jet_Px  float[]  2421 entries  LZ4(4)
            """)

    @Argument(help: "The file to describe (.hdf5, .h5, .npy, .npz or .root).", completion: .file())
    var file: String

    func validate() throws {
        guard InspectableFile(path: file) != nil else {
            throw ValidationError("Cannot tell what kind of file '\(file)' is from its extension; supported: \(InspectableFile.supportedExtensions).")
        }
    }

    func run() throws {
        let url = try CommandFiles.input(file, "the file")
        // validate() has checked the extension. Names come from the file: escaped, one line each.
        for line in try InspectableFile(path: file)!.describe(url) {
            print(line.escapingNonPrintable)
        }
    }
}

/// The kinds of file `jetnet info` can describe; a new kind is one more case.
enum InspectableFile: CaseIterable {
    case hdf5
    case npy
    case npz
    case root

    /// File-name extensions (lowercase, without the dot) of this kind.
    var extensions: [String] {
        switch self {
        case .hdf5: ["hdf5", "h5"]
        case .npy: ["npy"]
        case .npz: ["npz"]
        case .root: ["root"]
        }
    }

    /// All supported extensions, for messages: `.hdf5, .h5, .npy, .npz`.
    static var supportedExtensions: String {
        allCases.flatMap(\.extensions).map { "." + $0 }.joined(separator: ", ")
    }

    /// The kind of the file at `path`, judged by its extension.
    init?(path: String) {
        let fileExtension = (path as NSString).pathExtension.lowercased()
        guard let kind = Self.allCases.first(where: { $0.extensions.contains(fileExtension) }) else { return nil }
        self = kind
    }

    /// One line per dataset or array.
    func describe(_ url: URL) throws -> [String] {
        switch self {
        case .hdf5:
            return try HDF5File(url: url).datasets().map(\.summary)
        case .npy:
            return [Self.line(name: url.lastPathComponent, header: try NPYFile.header(of: url))]
        case .npz:
            let archive = try NPZFile(url: url)
            return try archive.keys.map { Self.line(name: $0, header: try archive.header($0)) }
        case .root:
            return try ROOTFile(url: url).summaryLines()
        }
    }

    /// `name  Array {2000, 30, 4}  float32` (plus the stored type when it differs, and order).
    private static func line(name: String, header: NPYHeader) -> String {
        let extents = header.shape.isEmpty ? "SCALAR" : "{" + header.shape.map(String.init).joined(separator: ", ") + "}"
        var notes: [String] = []
        if header.descr != header.dtype.rawValue { notes.append("stored as \(header.descr)") }
        if header.fortranOrder { notes.append("Fortran order") }
        return "\(name)  Array \(extents)  \(header.dtype)" + (notes.isEmpty ? "" : "  (\(notes.joined(separator: ", ")))")
    }
}
