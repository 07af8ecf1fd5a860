import Foundation
import JetNetCore

/// The rows of a JetNet request: which file and row each output jet comes from, and which
/// particles and feature columns to keep. Reads them eagerly or, as ``LazyParticleRows``,
/// a few rows at a time.
struct JetNetSelection: LazyParticleRows {
    let files: [JetNetFile]
    let jetTypes: [JetNetJetType]
    /// For output jet i: the file it comes from and its row there.
    let fileIndex: [Int32]
    let rowIndex: [Int32]
    /// Particles kept per jet.
    let particleCount: Int
    let particleColumns: [Int]
    let jetColumns: [Int]

    var count: Int { fileIndex.count }
    var shape: [Int] { [count, particleCount, particleColumns.count] }

    /// Stored bytes read per block by ``particles()`` at most (unless one block of
    /// ``eagerBlockAlignment`` rows is larger).
    static let eagerBlockBytes = 32 << 20
    /// Stored bytes read per block at least: a small file still reads in a few large blocks.
    static let eagerBlockMinimumBytes = 1 << 20
    /// Eager blocks start at multiples of this many rows, so they begin on chunk boundaries of
    /// files chunked by a power of two rows up to it.
    static let eagerBlockAlignment = 1024

    /// The particle array `[jets, particles, features]`, reading each file once, in blocks
    /// (``eagerBlockRows(rowBytes:rows:)``) scattered to their output rows (none without particle
    /// features): the output and one block are in memory, never a second copy of the file.
    /// - Parameter blockRows: stored rows per block (nil: ``eagerBlockRows(rowBytes:rows:)``).
    func particles(blockRows: Int? = nil) throws -> NDArray<Float> {
        var out = NDArray<Float>(zeros: shape)
        guard !particleColumns.isEmpty else { return out }
        for (f, file) in files.enumerated() {
            // The output row of each stored row (-1: not selected); the split takes each once.
            var position = [Int32](repeating: -1, count: file.count)
            for i in 0..<count where Int(fileIndex[i]) == f { position[Int(rowIndex[i])] = Int32(i) }
            let rowBytes = file.storedParticles * 4 * MemoryLayout<Float>.stride
            let blockRows = blockRows ?? Self.eagerBlockRows(rowBytes: rowBytes, rows: file.count)
            for start in stride(from: 0, to: file.count, by: blockRows) {
                let end = min(file.count, start + blockRows)
                let selected = (start..<end).filter { position[$0] >= 0 }
                guard !selected.isEmpty else { continue }
                let block = try file.particleRows(start..<end)
                copy(selected.map { $0 - start }, of: block, to: selected.map { Int(position[$0]) }, in: &out)
            }
        }
        return out
    }

    /// Stored rows per eager block: an eighth of the file, between ``eagerBlockMinimumBytes``
    /// and ``eagerBlockBytes``, in whole ``eagerBlockAlignment``s (at least one). The block
    /// then adds at most an eighth to the output's memory for large files, and a small file is
    /// not read through a block larger than itself.
    /// - Parameters:
    ///   - rowBytes: stored bytes per row.
    ///   - rows: the file's rows.
    static func eagerBlockRows(rowBytes: Int, rows: Int) -> Int {
        let bytes = min(eagerBlockBytes, max(eagerBlockMinimumBytes, rows * rowBytes / 8))
        return max(1, bytes / max(1, rowBytes) / eagerBlockAlignment) * eagerBlockAlignment
    }

    /// The jet array `[jets, features]`: class index, pt, eta, mass, min(num_particles, particles).
    func jets() throws -> NDArray<Float> {
        guard !jetColumns.isEmpty else { return NDArray(zeros: [count, 0]) }
        let stored = try files.map { try $0.jetFeatures() }
        let width = jetColumns.count
        let cap = Float(particleCount)
        return NDArray(shape: [count, width], unsafeUninitializedCapacity: { out in
            for i in 0..<count {
                let f = Int(fileIndex[i]), row = Int(rowIndex[i])
                let source = stored[f]
                for (k, column) in jetColumns.enumerated() {
                    let value: Float = switch column {
                    case 0: Float(jetTypes[f].classIndex)
                    case 4: min(source[row, 3], cap)
                    default: source[row, column - 1]
                    }
                    out[i * width + k] = value
                }
            }
        })
    }

    /// Stored rows read per hyperslab at most, bounding the read buffer of a lazy batch.
    static let maxRunRows = 64

    /// Reads just the rows asked for: sorted by file and row, one hyperslab per run of
    /// consecutive stored rows (at most ``maxRunRows``), copied straight into the output.
    func particles(at rows: [Int]) throws -> NDArray<Float> {
        var out = NDArray<Float>(zeros: [rows.count, particleCount, particleColumns.count])
        let order = rows.indices.sorted { a, b in
            let (fa, fb) = (fileIndex[rows[a]], fileIndex[rows[b]])
            return fa != fb ? fa < fb : rowIndex[rows[a]] < rowIndex[rows[b]]
        }
        var i = 0
        while i < order.count {
            let f = fileIndex[rows[order[i]]]
            let start = Int(rowIndex[rows[order[i]]])
            var end = start + 1, j = i + 1
            while j < order.count, fileIndex[rows[order[j]]] == f {
                let row = Int(rowIndex[rows[order[j]]])
                guard row < end || (row == end && end - start < Self.maxRunRows) else { break }
                end = max(end, row + 1)
                j += 1
            }
            let block = try files[Int(f)].particleRows(start..<end)
            let positions = Array(order[i..<j])
            copy(positions.map { Int(rowIndex[rows[$0]]) - start }, of: block, to: positions, in: &out)
            i = j
        }
        return out
    }

    /// Copies rows `sourceRows` of `block` (`[n, storedParticles, 4]`) to output rows `positions`,
    /// keeping the first `particles` particles and the selected feature columns.
    private func copy(_ sourceRows: [Int], of block: NDArray<Float>, to positions: [Int], in out: inout NDArray<Float>) {
        let columns = particleColumns
        let width = columns.count
        let particles = particleCount
        let perJet = particles * width
        let stride = block.shape[1] * 4
        block.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                for (sourceRow, position) in zip(sourceRows, positions) {
                    var o = position * perJet
                    var base = sourceRow * stride
                    for _ in 0..<particles {
                        for column in columns {
                            output[o] = input[base + column]
                            o += 1
                        }
                        base += 4
                    }
                }
            }
        }
    }
}
