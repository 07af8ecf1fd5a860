import Foundation
import JetNetCore
import JetNetMetrics

/// What a calorimeter evaluation computes and how it streams.
public struct CaloEvaluationOptions: Sendable {
    /// Compute FPD and KPD on the high-level feature vector (as `evaluate.py -m fpd/kpd`).
    public var fpdKPD: Bool
    /// FPD's smallest batch (the official script passes 10,000).
    public var fpdMinSamples: Int
    /// KPD's batch size (the official script passes 10,000).
    public var kpdBatchSize: Int
    /// Approximate bytes of one block of `Double` voxels read at a time (two blocks are in
    /// memory at once: the one being processed and the one read ahead).
    public var blockBytes: Int
    /// Compute PRDC with this k on log10 voxel energies (`evaluate.py -m prdc` uses 5); nil
    /// skips it. It holds both samples' voxels in memory (8 bytes per voxel) and takes
    /// O((N + M)^2 voxels) time, as the official code does.
    public var prdcK: Int?

    /// Options as the official script: FPD/KPD on, `min_samples=10000`, `batch_size=10000`,
    /// 64 MB blocks.
    public init(fpdKPD: Bool = true, fpdMinSamples: Int = 10_000, kpdBatchSize: Int = 10_000, blockBytes: Int = 64 << 20,
                prdcK: Int? = nil) {
        self.prdcK = prdcK
        self.fpdKPD = fpdKPD
        self.fpdMinSamples = fpdMinSamples
        self.kpdBatchSize = kpdBatchSize
        self.blockBytes = blockBytes
    }
}

/// The outcome of a calorimeter evaluation.
public struct CaloEvaluationResult: Sendable, Codable {
    /// The dataset (`1-photons`, `1-pions`, `2`, `3`).
    public var dataset: CaloDataset
    /// Showers in the reference and the generated sample.
    public var referenceCount: Int
    public var generatedCount: Int
    /// Every histogram with its separation power, in the official order (voxel energies
    /// after the features of the official run, then the extra ones).
    public var histograms: [ShowerHistogram]
    /// FPD and KPD of the high-level feature vector, reference as real (nil when not asked).
    public var fpd: MetricValue?
    public var kpd: MetricValue?
    /// PRDC on log10 voxel energies, reference as real (nil when not asked).
    public var prdc: PRDC?
    /// Average shower of each sample (MeV, after the threshold), shape `[voxels]`.
    public var referenceAverage: [Double]
    public var generatedAverage: [Double]
}

/// The official CaloChallenge evaluation (`evaluate.py` modes `hist`, `fpd`, `kpd`, `avg`)
/// streamed over the files in bounded memory.
///
/// Both samples are thresholded as the official script does. The reference is read twice
/// (its voxel-energy bins end at its largest voxel, known only after a first pass); the
/// generated sample once. Memory holds two blocks of voxels, the features (about 360 values
/// per shower for datasets 2 and 3) and the average showers.
public enum CaloEvaluation {
    /// Where a run is.
    public enum Stage: Sendable, Equatable {
        /// Reading a sample: showers done so far of the total.
        case reading(sample: String, done: Int, total: Int)
        /// Computing FPD or KPD.
        case metric(String)
    }

