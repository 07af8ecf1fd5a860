import Foundation
import JetNetCore
import Testing
@testable import JetNetIO

/// Reading every type h5py writes, from Fixtures/types.h5 (scripts/fixtures/make_hdf5_fixtures.py,
/// whose literals are the expected values here).
@Suite struct HDF5FileTypesTests {
    let url = try! fixtures.url("types.h5")

    @Test func convertsNarrowAndForeignTypes() throws {
        let file = try HDF5File(url: url)
        #expect(try file.read("float16") == .float32(NDArray([0.5, -2, 65504])))
        #expect(try file.read("float64_big_endian", as: Double.self) == NDArray([1.5, -0.25, 1e300]))
        #expect(try file.read("int8") == .int32(NDArray([-128, -1, 127])))
        #expect(try file.read("int16", as: Int64.self) == NDArray([-32768, 0, 32767]))
        #expect(try file.read("uint16") == .int32(NDArray([0, 1, 65535])))
        #expect(try file.read("uint32") == .int64(NDArray([0, 4_294_967_295])))
        // HDF5 clamps values that do not fit (NumPy's astype would wrap 2^64 - 1 to -1).
        #expect(try file.read("uint64", as: Int64.self) == NDArray([7, Int64.max]))
        #expect(try file.read("int8", as: UInt8.self) == NDArray([0, 0, 127]))
    }

    @Test func readsH5pyBooleans() throws {
        let file = try HDF5File(url: url)
        #expect(try file.info("bool").type == .bool)
        #expect(try file.read("bool") == .bool(NDArray([true, false, true])))
        #expect(try file.read("bool", as: Float.self) == NDArray([1, 0, 1]))
        #expect(try file.read("bool", as: Bool.self, rows: 1..<3) == NDArray([false, true]))
    }

    @Test func readsScalarsAndEmptyDatasets() throws {
        let file = try HDF5File(url: url)
        let scalar = try file.read("scalar", as: Double.self)
        #expect(scalar.shape == [])
        #expect(scalar.storage == [2.75])
        #expect(throws: HDF5Error.rowsOutOfBounds(path: url.path, dataset: "scalar", rows: 0..<1, rowCount: 0)) {
            try file.read("scalar", as: Double.self, rows: 0..<1)
        }
        #expect(try file.read("empty", as: Float.self) == NDArray(shape: [0, 4], storage: []))
        #expect(try file.read("empty", as: Float.self, rows: 0..<0).shape == [0, 4])
    }

    @Test func readsFixedAndVariableLengthStrings() throws {
        let file = try HDF5File(url: url)
        #expect(try file.readStrings("strings/fixed") == ["E_0", "PX_0", "truthPZ"])
        #expect(try file.info("strings/variable").type == .variableString)
        #expect(try file.readStrings("/strings/variable") == ["a", "\u{3B2}\u{3B3}", ""])
    }

    @Test(arguments: [0..<40, 10..<25, 39..<40, 7..<7])
    func readsContiguousDatasetsAndRanges(rows: Range<Int>) throws {
        let file = try HDF5File(url: url)
        let info = try file.info("contiguous")
        #expect(!info.isChunked && info.shape == [40, 6, 4] && info.type == .float(bits: 32))
        let full = try file.read("contiguous", as: Float.self)
        #expect(full == NDArray(shape: [40, 6, 4], storage: (0..<960).map { Float($0) / 8 - 30 }))
        let part = try file.read("contiguous", as: Float.self, rows: rows)
        #expect(part == full.rows(rows))
        #expect(part.shape == [rows.count, 6, 4])
    }

    @Test func readsShuffledGzipChunksAndRanges() throws {
        let file = try HDF5File(url: url)
        let full = try file.read("compressed/shuffle_gzip", as: Int32.self)
        #expect(full == NDArray(shape: [30, 4], storage: (0..<120).map { Int32($0) - 60 }))
        #expect(try file.read("compressed/shuffle_gzip", as: Int32.self, rows: 5..<12) == full.rows(5..<12))
    }

    @Test func readsAttributesOfEveryKind() throws {
        let attributes = try HDF5File(url: url).attributes(of: "compressed/shuffle_gzip")
        #expect(attributes == [
            "title": .string("shuffled"), "kind": .string("integer"), "count": .integers([120]),
            "offsets": .integers([-60, 59]), "scale": .floats([0.5]), "valid": .integers([1]),
        ])
        #expect(try HDF5File(url: url).attributes(of: "/") == [:])
    }

    @Test func unavailableFilterIsAReadError() throws {
        // LZF is h5py's own filter; libhdf5 alone cannot decompress it.
        do {
            _ = try HDF5File(url: url).read("compressed/lzf", as: Float.self)
            Issue.record("an LZF dataset was read without the LZF filter")
        } catch let error as HDF5Error {
            guard case .readFailed(let path, "compressed/lzf", let reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(path == url.path)
            #expect(reason.contains("required filter 'lzf' is not registered"), "\(reason)")
        }
    }

    @Test func compoundDatasetIsUnsupported() {
        #expect(throws: HDF5Error.unsupportedType(path: url.path, dataset: "compound", stored: "compound", requested: "float64")) {
            try HDF5File(url: url).read("compound", as: Double.self)
        }
    }
}
