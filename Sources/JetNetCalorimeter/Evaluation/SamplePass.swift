import Dispatch
import Foundation

/// What one streaming pass over a sample gathers: its features, the sum of its showers (for
/// the average shower), its largest voxel, and optionally the voxel-energy histogram.
struct SamplePass {
    var features: ShowerFeatures
    /// Sum over showers of every voxel, shape `[voxels]` (rows added in order).
    var voxelSums: [Double]
    var maximumVoxel = -Double.infinity
    var voxelCounts: HistogramCounts?

    /// Streams `sample` once.
    /// - Parameters:
    ///   - sample: the showers.
    ///   - extractor: the feature extractor of the dataset's geometry.
    ///   - threshold: the readout threshold (MeV).
    ///   - voxelEdges: when given, voxel energies are histogrammed over these edges.
    ///   - rowsPerBlock: showers per block.
    ///   - progress: called with the showers done so far.
    static func run(
        _ sample: ShowerSample, extractor: ShowerFeatureExtractor, threshold: Double, voxelEdges: [Double]?,
        rowsPerBlock: Int, progress: (Int) -> Void
    ) throws -> SamplePass {
        let voxels = sample.voxelCount
        var pass = SamplePass(
            features: extractor.emptyFeatures(incidentEnergies: try sample.incidentEnergies()),
            voxelSums: Array(repeating: 0, count: voxels),
            voxelCounts: voxelEdges.map { HistogramCounts(edges: $0) })
        try sample.forEachBlock(threshold: threshold, rowsPerBlock: rowsPerBlock) { start, showers in
            extractor.fill(&pass.features, start: start, showers: showers)
            pass.accumulate(showers, voxels: voxels)
            progress(start + showers.count / voxels)
        }
        return pass
    }

    /// Adds a block's voxels to the sums, maximum and histogram, split over voxel columns
    /// (sums) and over rows (histogram), merged in a fixed order.
    mutating func accumulate(_ showers: [Double], voxels: Int) {
        let rows = showers.count / voxels
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 2, voxels))
        let partialMaxima = UnsafeMutableBufferPointer<Double>.allocate(capacity: workers)
        defer { partialMaxima.deallocate() }
        showers.withUnsafeBufferPointer { input in
            voxelSums.withUnsafeMutableBufferPointer { sums in
                nonisolated(unsafe) let input = input, sums = sums, maxima = partialMaxima
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var largest = -Double.infinity
                    for voxel in (voxels * worker / workers)..<(voxels * (worker + 1) / workers) {
                        var sum = sums[voxel]
                        for row in 0..<rows {
                            let value = input[row * voxels + voxel]
                            sum += value
                            if value > largest { largest = value }
                        }
                        sums[voxel] = sum
                    }
                    maxima[worker] = largest
                }
            }
        }
        maximumVoxel = max(maximumVoxel, partialMaxima.max() ?? maximumVoxel)
        if let counts = voxelCounts {
            voxelCounts = Self.histogram(showers, edges: counts.edges, adding: counts)
        }
    }

    /// Histograms `values` over `edges` in parallel blocks and adds them to `counts`.
    static func histogram(_ values: [Double], edges: [Double], adding counts: HistogramCounts) -> HistogramCounts {
        let blocks = max(1, min(64, values.count / 100_000))
        let bins = edges.count - 1
        var partial = [Int](repeating: 0, count: blocks * bins)
        values.withUnsafeBufferPointer { input in
            partial.withUnsafeMutableBufferPointer { output in
                nonisolated(unsafe) let input = input, output = output
                DispatchQueue.concurrentPerform(iterations: blocks) { block in
                    var local = HistogramCounts(edges: edges)
                    local.add(input[(values.count * block / blocks)..<(values.count * (block + 1) / blocks)])
                    for bin in 0..<bins { output[block * bins + bin] = local.counts[bin] }
                }
            }
        }
        var total = counts
        total.add(counts: (0..<bins).map { bin in (0..<blocks).reduce(0) { $0 + partial[$1 * bins + bin] } })
        return total
    }
}