    /// Evaluates `generated` against `reference`.
    /// - Parameters:
    ///   - dataset: the dataset the showers belong to.
    ///   - reference: the reference showers (for example files 3 and 4 of dataset 3).
    ///   - generated: the generated showers.
    ///   - options: what to compute and the block size.
    ///   - progress: called as the run advances.
    /// - Returns: the histograms, separation powers, FPD/KPD and average showers.
    /// - Throws: ``CaloError`` for unreadable or mismatched files or empty samples;
    ///   `MetricError` when FPD/KPD cannot be computed.
    public static func run(
        dataset: CaloDataset, reference: ShowerSample, generated: ShowerSample,
        options: CaloEvaluationOptions = CaloEvaluationOptions(), progress: @escaping (Stage) -> Void = { _ in }
    ) throws -> CaloEvaluationResult {
        for (sample, name) in [(reference, "reference"), (generated, "generated")] {
            guard sample.voxelCount == dataset.voxelCount else {
                throw CaloError.wrongVoxelCount(path: sample.files[0].url.path, found: sample.voxelCount,
                                                dataset: dataset.rawValue, expected: dataset.voxelCount)
            }
            guard sample.count > 0 else { throw CaloError.emptySample(name) }
        }
        let extractor = ShowerFeatureExtractor(geometry: try dataset.geometry())
        let rows = reference.rowsPerBlock(bytes: options.blockBytes)
        func pass(_ sample: ShowerSample, _ name: String, edges: [Double]?) throws -> SamplePass {
            try SamplePass.run(sample, extractor: extractor, threshold: dataset.threshold, voxelEdges: edges, rowsPerBlock: rows) {
                progress(.reading(sample: name, done: $0, total: sample.count))
            }
        }
        let referencePass = try pass(reference, "reference", edges: nil)
        let edges = dataset.voxelEdges(referenceMaximum: referencePass.maximumVoxel)
        let generatedPass = try pass(generated, "generated", edges: edges)

        var histograms = dataset.featureHistograms(reference: referencePass.features, generated: generatedPass.features)
        let voxelHistogram: ShowerHistogram
        if let edges, let generatedCounts = generatedPass.voxelCounts {
            var referenceCounts = HistogramCounts(edges: edges)
            try reference.forEachBlock(threshold: dataset.threshold, rowsPerBlock: rows) { start, showers in
                referenceCounts = SamplePass.histogram(showers, edges: edges, adding: referenceCounts)
                progress(.reading(sample: "reference voxels", done: start + showers.count / reference.voxelCount, total: reference.count))
            }
            voxelHistogram = ShowerHistogram(name: "Voxel distribution", xLabel: "voxel energy [MeV]", logX: true,
                                             reference: referenceCounts, generated: generatedCounts)
        } else {
            let empty = HistogramCounts(edges: [dataset.threshold, dataset.threshold * 10])
            voxelHistogram = ShowerHistogram(name: "Voxel distribution", xLabel: "voxel energy [MeV]", logX: true,
                                             reference: empty, generated: empty)
        }
        let firstExtra = histograms.firstIndex { !$0.official } ?? histograms.endIndex
        histograms.insert(voxelHistogram, at: firstExtra)

        var fpd: MetricValue?, kpd: MetricValue?
        if options.fpdKPD {
            let real = referencePass.features.classifierVector(), gen = generatedPass.features.classifierVector()
            progress(.metric("FPD"))
            fpd = try Metrics.fpd(real: real, gen: gen, minSamples: options.fpdMinSamples)
            progress(.metric("KPD"))
            kpd = try Metrics.kpd(real: real, gen: gen, samples: options.kpdBatchSize)
        }
        var prdc: PRDC?
        if let k = options.prdcK {
            progress(.metric("PRDC"))
            prdc = try Metrics.prdc(
                real: logVoxels(reference, dataset: dataset, rowsPerBlock: rows),
                gen: logVoxels(generated, dataset: dataset, rowsPerBlock: rows), nearestK: k)
        }
        return CaloEvaluationResult(
            dataset: dataset, referenceCount: reference.count, generatedCount: generated.count, histograms: histograms,
            fpd: fpd, kpd: kpd, prdc: prdc,
            referenceAverage: referencePass.voxelSums.map { $0 / Double(reference.count) },
            generatedAverage: generatedPass.voxelSums.map { $0 / Double(generated.count) })
    }

    /// The PRDC features of `evaluate.py -m prdc`: thresholded voxels with zeros set to 0.1 MeV,
    /// then log10; shape `[showers, voxels]`.
    static func logVoxels(_ sample: ShowerSample, dataset: CaloDataset, rowsPerBlock: Int) throws -> NDArray<Double> {
        var values = [Double]()
        values.reserveCapacity(sample.count * sample.voxelCount)
        try sample.forEachBlock(threshold: dataset.threshold, rowsPerBlock: rowsPerBlock) { _, block in
            values.append(contentsOf: block.lazy.map { log10($0 == 0 ? 0.1 : $0) })
        }
        return NDArray(shape: [sample.count, sample.voxelCount], storage: values)
    }
}
