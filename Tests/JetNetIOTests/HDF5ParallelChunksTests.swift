import CHDF5
import Foundation
import JetNetCore
import JetNetSamples
import Testing
import JetNetTestSupport
@testable import JetNetIO

/// Chunked deflate datasets are inflated on every core (``HDF5ParallelChunks``): the values
/// must be the bytes libhdf5's own `H5Dread` gives, for any row range.
@Suite("HDF5 parallel chunk reads equal libhdf5's reads")
struct HDF5ParallelChunksTests {
    /// Row ranges that start and end inside chunks, on chunk edges, and the partial last chunk.
    static func ranges(rowCount n: Int) -> [Range<Int>?] {
        [nil, 0..<1, 7..<9, 63..<65, 64..<128, 100..<357, (n - 3)..<n, 0..<n].filter { ($0?.upperBound ?? 0) <= n }
    }

    @Test("embedded sample files: shuffle+gzip, chunks of 64 (g150) or 256 (q) jets x one feature",
          arguments: [("g150.hdf5", "particle_features"), ("g150.hdf5", "jet_features"),
                      ("q.hdf5", "particle_features"), ("q.hdf5", "jet_features")])
    func embedded(file: String, dataset: String) throws {
        let hdf5 = try HDF5File(url: EmbeddedSample.url(file))
        let rowCount = try hdf5.read(dataset, as: Float.self).shape[0]
        for rows in Self.ranges(rowCount: rowCount) {
            let parallel = try hdf5.read(dataset, as: Float.self, rows: rows, parallelChunks: true)
            let library = try hdf5.read(dataset, as: Float.self, rows: rows, parallelChunks: false)
            #expect(parallel == library, "rows \(String(describing: rows))")
        }
    }

    @Test("h5py's gzip and shuffle+gzip chunks with partial edge chunks on every axis", arguments: ["gzip_edges", "shuffle_gzip_edges"])
    func partialEdgeChunks(dataset: String) throws {
        let hdf5 = try HDF5File(url: fixtures.url("types.h5"))
        let name = "compressed/\(dataset)"
        let values = NDArray<Float>(shape: [40, 6, 4], storage: (0..<960).map { Float($0 % 97) * 0.25 - 3 })
        #expect(try hdf5.info(name).isChunked)
        for rows in Self.ranges(rowCount: 40) + [15..<17, 31..<40] {
            let parallel = try hdf5.read(name, as: Float.self, rows: rows, parallelChunks: true)
            #expect(parallel == values.rows(rows ?? 0..<40), "rows \(String(describing: rows))")
            #expect(parallel == (try hdf5.read(name, as: Float.self, rows: rows, parallelChunks: false)))
        }
        #expect(try plan(fixtures.url("types.h5"), name, type: jn_H5T_NATIVE_FLOAT(), shape: [40, 6, 4]) != nil)
    }

    @Test("the fast path is taken only for deflate chunks of the requested type")
    func eligibility() throws {
        let directory = try makeTemporaryDirectory("-chunks")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("chunks.h5")
        let values = NDArray<Double>(shape: [101, 3, 5], storage: (0..<1515).map { sin(Double($0)) })
        do {
            let file = try HDF5File.create(url)
            try file.write(dataset: "gzip", array: values, chunkRows: 8, compressionLevel: 4)
            try file.write(dataset: "chunked", array: values, chunkRows: 8)
            try file.write(dataset: "contiguous", array: values)
        }
        let hdf5 = try HDF5File(url: url)
        for name in ["gzip", "chunked", "contiguous"] {
            for rows in Self.ranges(rowCount: 101) {
                #expect(try hdf5.read(name, as: Double.self, rows: rows, parallelChunks: true)
                    == values.rows(rows ?? 0..<101))
            }
            // Converted reads (float64 stored, Float wanted) go through libhdf5.
            #expect(try hdf5.read(name, as: Float.self) == values.converted(to: Float.self))
        }
        #expect(try plan(url, "gzip", type: jn_H5T_NATIVE_DOUBLE()) != nil)
        #expect(try plan(url, "gzip", type: jn_H5T_NATIVE_FLOAT()) == nil)
        #expect(try plan(url, "chunked", type: jn_H5T_NATIVE_DOUBLE()) == nil)
        #expect(try plan(url, "contiguous", type: jn_H5T_NATIVE_DOUBLE()) == nil)
    }

    @Test("a corrupted deflate stream is a readFailed error naming the chunk, not a crash")
    func corruptedChunk() throws {
        let directory = try makeTemporaryDirectory("-chunks")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("corrupt.h5")
        let values = NDArray<Float>(shape: [64, 30, 4], storage: (0..<7680).map { Float($0 % 97) * 0.25 })
        try HDF5File.create(url).write(dataset: "particles", array: values, chunkRows: 64, compressionLevel: 6)
        var bytes = [UInt8](try Data(contentsOf: url))
        // The single chunk is the file's zlib stream (header 0x78); garble its middle.
        let start = try #require(Self.zlibHeader(in: bytes))
        for index in (start + 20)..<(start + 60) { bytes[index] ^= 0xA5 }
        try Data(bytes).write(to: url)
        #expect {
            try HDF5File(url: url).read("particles", as: Float.self)
        } throws: { error in
            guard case HDF5Error.readFailed(_, let dataset, let reason) = error else { return false }
            return dataset == "particles" && reason.contains("chunk at [0, 0, 0]")
        }
    }

    /// The first zlib stream header (CMF 0x78, FLG making CMF*256+FLG a multiple of 31).
    static func zlibHeader(in bytes: [UInt8]) -> Int? {
        for index in 0..<(bytes.count - 1) where bytes[index] == 0x78 {
            let check = UInt16(0x78) << 8 | UInt16(bytes[index + 1])
            if check % 31 == 0 { return index }
        }
        return nil
    }

    private func plan(_ url: URL, _ name: String, type: hid_t, shape: [Int] = [101, 3, 5]) throws -> HDF5ParallelChunks? {
        try HDF5Library.call {
            let file = H5Fopen(url.path, jn_H5F_ACC_RDONLY(), jn_H5P_DEFAULT())
            defer { H5Fclose(file) }
            let dataset = H5Dopen2(file, name, jn_H5P_DEFAULT())
            defer { H5Dclose(dataset) }
            return HDF5ParallelChunks.plan(dataset: dataset, memoryType: type, shape: shape, rows: 0..<shape[0])
        }
    }
}
