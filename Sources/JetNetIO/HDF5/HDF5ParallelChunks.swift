import CCompression
import CHDF5
import Dispatch
import Foundation

/// Reads chunked datasets compressed with deflate (optionally after shuffle) by fetching the raw
/// chunks through libhdf5 and inflating them on every core.
///
/// libhdf5 decompresses on the calling thread only, and every call holds the process-wide HDF5
/// lock, so a gzip-compressed 150-particle JetNet file reads at one core's zlib speed. Raw chunk
/// reads (`H5Dread_chunk`) are cheap; the inflate, the byte un-shuffle and the copy into place are
/// independent per chunk and run in parallel here, giving the same bytes as `H5Dread`.
///
/// Anything else — other filters, type conversion, unallocated (fill-value) chunks, contiguous
/// layout — is left to `H5Dread` (``plan(dataset:memoryType:shape:rows:)`` returns nil).
struct HDF5ParallelChunks {
    /// The dataset's chunk shape.
    let chunkShape: [Int]
    /// The dataset's shape.
    let shape: [Int]
    /// The rows of the first axis being read.
    let rows: Range<Int>
    /// Bytes per element (file type = memory type).
    let elementSize: Int
    /// Position of the shuffle and deflate filters in the pipeline (their bits in a chunk's filter mask).
    let shuffleIndex: Int?
    let deflateIndex: Int

    /// The plan for reading `rows` of `dataset` into memory of `memoryType`, or nil when the
    /// dataset is not stored as (shuffle +) deflate chunks of exactly that type. Lock held.
    static func plan(dataset: hid_t, memoryType: hid_t, shape: [Int], rows: Range<Int>) -> HDF5ParallelChunks? {
        guard !shape.isEmpty, !rows.isEmpty else { return nil }
        let creation = H5Dget_create_plist(dataset)
        guard creation >= 0 else { return nil }
        defer { H5Pclose(creation) }
        guard H5Pget_layout(creation) == H5D_CHUNKED else { return nil }
        var chunk = [hsize_t](repeating: 0, count: shape.count)
        guard H5Pget_chunk(creation, Int32(shape.count), &chunk) == Int32(shape.count) else { return nil }
        let fileType = H5Dget_type(dataset)
        guard fileType >= 0 else { return nil }
        defer { H5Tclose(fileType) }
        guard H5Tequal(fileType, memoryType) > 0 else { return nil }
        var filters: [H5Z_filter_t] = []
        for index in 0..<max(0, Int(H5Pget_nfilters(creation))) {
            var flags: UInt32 = 0, valueCount = 0, config: UInt32 = 0
            var values = [UInt32](repeating: 0, count: 8)
            var name = [CChar](repeating: 0, count: 64)
            filters.append(H5Pget_filter2(creation, UInt32(index), &flags, &valueCount, &values, name.count, &name, &config))
        }
        let shuffleIndex: Int?
        switch filters {
        case [H5Z_filter_t(H5Z_FILTER_DEFLATE)]: shuffleIndex = nil
        case [H5Z_filter_t(H5Z_FILTER_SHUFFLE), H5Z_filter_t(H5Z_FILTER_DEFLATE)]: shuffleIndex = 0
        default: return nil
        }
        let plan = HDF5ParallelChunks(
            chunkShape: chunk.map { Int($0) }, shape: shape, rows: rows, elementSize: H5Tget_size(fileType),
            shuffleIndex: shuffleIndex, deflateIndex: filters.count - 1)
        guard plan.chunkShape.allSatisfy({ $0 > 0 }), plan.elementSize > 0 else { return nil }
        return plan
    }

    /// Bytes of one decompressed chunk.
    var chunkBytes: Int { chunkShape.reduce(elementSize, *) }

    /// The first-element offsets of every chunk that intersects the rows, in row-major order.
    var chunkOffsets: [[Int]] {
        var offsets: [[Int]] = [[]]
        for axis in shape.indices {
            let (low, high) = axis == 0 ? (rows.lowerBound, rows.upperBound) : (0, shape[axis])
            let first = low / chunkShape[axis] * chunkShape[axis]
            let starts = Array(stride(from: first, to: high, by: chunkShape[axis]))
            offsets = offsets.flatMap { prefix in starts.map { prefix + [$0] } }
        }
        return offsets
    }

    /// Reads the planned rows into `destination` (`rows.count * shape[1...]` elements).
    /// Returns false, having written nothing that matters, when a chunk is not allocated (the
    /// caller then reads through `H5Dread`, which knows the fill value). Lock held.
    func read(dataset: hid_t, into destination: UnsafeMutableRawBufferPointer, path: String, name: String) throws -> Bool {
        let offsets = chunkOffsets
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        // Batches bound the memory held in compressed chunks.
        let batchSize = 16 * workers
        var start = 0
        while start < offsets.count {
            let batch = Array(offsets[start..<min(start + batchSize, offsets.count)])
            guard let raw = try readRaw(dataset: dataset, offsets: batch, path: path, name: name) else { return false }
            let failures = FailureList()
            nonisolated(unsafe) let target = destination
            DispatchQueue.concurrentPerform(iterations: min(workers, batch.count)) { worker in
                var scratch = [UInt8](repeating: 0, count: chunkBytes)
                var unshuffled = [UInt8](repeating: 0, count: shuffleIndex == nil ? 0 : chunkBytes)
                for index in stride(from: worker, to: batch.count, by: workers) {
                    do {
                        try decode(raw[index], into: &scratch, unshuffled: &unshuffled)
                        let chunk = shuffleIndex != nil && raw[index].mask & (1 << UInt32(shuffleIndex!)) == 0 ? unshuffled : scratch
                        copy(chunk: chunk, at: batch[index], into: target)
                    } catch {
                        failures.append("chunk at \(batch[index]): \(error)")
                    }
                }
            }
            if let failure = failures.first {
                throw HDF5Error.readFailed(path: path, dataset: name, reason: failure)
            }
            start += batch.count
        }
        return true
    }

