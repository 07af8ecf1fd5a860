import Foundation
import JetNetCore
import JetNetSamples
import Testing
import JetNetTestSupport
@testable import JetNetIO

@Suite struct HDF5FileTests {
    static let cases = [
        ("g.hdf5", "particle_features"), ("g.hdf5", "jet_features"),
        ("g150.hdf5", "particle_features"), ("g150.hdf5", "jet_features"),
    ]

    @Test(arguments: cases)
    func readsExactlyTheStoredValues(file: String, dataset: String) throws {
        let expected = Fingerprint.all[file]![dataset]!
        let array = try HDF5File(url: EmbeddedSample.url(file)).read(dataset, as: Float.self)
        #expect(array.shape == expected.shape)
        #expect(array.dtype.description == expected.dtype)
        let values = array.storage.map(Double.init)
        // NumPy sums pairwise, we sum in order: equal to float64 rounding over ~10^5 terms.
        #expect(abs(values.reduce(0, +) - expected.sum) <= 1e-9 * expected.absSum)
        #expect(abs(values.reduce(0) { $0 + abs($1) } - expected.absSum) <= 1e-9 * expected.absSum)
        #expect(Array(values.prefix(12)) == expected.first)
        #expect(Array(values.suffix(12)) == expected.last)
        #expect(Array(values.prefix(array.rowSize)) == expected.row0)
        #expect(Array(values.suffix(array.rowSize)) == expected.rowLast)
    }

