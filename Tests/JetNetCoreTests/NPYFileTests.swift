import Foundation
import Testing
import JetNetTestSupport
@testable import JetNetCore

@Suite struct NPYFileTests {
    static let allFiles = [
        "f4.npy", "f8.npy", "i4.npy", "i8.npy", "b1.npy", "u1.npy", "f8_scalar.npy", "i8_1d.npy",
        "f4_3d.npy", "f4_empty.npy", "f4_v2.npy", "i8_v3.npy", "f8_fortran.npy", "i4_fortran_3d.npy",
        "f4_big.npy", "f8_big.npy", "i4_big.npy", "i8_big.npy", "i1.npy", "i2.npy", "u2.npy", "u4.npy",
    ]
    /// Files whose stored type is one we also write, in C order and little-endian.
    static let nativeFiles = [
        "f4.npy", "f8.npy", "i4.npy", "i8.npy", "b1.npy", "u1.npy", "f8_scalar.npy", "i8_1d.npy",
        "f4_3d.npy", "f4_empty.npy",
    ]

    @Test func everyFixtureIsListed() {
        #expect(Set(NPYFixtures.manifest.npy.compactMap(\.file)) == Set(Self.allFiles))
    }

    @Test(arguments: allFiles)
    func readsWhatNumpyWrote(file: String) throws {
        let expected = NPYFixtures.npyCase(file)
        let fromFile = try NPYFile.read(NPYFixtures.url(file))
        #expect(expected.matches(fromFile), "\(file): read \(fromFile)")
        let fromData = try NPYFile.read(NPYFixtures.data(file))
        #expect(fromData == fromFile)
        let header = try NPYFile.header(of: NPYFixtures.url(file))
        #expect(header.descr == expected.descr)
        #expect(header.shape == expected.shape)
        #expect(header.fortranOrder == expected.fortranOrder)
        #expect(header.formatVersion == expected.version)
        #expect(header.dtype == fromFile.dtype)
        #expect(header.dataOffset % 64 == 0)
    }

    @Test(arguments: [
        ("f4.npy", DType.float32), ("f8.npy", .float64), ("i4.npy", .int32), ("i8.npy", .int64),
        ("b1.npy", .bool), ("u1.npy", .uint8), ("f4_big.npy", .float32), ("f8_big.npy", .float64),
        ("i4_big.npy", .int32), ("i8_big.npy", .int64), ("i1.npy", .int32), ("i2.npy", .int32),
        ("u2.npy", .int32), ("u4.npy", .int64),
    ])
    func readTypeFollowsStoredType(file: String, dtype: DType) throws {
        #expect(try NPYFile.read(NPYFixtures.url(file)).dtype == dtype)
    }

    @Test(arguments: [("f4_big.npy", "f4.npy"), ("i4_big.npy", "i4.npy")])
    func bigEndianEqualsLittleEndian(big: String, little: String) throws {
        #expect(try NPYFile.read(NPYFixtures.url(big)) == NPYFile.read(NPYFixtures.url(little)))
    }

    @Test func fortranOrderIsTransposedIntoCOrder() throws {
        let matrix = try NPYFile.read(NPYFixtures.url("f8_fortran.npy"), as: Double.self)
        #expect(matrix.shape == [3, 4])
        // numpy: np.arange(12).reshape(3, 4) * 1.5, so a[i, j] = (4 i + j) * 1.5.
        #expect(matrix[2, 1] == 13.5)
        #expect(matrix[1, 3] == 10.5)
        let cube = try NPYFile.read(NPYFixtures.url("i4_fortran_3d.npy"), as: Int32.self)
        // np.arange(24).reshape(2, 3, 4) - 10.
        #expect(cube[1, 2, 3] == 13)
        #expect(cube[0, 1, 2] == -4)
    }

    /// numpy reads what we write: our bytes are exactly `np.save`'s for the same array.
    @Test(arguments: nativeFiles)
    func encodesExactlyAsNumpySaves(file: String) throws {
        let numpyBytes = try NPYFixtures.data(file)
        let array = try NPYFile.read(numpyBytes)
        #expect(NPYFile.encode(array) == numpyBytes)
    }

    @Test(arguments: nativeFiles)
    func writeThenReadRoundTrips(file: String) throws {
        let array = try NPYFile.read(NPYFixtures.url(file))
        let url = temporaryURL(".npy")
        defer { try? FileManager.default.removeItem(at: url) }
        try NPYFile.write(array, to: url)
        #expect(try NPYFile.read(url) == array)
        #expect(try Data(contentsOf: url) == NPYFixtures.data(file))
    }

    @Test func typedWriteAndConvertingRead() throws {
        let array = NDArray<Int32>(shape: [2, 3], storage: [-3, -2, -1, 0, 1, 2])
        let url = temporaryURL(".npy")
        defer { try? FileManager.default.removeItem(at: url) }
        try NPYFile.write(array, to: url)
        #expect(try NPYFile.read(url, as: Double.self).storage == [-3, -2, -1, 0, 1, 2])
        #expect(try NPYFile.read(url, as: Bool.self).storage == [true, true, true, false, true, true])
        #expect(try NPYFile.read(url, as: Int32.self) == array)
    }