    /// One stored chunk: its bytes and filter mask (bit i set: filter i was skipped).
    struct RawChunk { var bytes: [UInt8]; var mask: UInt32 }

    /// The raw bytes of the chunks at `offsets`, or nil if one of them is not allocated.
    private func readRaw(dataset: hid_t, offsets: [[Int]], path: String, name: String) throws -> [RawChunk]? {
        var chunks: [RawChunk] = []
        chunks.reserveCapacity(offsets.count)
        for offset in offsets {
            let coordinates = offset.map { hsize_t($0) }
            var size: hsize_t = 0
            guard H5Dget_chunk_storage_size(dataset, coordinates, &size) >= 0, size > 0 else {
                H5Eclear2(jn_H5E_DEFAULT())
                return nil
            }
            var bytes = [UInt8](repeating: 0, count: Int(size))
            var mask: UInt32 = 0
            guard H5Dread_chunk(dataset, jn_H5P_DEFAULT(), coordinates, &mask, &bytes) >= 0 else {
                throw HDF5Error.readFailed(path: path, dataset: name, reason: HDF5Library.lastError())
            }
            chunks.append(RawChunk(bytes: bytes, mask: mask))
        }
        return chunks
    }

    /// Inflates (unless the deflate filter was skipped) into `scratch`, then un-shuffles into
    /// `unshuffled` when the shuffle filter applies.
    private func decode(_ chunk: RawChunk, into scratch: inout [UInt8], unshuffled: inout [UInt8]) throws {
        let expected = chunkBytes
        if chunk.mask & (1 << UInt32(deflateIndex)) == 0 {
            var length = uLongf(expected)
            let status = scratch.withUnsafeMutableBufferPointer { out in
                chunk.bytes.withUnsafeBufferPointer { input in
                    uncompress(out.baseAddress, &length, input.baseAddress, uLong(input.count))
                }
            }
            guard status == Z_OK, Int(length) == expected else {
                throw ChunkError("zlib could not inflate it (status \(status), \(length) of \(expected) bytes); the file is corrupt")
            }
        } else {
            guard chunk.bytes.count == expected else {
                throw ChunkError("stored uncompressed with \(chunk.bytes.count) bytes instead of \(expected); the file is corrupt")
            }
            scratch = chunk.bytes
        }
        guard let shuffleIndex, chunk.mask & (1 << UInt32(shuffleIndex)) == 0 else { return }
        // Shuffle stores byte k of every element together: element i's byte k is at k * n + i.
        let size = elementSize
        let count = expected / size
        scratch.withUnsafeBufferPointer { shuffled in
            unshuffled.withUnsafeMutableBufferPointer { out in
                for byte in 0..<size {
                    let plane = shuffled.baseAddress! + byte * count
                    var target = out.baseAddress! + byte
                    for element in 0..<count {
                        target.pointee = plane[element]
                        target += size
                    }
                }
                // Bytes beyond a whole number of elements are left in place by the filter.
                for tail in (count * size)..<expected { out[tail] = shuffled[tail] }
            }
        }
    }

    /// Copies the part of a decoded chunk that lies inside the read region into `destination`
    /// (row-major, first axis starting at `rows.lowerBound`).
    private func copy(chunk: [UInt8], at offset: [Int], into destination: UnsafeMutableRawBufferPointer) {
        let rank = shape.count
        var low = [Int](repeating: 0, count: rank), high = low
        for axis in 0..<rank {
            let (regionLow, regionHigh) = axis == 0 ? (rows.lowerBound, rows.upperBound) : (0, shape[axis])
            low[axis] = max(offset[axis], regionLow)
            high[axis] = min(offset[axis] + chunkShape[axis], regionHigh)
            if low[axis] >= high[axis] { return }
        }
        // Element strides of the chunk and of the destination region.
        var chunkStride = [Int](repeating: 1, count: rank), targetStride = chunkStride
        for axis in stride(from: rank - 2, through: 0, by: -1) {
            chunkStride[axis] = chunkStride[axis + 1] * chunkShape[axis + 1]
            targetStride[axis] = targetStride[axis + 1] * shape[axis + 1]
        }
        let runBytes = (high[rank - 1] - low[rank - 1]) * elementSize
        var index = low
        chunk.withUnsafeBytes { source in
            while true {
                var from = 0, to = 0
                for axis in 0..<rank {
                    from += (index[axis] - offset[axis]) * chunkStride[axis]
                    to += (index[axis] - (axis == 0 ? rows.lowerBound : 0)) * targetStride[axis]
                }
                (destination.baseAddress! + to * elementSize)
                    .copyMemory(from: source.baseAddress! + from * elementSize, byteCount: runBytes)
                // Next run: odometer over every axis but the last.
                var axis = rank - 2
                while axis >= 0 {
                    index[axis] += 1
                    if index[axis] < high[axis] { break }
                    index[axis] = low[axis]
                    axis -= 1
                }
                if axis < 0 { return }
            }
        }
    }

    /// Why one chunk could not be decoded.
    struct ChunkError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Failures collected from the workers.
    final class FailureList: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func append(_ item: String) { lock.withLock { items.append(item) } }
        var first: String? { lock.withLock { items.first } }
    }
}
