import Foundation
import Testing
import JetNetTestSupport
@testable import JetNetCore

/// Issue 12, finding 3: a failed write never destroys the old file and leaves no temporary.
@Suite("Atomic writes")
struct AtomicFileTests {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jetnet-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func names(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    struct Injected: Error {}

    @Test("A writer that fails half-way leaves the old file intact and no temporary")
    func failingWriterKeepsOldFile() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("out.npy")
        let old = NPYFile.encode(NDArray<Float>(shape: [2, 3], storage: [1, 2, 3, 4, 5, 6]))
        try old.write(to: target)
        #expect(throws: Injected.self) {
            try AtomicFile.write(to: target) { temporary in
                try Data(repeating: 0xAB, count: 1000).write(to: temporary)  // half a file...
                throw Injected()  // ...then the disk fills up
            }
        }
        #expect(try Data(contentsOf: target) == old)
        #expect(try Self.names(in: directory) == ["out.npy"])
    }

    @Test("A complete write replaces the file and keeps its permissions")
    func completeWriteReplaces() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("a.npy")
        try Data("old".utf8).write(to: target)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        let array = NDArray<Double>(shape: [3], storage: [1, 2, 3])
        try NPYFile.write(array, to: target)
        #expect(try NPYFile.read(target, as: Double.self) == array)
        #expect(try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int == 0o600)
        #expect(try Self.names(in: directory) == ["a.npy"])
    }

    @Test("A write into a missing folder fails with the path and changes nothing")
    func missingFolder() throws {
        let target = URL(fileURLWithPath: "/nonexistent-jetnet-folder/x.npz")
        #expect(throws: NPYError.self) { try NPZFile.write(["x": AnyNDArray(NDArray<Float>(shape: [1], storage: [1]))], to: target) }
        #expect(throws: FileWriteError.self) { try AtomicFile.write(Data([1]), to: target) }
    }

    @Test("An output that is an input (same inode, any spelling) is refused")
    func sameFileRefused() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("jets.npy")
        try Data("x".utf8).write(to: input)
        let link = directory.appendingPathComponent("link.npy")
        try FileManager.default.linkItem(at: input, to: link)
        let dotted = URL(fileURLWithPath: directory.path + "/./jets.npy")
        for output in [input, link, dotted] {
            #expect(throws: FileWriteError.outputIsInput(output: output.path, input: input.path)) {
                try AtomicFile.refuseOverwriting(output, inputs: [input])
            }
        }
        try AtomicFile.refuseOverwriting(directory.appendingPathComponent("new.npy"), inputs: [input])
        try Data("y".utf8).write(to: directory.appendingPathComponent("other.npy"))
        try AtomicFile.refuseOverwriting(directory.appendingPathComponent("other.npy"), inputs: [input])
    }

    @Test("Stale temporaries of a killed run are removed, other files are not")
    func staleTemporaries() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("g.hdf5")
        for name in [".g.hdf5.0A1B.part", ".g.hdf5.1F2E3D.part", ".q.hdf5.99.part", "g.hdf5", ".g.hdf5..keep"] {
            try Data().write(to: directory.appendingPathComponent(name))
        }
        #expect(AtomicFile.removeStaleTemporaries(of: target, suffix: "part") == 2)
        #expect(try Self.names(in: directory) == [".g.hdf5..keep", ".q.hdf5.99.part", "g.hdf5"])
    }

    @Test("Names from files print on one line with control characters escaped", arguments: [
        ("a\nb", "a\\nb"), ("tab\there", "tab\\there"), ("\u{1B}[31mred", "\\u{1B}[31mred"), ("ηφ pT", "ηφ pT"), ("\u{7F}\u{85}", "\\u{7F}\\u{85}"),
    ])
    func escaping(raw: String, escaped: String) {
        #expect(raw.escapingNonPrintable == escaped)
    }

    @Test("Memory estimates overflow to nil and huge sizes are refused with the size")
    func memoryBudget() throws {
        #expect(MemoryBudget.bytes(1 << 20, 1 << 20, 8) == 8 << 40)
        #expect(MemoryBudget.bytes(Int.max, 2) == nil)
        #expect(MemoryBudget.bytes(-1, 2) == nil)
        #expect(MemoryBudget.sum(1, nil) == nil)
        try MemoryBudget.require(1 << 20, for: "small")
        #expect(throws: MemoryBudgetError.self) { try MemoryBudget.require(nil, for: "--w1-samples 9223372036854775807") }
        do {
            try MemoryBudget.require(MemoryBudget.physicalMemory + 1, for: "--size 100000")
            Issue.record("not refused")
        } catch {
            #expect(error.errorDescription!.hasPrefix("--size 100000 needs about "))
        }
    }
}