    @Test func listsDatasetsLikeH5ls() throws {
        let sample = try HDF5File(url: EmbeddedSample.url("g.hdf5")).datasets()
        #expect(sample.map(\.summary) == [
            "/jet_features  Dataset {2000, 4}  float32",
            "/particle_features  Dataset {2000, 30, 4}  float32",
        ])
        // h5py's default layout (the reference kit's g.hdf5 has it; the embedded copy is repacked).
        let types = try HDF5File(url: fixtures.url("types.h5")).datasets()
        #expect(types.first { $0.summary == "/contiguous  Dataset {40, 6, 4}  float32" }?.isChunked == false)
        let chunked = try HDF5File(url: EmbeddedSample.url("g150.hdf5")).datasets()
        #expect(chunked.map(\.shape) == [[500, 4], [500, 150, 4]])
        #expect(chunked.allSatisfy { $0.isChunked && $0.type == .float(bits: 32) })
    }

    @Test(arguments: [("g.hdf5", 100..<250), ("g150.hdf5", 60..<130), ("g150.hdf5", 499..<500), ("g150.hdf5", 0..<500), ("g.hdf5", 7..<7)])
    func rangeReadEqualsSliceOfFullRead(file: String, rows: Range<Int>) throws {
        let hdf5 = try HDF5File(url: EmbeddedSample.url(file))
        let full = try hdf5.read("particle_features", as: Float.self)
        let part = try hdf5.read("/particle_features", as: Float.self, rows: rows)
        #expect(part == full.rows(rows))
        #expect(part.shape == [rows.count] + full.shape.dropFirst())
    }

    @Test func convertsToTheRequestedType() throws {
        let hdf5 = try HDF5File(url: EmbeddedSample.url("g150.hdf5"))
        let floats = try hdf5.read("jet_features", as: Float.self)
        #expect(try hdf5.read("jet_features", as: Double.self) == floats.converted(to: Double.self))
        // The 4th jet feature is the particle count: integral, so conversion is exact.
        let counts = try hdf5.read("jet_features", as: Int64.self).selectingLast([3])
        #expect(counts == floats.selectingLast([3]).converted(to: Int64.self))
        #expect(try hdf5.read("jet_features") == .float32(floats))
        let mask = try hdf5.read("particle_features", as: Bool.self).selectingLast([3])
        let maskFloats = try hdf5.read("particle_features", as: Float.self).selectingLast([3])
        #expect(mask == maskFloats.converted(to: Bool.self))
    }

    @Test func concurrentReadsAgree() throws {
        let url = EmbeddedSample.url("g150.hdf5")
        let expected = try HDF5File(url: url).read("particle_features", as: Float.self)
        final class Results: @unchecked Sendable {
            // Each thread writes only its own slot.
            var matches = [Bool](repeating: false, count: 4)
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            results.matches[index] = (try? HDF5File(url: url).read("particle_features", as: Float.self)) == expected
        }
        #expect(results.matches == [true, true, true, true])
    }

    // MARK: Writing

    @Test func writeThenReadRoundTrips() throws {
        let url = temporaryURL(".hdf5")
        defer { try? FileManager.default.removeItem(at: url) }
        let floats = NDArray<Float>(shape: [5, 3, 2], storage: (0..<30).map { Float($0) * 0.25 - 3 })
        let doubles = NDArray<Double>(shape: [4], storage: [1.0 / 3.0, -2.5e300, 0, 7])
        let ints = NDArray<Int32>(shape: [2, 2], storage: [Int32.min, -1, 0, Int32.max])
        let longs = NDArray<Int64>(shape: [3], storage: [Int64.min, 42, Int64.max])
        let flags = NDArray<Bool>(shape: [2, 3], storage: [true, false, true, false, false, true])
        let bytes = NDArray<UInt8>(shape: [4], storage: [0, 1, 128, 255])
        let scalar = NDArray<Double>(shape: [], storage: [2.5])
        let names = ["E_0", "PX_0", "truthE", ""]
        do {
            let file = try HDF5File.create(url)
            try file.write(dataset: "floats", array: floats, chunkRows: 2, compressionLevel: 4)
            try file.write(dataset: "group/doubles", array: doubles)
            try file.write(dataset: "group/nested/ints", array: ints)
            try file.write(dataset: "group/nested/longs", array: .int64(longs))
            try file.write(dataset: "flags", array: flags)
            try file.write(dataset: "bytes", array: bytes)
            try file.write(dataset: "scalar", array: scalar)
            try file.write(dataset: "names", strings: names)
            try file.setAttribute("CLASS", to: "GROUP", on: "group")
            try file.setAttribute("nrows", to: 5, on: "floats")
        }
        let file = try HDF5File(url: url)
        #expect(try file.datasetPaths() == ["/bytes", "/flags", "/floats", "/group/doubles", "/group/nested/ints", "/group/nested/longs", "/names", "/scalar"])
        #expect(try file.info("floats").isChunked)
        #expect(try file.read("floats", as: Float.self) == floats)
        #expect(try file.read("floats", as: Float.self, rows: 1..<4) == floats.rows(1..<4))
        #expect(try file.read("group/doubles", as: Double.self) == doubles)
        #expect(try file.read("group/nested/ints", as: Int32.self) == ints)
        #expect(try file.read("group/nested/longs", as: Int64.self) == longs)
        #expect(try file.info("flags").type == .unsignedInteger(bits: 8))
        #expect(try file.read("flags", as: Bool.self) == flags)
        #expect(try file.read("bytes") == .uint8(bytes))
        #expect(try file.read("scalar", as: Double.self) == scalar)
        #expect(try file.info("names").type == .fixedString(length: 6))
        #expect(try file.readStrings("names") == names)
        #expect(try file.attributes(of: "group") == ["CLASS": .string("GROUP")])
        #expect(try file.attributes(of: "/floats") == ["nrows": .integers([5])])
    }

    // MARK: Bad input

    @Test func missingFileIsReported() {
        let url = temporaryURL(".hdf5")
        #expect(throws: HDF5Error.fileNotFound(path: url.path)) { try HDF5File(url: url) }
    }

    @Test func randomBytesAreNotHDF5() throws {
        let url = temporaryURL(".hdf5")
        defer { try? FileManager.default.removeItem(at: url) }
        var state: UInt64 = 20261129
        let bytes = (0..<100).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        try Data(bytes).write(to: url)
        #expect(throws: HDF5Error.notHDF5(path: url.path)) { try HDF5File(url: url) }
        #expect(HDF5Error.notHDF5(path: url.path).errorDescription!.contains(url.path))
    }

    @Test func missingDatasetIsReported() throws {
        let url = EmbeddedSample.url("g.hdf5")
        let expected = HDF5Error.missingDataset(path: url.path, dataset: "particle_feature", available: ["/jet_features", "/particle_features"])
        #expect(throws: expected) { try HDF5File(url: url).read("particle_feature", as: Float.self) }
        #expect(throws: expected) { try HDF5File(url: url).read("particle_feature") }
        #expect(expected.errorDescription!.contains("/particle_features"))
        #expect(throws: HDF5Error.self) { try HDF5File(url: url).readStrings("no/such/path") }
    }

    @Test(arguments: [1990..<2010, -1..<5, 2000..<2001])
    func rowsOutOfBoundsAreReported(rows: Range<Int>) throws {
        let url = EmbeddedSample.url("g.hdf5")
        #expect(throws: HDF5Error.rowsOutOfBounds(path: url.path, dataset: "particle_features", rows: rows, rowCount: 2000)) {
            try HDF5File(url: url).read("particle_features", as: Float.self, rows: rows)
        }
    }

    @Test func wrongKindsOfDatasetAreReported() throws {
        let url = temporaryURL(".h5")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            let file = try HDF5File.create(url)
            try file.write(dataset: "table/axis0", strings: ["a", "b"])
            try file.write(dataset: "table/values", array: NDArray<Float>([1, 2]))
        }
        let file = try HDF5File(url: url)
        #expect(throws: HDF5Error.unsupportedType(path: url.path, dataset: "table/axis0", stored: "|S1", requested: "float32")) {
            try file.read("table/axis0", as: Float.self)
        }
        #expect(throws: HDF5Error.unsupportedType(path: url.path, dataset: "table/values", stored: "float32", requested: "strings")) {
            try file.readStrings("table/values")
        }
        #expect(throws: HDF5Error.notADataset(path: url.path, dataset: "table")) { try file.read("table", as: Float.self) }
        #expect(throws: HDF5Error.writeFailed(path: url.path, dataset: "more", reason: "the file was opened read-only")) {
            try file.write(dataset: "more", array: NDArray<Float>([1]))
        }
    }

    @Test func existingDatasetNameIsReported() throws {
        let url = temporaryURL(".h5")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try HDF5File.create(url)
        try file.write(dataset: "x", array: NDArray<Float>([1]))
        do {
            try file.write(dataset: "x", array: NDArray<Float>([2]))
            Issue.record("writing a dataset twice succeeded")
        } catch let error as HDF5Error {
            guard case .writeFailed(_, "x", let reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(!reason.isEmpty && reason != "unknown HDF5 error")
        }
    }
}
