import Foundation
import JetNetCore
import JetNetPhysics
import JetNetSamples
import JetNetTestSupport
import Testing
@testable import JetNetDatasets

/// `batches(size:shuffle:seed:augment:)`: augmentations where training reads its batches.
@Suite("Augmented batches")
struct AugmentedBatchesTests {
    static let location = DatasetLocation(directory: EmbeddedSample.jetNetDirectory)
    static let pipeline = AugmentationPipeline([.rotation(), .translation(), .smear(), .collinearSplit()])

    @Test("JetNet: a batch is the pipeline applied to its rows keyed by row, whatever the batching")
    func jetNet() throws {
        let data = try JetNetDataset(jetTypes: [.gluon], location: Self.location, particles: 30, split: .test)
        var batches = data.batches(size: 100, shuffle: true, seed: 4, augment: Self.pipeline)
        var other = data.batches(size: 37, shuffle: false, seed: 4, augment: Self.pipeline)
        var byRow = [Int: [Float]](), byRowOther = [Int: [Float]]()
        while let batch = try batches.next() {
            let expected = try Self.pipeline.apply(to: data.particles.gatheringRows(batch.indices), layout: .jetnet, seed: 4, jetIndices: batch.indices)
            #expect(batch.particles == expected)
            #expect(try batch.particles != data.particles.gatheringRows(batch.indices))
            for (k, row) in batch.indices.enumerated() { byRow[row] = Array(batch.particles.rows(k..<(k + 1)).storage) }
        }
        while let batch = try other.next() {
            for (k, row) in batch.indices.enumerated() { byRowOther[row] = Array(batch.particles.rows(k..<(k + 1)).storage) }
        }
        #expect(byRow.count == 300 && byRow == byRowOther)
        // The existing call still gives the plain rows.
        var plain = data.batches(size: 100, shuffle: true, seed: 4)
        let first = try plain.next()!
        #expect(try first.particles == data.particles.gatheringRows(first.indices))
    }

    @Test("JetNet with a normalisation: augmented in physical units, then normalised")
    func normalised() throws {
        let norm = FeaturewiseLinear(normaliseFeatures: [true, true, true, false], normal: true)
        let data = try JetNetDataset(jetTypes: [.gluon], location: Self.location, particles: 30, split: .test, particleNormalisation: norm)
        let raw = try JetNetDataset(jetTypes: [.gluon], location: Self.location, particles: 30, split: .test)
        var batches = data.batches(size: 300, augment: AugmentationPipeline([.collinearFill()]), layout: .jetnet)
        let batch = try batches.next()!
        var physical = batch.particles
        try data.storage.particleNormalisation!.inverse(&physical)
        let expected = try AugmentationPipeline([.collinearFill()]).apply(to: raw.particles, seed: 0)
        for (a, b) in zip(physical.storage, expected.storage) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b))) }
    }

    @Test("TopTagging (E, px, py, pz) and QuarkGluon (pt, eta, phi) batches are augmented")
    func otherDatasets() throws {
        let top = try TopTaggingDataset(location: DatasetLocation(directory: Golden.fixture("toptagging")))
        var topBatches = top.batches(size: 50, augment: AugmentationPipeline([.rotation()]), layout: nil)
        let topBatch = try topBatches.next()!
        let original = try top.particles.gatheringRows(topBatch.indices)
        #expect(topBatch.particles != original)
        // A rotation in (eta, phi) keeps every particle's pt.
        for slot in 0..<(50 * 200) {
            let pt = { (a: NDArray<Float>) in hypot(Double(a.storage[slot * 4 + 1]), Double(a.storage[slot * 4 + 2])) }
            #expect(abs(pt(topBatch.particles) - pt(original)) <= 1e-4 * max(1, pt(original)))
        }
        let qg = try QuarkGluonDataset(
            location: DatasetLocation(directory: Golden.fixture("qgjets")), fileList: ["QG_jets_withbc_0.npz"], particles: 30, split: .test)
        var qgBatches = qg.batches(size: 75, augment: AugmentationPipeline([.collinearFill()]))
        let qgBatch = try qgBatches.next()!
        let before = try qg.particles.gatheringRows(qgBatch.indices)
        let ptIndex = qg.storage.particleFeatures.firstIndex(of: "pt")!, width = before.shape[2]
        let real = { (a: NDArray<Float>) in stride(from: ptIndex, to: a.count, by: width).filter { a.storage[$0] > 0 }.count }
        #expect(real(qgBatch.particles) > real(before))
    }

    @Test("Features without coordinates are a descriptive error from next()")
    func noCoordinates() throws {
        let data = try JetNetDataset(jetTypes: [.gluon], location: Self.location, particleFeatures: [.ptRel, .mask], particles: 30, split: .test)
        var batches = data.batches(size: 10, augment: Self.pipeline)
        #expect(throws: DatasetError.self) { try batches.next() }
    }
}

extension AugmentedBatchesTests {
    @Test("JetClass: four-momenta are augmented and the mask follows the new particles")
    func jetClass() throws {
        let data = try JetClassDataset(directory: try fixtures.url("jetclass"), particles: 128)
        let plain = try data.load()
        var iterator = data.batches(size: 3, seed: 2, augment: AugmentationPipeline([.collinearFill()]))
        let batch = try iterator.next()!
        let before = plain.mask.storage[0..<(3 * 128)].filter { $0 }.count
        let after = batch.mask.storage.filter { $0 }.count
        #expect(after > before)
        // The mask marks exactly the slots with momentum, and each jet's energy sum is kept.
        let features = data.particleFeatures.map(\.rawValue)
        #expect(try ParticleLayout(featureNames: features).realParticles(in: batch.particles) == batch.mask.storage)
        let energy = features.firstIndex(of: "part_energy")!, width = features.count
        for jet in 0..<3 {
            let sum = { (a: NDArray<Float>) in (0..<128).reduce(0.0) { $0 + Double(a.storage[(jet * 128 + $1) * width + energy]) } }
            #expect(abs(sum(batch.particles) - sum(plain.particles.rows(0..<3))) <= 1e-5 * sum(plain.particles.rows(0..<3)))
        }
        // Derived kinematic features would go stale: refused.
        let full = try JetClassDataset(directory: try fixtures.url("jetclass"), particles: 16, particleFeatures: JetClassParticleFeature.particleTransformerFull)
        var refused = full.batches(size: 3, augment: AugmentationPipeline([.rotation()]))
        #expect(throws: DatasetError.self) { try refused.next() }
    }
}
