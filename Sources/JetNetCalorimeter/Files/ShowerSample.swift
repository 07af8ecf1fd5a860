import Foundation

/// A sample of showers made of one or more files read one after another (dataset 3's
/// reference is files 3 and 4), streamed in blocks of rows so memory stays bounded.
public struct ShowerSample: Sendable {
    /// The files, in order.
    public let files: [ShowerFile]
    /// The number of voxels per shower (the same in every file).
    public let voxelCount: Int

    /// Opens the files of a sample and checks they agree on the voxel count.
    /// - Parameters:
    ///   - urls: one or more shower files.
    ///   - dataset: when given, the voxel count must be this dataset's.
    /// - Throws: ``CaloError`` when a file is unreadable, malformed, has another voxel count,
    ///   or the list is empty.
    public init(urls: [URL], dataset: CaloDataset? = nil) throws {
        guard !urls.isEmpty else { throw CaloError.emptySample("given") }
        files = try urls.map { try ShowerFile(url: $0) }
        let expected = dataset?.voxelCount ?? files[0].voxelCount
        for file in files where file.voxelCount != expected {
            throw CaloError.wrongVoxelCount(path: file.url.path, found: file.voxelCount,
                                            dataset: dataset?.rawValue ?? "of \(files[0].url.lastPathComponent)", expected: expected)
        }
        voxelCount = expected
    }

    /// The total number of showers.
    public var count: Int { files.reduce(0) { $0 + $1.count } }

    /// Every incident energy (MeV) in file order, shape `[showers]`.
    /// - Throws: ``CaloError/unreadableFile(path:reason:)``.
    public func incidentEnergies() throws -> [Double] {
        try files.flatMap { try $0.incidentEnergies() }
    }

    /// Rows per block so one block of `Double` voxels takes about `bytes` (at least 1 row).
    public func rowsPerBlock(bytes: Int) -> Int {
        max(1, bytes / max(1, voxelCount * MemoryLayout<Double>.size))
    }

    /// Calls `body` with consecutive blocks of showers, each thresholded: voxels below
    /// `threshold` MeV are set to 0 as the official evaluation does.
    ///
    /// The next block is read while `body` works on the current one, so at most two blocks
    /// are in memory.
    /// - Parameters:
    ///   - threshold: the readout threshold in MeV (``CaloDataset/threshold``); 0 keeps all.
    ///   - rowsPerBlock: showers per block.
    ///   - body: receives the index of the block's first shower in the sample and its showers,
    ///     shape `[rows, voxels]` flattened.
    /// - Throws: ``CaloError/unreadableFile(path:reason:)`` or what `body` throws.
    public func forEachBlock(
        threshold: Double, rowsPerBlock: Int, _ body: (_ start: Int, _ showers: [Double]) throws -> Void
    ) throws {
        precondition(rowsPerBlock > 0, "rowsPerBlock must be positive")
        var plan: [(file: ShowerFile, rows: Range<Int>, start: Int)] = []
        var start = 0
        for file in files {
            for lower in stride(from: 0, to: file.count, by: rowsPerBlock) {
                plan.append((file, lower..<min(file.count, lower + rowsPerBlock), start + lower))
            }
            start += file.count
        }
        let blocks = plan
        guard !blocks.isEmpty else { return }
        @Sendable func load(_ index: Int) -> Result<[Double], Error> {
            Result { try Self.thresholded(blocks[index].file.showers(rows: blocks[index].rows), threshold) }
        }
        let prefetch = BlockPrefetch()
        var current = load(0)
        for index in blocks.indices {
            let group = DispatchGroup()
            if index + 1 < blocks.count {
                DispatchQueue.global().async(group: group) { prefetch.value = load(index + 1) }
            }
            do {
                try body(blocks[index].start, current.get())
            } catch {
                group.wait()
                throw error
            }
            group.wait()
            if let next = prefetch.value, index + 1 < blocks.count { current = next }
        }
    }

    static func thresholded(_ values: [Double], _ threshold: Double) -> [Double] {
        guard threshold > 0 else { return values }
        var values = values
        values.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices where buffer[index] < threshold { buffer[index] = 0 }
        }
        return values
    }
}

/// The block read ahead on a background thread (written there, read after the group's wait).
private final class BlockPrefetch: @unchecked Sendable {
    var value: Result<[Double], Error>?
}