    @Test func largeHeaderUsesVersionTwo() throws {
        // A 25,000-axis shape of ones needs a header over 65,535 bytes.
        let array = NDArray<UInt8>(shape: [Int](repeating: 1, count: 25_000), repeating: 7)
        let data = NPYFile.encode(array)
        #expect(data[6] == 2)
        let header = try NPYFile.header(in: data)
        #expect(header.dataOffset % 64 == 0)
        #expect(try NPYFile.read(data) == .uint8(array))
    }

    // MARK: Bad input

    private func expectError(_ expected: NPYError, reading data: Data) throws {
        let url = temporaryURL(".npy")
        defer { try? FileManager.default.removeItem(at: url) }
        try data.write(to: url)
        var fileError = expected
        switch expected {
        case let .truncated(_, e, a): fileError = .truncated(source: url.path, expectedBytes: e, availableBytes: a)
        case .notNPY: fileError = .notNPY(source: url.path)
        case let .unsupportedDType(_, d): fileError = .unsupportedDType(source: url.path, descr: d)
        case let .unsupportedVersion(_, major, minor): fileError = .unsupportedVersion(source: url.path, major: major, minor: minor)
        case let .malformedHeader(_, r): fileError = .malformedHeader(source: url.path, reason: r)
        default: break
        }
        #expect(throws: fileError) { try NPYFile.read(url) }
        #expect(throws: expected) { try NPYFile.read(data) }
        do { _ = try NPYFile.read(url) } catch let error as NPYError {
            #expect(error.errorDescription!.contains(url.path))
        }
    }

    private func patched(_ file: String, _ old: String, _ new: String) throws -> Data {
        precondition(old.utf8.count == new.utf8.count)
        var bytes = [UInt8](try NPYFixtures.data(file))
        let needle = Array(old.utf8)
        let at = (0...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle }!
        bytes.replaceSubrange(at..<(at + needle.count), with: Array(new.utf8))
        return Data(bytes)
    }

    @Test func truncatedDataIsReported() throws {
        let full = try NPYFixtures.data("f4.npy")  // 3 x 4 float32 = 48 data bytes after 128
        try expectError(.truncated(source: "in-memory data", expectedBytes: 48, availableBytes: 43), reading: full.prefix(full.count - 5))
    }

    @Test func truncatedHeaderIsReported() throws {
        let full = try NPYFixtures.data("f4.npy")
        let cut = full.prefix(40)
        #expect(throws: NPYError.truncated(source: "in-memory data", expectedBytes: 12, availableBytes: 40)) { try NPYFile.read(cut) }
        let url = temporaryURL(".npy")
        defer { try? FileManager.default.removeItem(at: url) }
        try cut.write(to: url)
        #expect(throws: NPYError.truncated(source: url.path, expectedBytes: 128, availableBytes: 40)) { try NPYFile.read(url) }
    }

    @Test func headerThatLiesAboutTheSizeIsReported() throws {
        // The header claims 9 x 4 elements; 3 x 4 are stored.
        let lying = try patched("f4.npy", "(3, 4)", "(9, 4)")
        try expectError(.truncated(source: "in-memory data", expectedBytes: 144, availableBytes: 48), reading: lying)
    }

    @Test func unknownDTypeIsReported() throws {
        let complex = try patched("f8.npy", "'<f8'", "'<c8'")
        try expectError(.unsupportedDType(source: "in-memory data", descr: "<c8"), reading: complex)
        let text = try patched("f8.npy", "'<f8'", "'<U2'")
        try expectError(.unsupportedDType(source: "in-memory data", descr: "<U2"), reading: text)
    }

    @Test func notAnNPYFileIsReported() throws {
        try expectError(.notNPY(source: "in-memory data"), reading: Data("particle,features\n1,2\n".utf8))
        try expectError(.notNPY(source: "in-memory data"), reading: Data())
    }

    @Test func unknownVersionIsReported() throws {
        var bytes = try NPYFixtures.data("f4.npy")
        bytes[6] = 4
        try expectError(.unsupportedVersion(source: "in-memory data", major: 4, minor: 0), reading: bytes)
    }

    @Test func malformedHeaderIsReported() throws {
        let renamed = try patched("f4.npy", "'shape'", "'shope'")
        #expect(throws: NPYError.self) { try NPYFile.read(renamed) }
        let broken = try patched("f4.npy", "(3, 4)", "(3; 4)")
        do {
            _ = try NPYFile.read(broken)
            Issue.record("a header with '(3; 4)' was accepted")
        } catch let error as NPYError {
            guard case .malformedHeader = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.errorDescription!.contains("numpy.save"))
        }
    }

    @Test func missingFileIsReported() throws {
        let url = temporaryURL(".npy")
        do {
            _ = try NPYFile.read(url)
            Issue.record("reading a missing file succeeded")
        } catch let error as NPYError {
            guard case .fileAccess(let path, let reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(path == url.path)
            #expect(reason.contains("No such file"))
        }
    }
}
