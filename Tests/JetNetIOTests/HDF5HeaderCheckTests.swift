import Foundation
import JetNetCore
import JetNetTestSupport
import Testing
@testable import JetNetIO

/// Damaged object headers that libhdf5 1.10 would decode out of bounds are refused before it sees
/// them. Each case changes bytes of the `/bool` dataset's header in Fixtures/types.h5 (a version 1
/// header at 0x14F0: dataspace message at 0x1500, enumeration datatype message at 0x1520 whose
/// 1-byte integer base type starts at 0x1530).
@Suite struct HDF5HeaderCheckTests {
    struct Damage: Sendable, CustomTestStringConvertible {
        let name: String
        /// Offset, the byte the fixture has there, the damaged byte.
        let edits: [(offset: Int, original: UInt8, damaged: UInt8)]
        /// What the error must say about the field.
        let reason: String
        var testDescription: String { name }
    }

    static let damages: [Damage] = [
        // Fuzz mutant 1116 (seed 20261206): the enumeration's base size 1 becomes 0x53000001, and
        // libhdf5 copies members × base size bytes of values out of the header (SIGSEGV).
        Damage(name: "enumeration base size (fuzz mutant 1116)", edits: [(0x1537, 0x00, 0x53)], reason: "an integer of 1392508929 bytes"),
        Damage(name: "enumeration member count", edits: [(0x1529, 0x02, 0xF0)], reason: "a field of 7 bytes where 3 remain"),
        Damage(name: "dataspace rank", edits: [(0x1509, 0x01, 0x40)], reason: "a dataspace of rank 64"),
        Damage(name: "message size beyond its chunk", edits: [(0x1522, 0x28, 0xFF), (0x1523, 0x00, 0x0F)], reason: "claims 4095 bytes"),
        Damage(name: "continuation beyond the file", edits: [(0x1520, 0x03, 0x10), (0x152F, 0x00, 0x7F)], reason: "beyond the end of the file"),
    ]

    /// types.h5 with `damage`'s edits, written to a temporary file (remove it when done).
    static func damagedFile(_ damage: Damage) throws -> URL {
        var bytes = [UInt8](try fixtures.data("types.h5"))
        for edit in damage.edits {
            #expect(bytes[edit.offset] == edit.original, "the fixture changed: offset \(edit.offset)")
            bytes[edit.offset] = edit.damaged
        }
        let url = temporaryURL("-damaged.h5")
        try Data(bytes).write(to: url)
        return url
    }

    @Test("A damaged header is a typed error naming the object and the field", arguments: damages)
    func refused(damage: Damage) throws {
        let url = try Self.damagedFile(damage)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try HDF5File(url: url)
        for attempt in [{ _ = try file.datasets() }, { _ = try file.read("bool", as: Float.self) }, { _ = try file.attributes(of: "bool") }] {
            let error = #expect(throws: HDF5Error.self) { try attempt() }
            guard case let .damaged(path, object, reason)? = error else {
                Issue.record("expected a damaged-header error, got \(String(describing: error))")
                continue
            }
            #expect(path == url.path && object == "/bool")
            #expect(reason.contains(damage.reason), "\(reason)")
            #expect(error?.errorDescription?.contains("is damaged") == true)
        }
        // The other datasets still read.
        #expect(try file.read("int8") == .int32(NDArray([-128, -1, 127])))
    }

    /// The root group of types.h5 is an old-style group: its header at 0x60 holds a symbol-table
    /// message whose B-tree address is at 0x78 and local-heap address at 0x80; the B-tree node at
    /// 0x88 has its first child address at 0xA8 (the symbol node at 0x430, whose first name
    /// offset is at 0x438). An address of all ones (HDF5's
    /// "undefined") made libhdf5 1.10 read before its metadata buffer (SIGSEGV in H5F__accum_read).
    static let rootDamages: [Damage] = [
        Damage(name: "local heap address undefined (fuzz mutant 7384)", edits: (0x80..<0x88).map { ($0, $0 == 0x80 ? 0xA8 : $0 == 0x81 ? 0x02 : 0x00, 0xFF) },
               reason: "beyond the end of the file"),
        Damage(name: "symbol node address undefined (fuzz mutant 7651)", edits: (0xA8..<0xB0).map { ($0, $0 == 0xA8 ? 0x30 : $0 == 0xA9 ? 0x04 : 0x00, 0xFF) },
               reason: "beyond the end of the file"),
        Damage(name: "symbol name outside the heap", edits: [(0x43E, 0x00, 0x7F)], reason: "outside its 176-byte heap"),
    ]

    @Test("A damaged root group is refused when the file is opened", arguments: rootDamages)
    func rootRefused(damage: Damage) throws {
        let url = try Self.damagedFile(damage)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = #expect(throws: HDF5Error.self) { _ = try HDF5File(url: url) }
        guard case let .damaged(_, object, reason)? = error else {
            Issue.record("expected a damaged-header error, got \(String(describing: error))")
            return
        }
        #expect(object == "/")
        #expect(reason.contains(damage.reason), "\(reason)")
    }

    @Test("Every header of every HDF5 fixture passes the check (no false alarms)")
    func fixturesPass() throws {
        let file = try HDF5File(url: try fixtures.url("types.h5"))
        #expect(try file.datasets().count == 18)
        for dataset in try file.datasets() { _ = try file.attributes(of: dataset.path) }
    }
}
