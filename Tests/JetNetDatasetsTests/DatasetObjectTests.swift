import Foundation
import JetNetCore
import JetNetSamples
import JetNetPhysics
import Testing
import JetNetTestSupport
@testable import JetNetDatasets

@Suite("Dataset object, batches, lazy loading, export")
struct DatasetObjectTests {
    static let location = DatasetLocation(directory: EmbeddedSample.jetNetDirectory)

    @Test("count, items and transforms: an item is the row of the arrays, transformed")
    func items() throws {
        var data = try JetNetDataset(jetTypes: [.quark], location: Self.location, particleFeatures: [.ptRel, .mask], jetFeatures: [.mass], particles: 20, split: .valid)
        // 2,000 q jets, valid = rows 1400..<1700 of the permutation.
        #expect(data.count == 300)
        let particles = try data.particles, jets = data.jets
        let item = try data[17]
        #expect(item.particles == particles.rows(17..<18).reshaped([20, 2]))
        #expect(item.jet == jets.rows(17..<18).reshaped([1]))
        data.particleTransform = { $0.selectingLast([0]) }
        data.jetTransform = { $0.map { $0 * 2 } }
        let transformed = try data[17]
        #expect(transformed.particles == particles.rows(17..<18).reshaped([20, 2]).selectingLast([0]))
        #expect(transformed.jet.storage == [jets[17, 0] * 2])
        var batches = data.batches(size: 64)
        let batch = try batches.next()!
        #expect(batch.particles.shape == [64, 20, 1])
        #expect(batch.jets.storage == jets.rows(0..<64).storage.map { $0 * 2 })
    }

    @Test("Batches cover every jet once, in order or in the seeded permutation", arguments: [false, true])
    func batchesCover(shuffle: Bool) throws {
        let data = try JetNetDataset(jetTypes: [.gluon], location: Self.location, particles: 30, split: .test)
        #expect(data.count == 300)
        var batches = data.batches(size: 128, shuffle: shuffle, seed: 5)
        #expect(batches.count == 3)
        var seen = [Int](), sizes = [Int]()
        while let batch = try batches.next() {
            seen += batch.indices
            sizes.append(batch.indices.count)
            #expect(try batch.particles == data.particles.gatheringRows(batch.indices))
            #expect(batch.jets == data.jets.gatheringRows(batch.indices))
        }
        #expect(sizes == [128, 128, 44])
        #expect(seen.sorted() == Array(0..<300))
        #expect((seen == Array(0..<300)) == !shuffle)
        if shuffle { #expect(seen == jetnetPermutation(300, seed: 5)) }
    }

    @Test("dropLast skips the short final batch")
    func dropLast() throws {
        let data = try JetNetDataset(jetTypes: [.gluon], location: Self.location, particles: 30, split: .test)
        var batches = data.batches(size: 128, dropLast: true)
        #expect(batches.count == 2)
        var count = 0
        while let batch = try batches.next() { #expect(batch.particles.shape == [128, 30, 4]); count += 1 }
        #expect(count == 2)
    }

    @Test("Lazy and eager give identical batches (with derived normalisations)", arguments: [30, 150, 100])
    func lazyEqualsEager(particles: Int) throws {
        func make(lazy: Bool) throws -> JetNetDataset {
            try JetNetDataset(
                jetTypes: [.top, .gluon], location: Self.location, particleFeatures: [.ptRel, .etaRel, .mask], particles: particles, split: .train, seed: 11,
                particleNormalisation: FeaturewiseLinear(normaliseFeatures: [true, true, false], normal: true),
                jetNormalisation: FeaturewiseLinearBounded(), lazy: lazy)
        }
        let eager = try make(lazy: false), lazy = try make(lazy: true)
        #expect(lazy.isLazy && !eager.isLazy)
        #expect(lazy.storage.particleShape == eager.storage.particleShape)
        #expect(lazy.count == eager.count)
        #expect(lazy.storage.particleNormalisation as? FeaturewiseLinear == eager.storage.particleNormalisation as? FeaturewiseLinear)
        var a = eager.batches(size: 97, shuffle: true, seed: 3), b = lazy.batches(size: 97, shuffle: true, seed: 3)
        var batches = 0
        while let x = try a.next() {
            let y = try b.next()!
            #expect(x.particles == y.particles)
            #expect(x.jets == y.jets)
            batches += 1
        }
        #expect(try b.next() == nil)
        #expect(batches == a.count)
        #expect(try lazy.storage.loadParticles() == eager.particles)
    }

    @Test("export writes particles and jets that read back unchanged")
    func export() throws {
        let data = try JetNetDataset(jetTypes: [.w, .z], location: Self.location, particleFeatures: [.phiRel], jetFeatures: [.numParticles, .type], particles: 12, split: .valid)
        let url = temporaryURL("-export.npz")
        defer { try? FileManager.default.removeItem(at: url) }
        try data.export(to: url)
        let file = try NPZFile(url: url)
        #expect(Set(file.keys) == ["particles", "jets"])
        #expect(try file.array("particles", as: Float.self) == data.particles)
        #expect(try file.array("jets", as: Float.self) == data.jets)
    }
}

extension Batch: Equatable {
    public static func == (a: Batch, b: Batch) -> Bool {
        a.particles == b.particles && a.jets == b.jets && a.indices == b.indices
    }
}

@Suite("A feature kind that was not asked for has an empty feature axis")
struct EmptyFeatureAxisTests {
    @Test("load: every dataset returns [jets, particles, 0] or [jets, 0] beside the full other array", arguments: ["JetNet", "TopTagging", "QuarkGluon"])
    func load(dataset: String) throws {
        let (withParticles, withJets): (DatasetArrays, DatasetArrays)
        switch dataset {
        case "JetNet":
            let location = DatasetLocation(directory: EmbeddedSample.jetNetDirectory)
            withParticles = try JetNetDataset.load(jetTypes: [.gluon], location: location, jetFeatures: [], particles: 30)
            withJets = try JetNetDataset.load(jetTypes: [.gluon], location: location, particleFeatures: [], particles: 30)
        case "TopTagging":
            let location = DatasetLocation(directory: Golden.fixture("toptagging"))
            withParticles = try TopTaggingDataset.load(location: location, jetFeatures: [], particles: 7, splits: [.train])
            withJets = try TopTaggingDataset.load(location: location, particleFeatures: [], particles: 7, splits: [.train])
        default:
            let location = DatasetLocation(directory: Golden.fixture("qgjets"))
            withParticles = try QuarkGluonDataset.load(location: location, fileList: ["QG_jets_withbc_0.npz"], jetFeatures: [], particles: 7)
            withJets = try QuarkGluonDataset.load(location: location, fileList: ["QG_jets_withbc_0.npz"], particleFeatures: [], particles: 7)
        }
        let jets = withParticles.particles.shape[0]
        #expect(jets > 0)
        #expect(withParticles.jets.shape == [jets, 0])
        #expect(withJets.particles.shape == [jets, withParticles.particles.shape[1], 0])
        #expect(withJets.jets.shape[0] == jets && withJets.jets.shape[1] > 0)
        #expect(ArrayExport.named(withParticles).map(\.name) == ["particles"])
        #expect(ArrayExport.named(withJets).map(\.name) == ["jets"])
    }

    @Test("dataset objects: items, batches and exports of a jets-only selection")
    func jetsOnly() throws {
        let data = try JetNetDataset(
            jetTypes: [.top], location: DatasetLocation(directory: EmbeddedSample.jetNetDirectory), particleFeatures: [],
            jetFeatures: [.pt, .mass], particles: 30, split: .test,
            particleNormalisation: FeaturewiseLinear(normaliseFeatures: [true, true, true, false], normal: true), lazy: true)
        #expect(!data.isLazy)  // nothing to read lazily
        #expect(try data.particles.shape == [300, 30, 0])
        #expect(try data[3].particles.shape == [30, 0])
        var batches = data.batches(size: 128, augment: AugmentationPipeline([.rotation()]))
        let batch = try batches.next()!
        #expect(batch.particles.shape == [128, 30, 0])
        #expect(batch.jets == data.jets.gatheringRows(batch.indices))
        let url = temporaryURL("-jets-only.npz")
        defer { try? FileManager.default.removeItem(at: url) }
        try data.export(to: url)
        let file = try NPZFile(url: url)
        #expect(file.keys == ["jets"])
        #expect(try file.array("jets", as: Float.self) == data.jets)
    }
}

@Suite("TopTagging and QuarkGluon dataset objects")
struct OtherDatasetObjectTests {
    @Test("TopTagging: train split object, max-normalised jets, batches of [B, 200, 4]")
    func topTagging() throws {
        let location = DatasetLocation(directory: Golden.fixture("toptagging"))
        let data = try TopTaggingDataset(location: location, jetNormalisation: FeaturewiseLinearBounded(normaliseFeatures: [false, true, true, true, true]))
        let (particles, jets) = try TopTaggingDataset.load(location: location, splits: [.train])
        #expect(data.count == 100)
        #expect(try data.particles == particles)
        let norm = data.storage.jetNormalisation as! FeaturewiseLinearBounded
        #expect(norm.maxes! == FeatureStatistics(of: jets).absoluteMax)
        for (a, b) in zip(try norm.inverted(data.jets).storage, jets.storage) { #expect(abs(a - b) <= 1e-6 * max(1, abs(b))) }
        var batches = data.batches(size: 64)
        #expect(try batches.next()?.particles.shape == [64, 200, 4])
        #expect(try batches.next()?.particles.shape == [36, 200, 4])
        // The type column is untouched and holds the is_signal_new labels.
        #expect(Set(data.jets.selectingLast([0]).storage) == [0, 1])
    }

    @Test("QuarkGluon: the default file lists name each file once")
    func fileLists() {
        for withBC in [true, false] {
            let files = QuarkGluonDataset.files(withBC: withBC)
            #expect(files.count == 20 && Set(files).count == 20)
        }
        #expect(QuarkGluonDataset.files(withBC: true).first == "QG_jets_withbc_0.npz")
        #expect(QuarkGluonDataset.files(withBC: false).first == "QG_jets.npz")
    }

    @Test("QuarkGluon: split parts of one file are disjoint and cover it")
    func splitsCover() throws {
        let location = DatasetLocation(directory: Golden.fixture("qgjets"))
        func load(_ split: DatasetSplit) throws -> NDArray<Float> {
            try QuarkGluonDataset(location: location, fileList: ["QG_jets_withbc_0.npz"], particleFeatures: [.pt], jetFeatures: [], particles: 5, split: split).particles
        }
        let parts = try [DatasetSplit.train, .valid, .test].map(load)
        #expect(parts.map { $0.shape[0] } == [350, 75, 75])
        // Sorted rows of train+valid+test equal the sorted rows of "all": same jets, each once.
        func rows(_ array: NDArray<Float>) -> [[Float]] {
            (0..<array.shape[0]).map { Array(array.rows($0..<($0 + 1)).storage) }.sorted { $0.lexicographicallyPrecedes($1) }
        }
        #expect(rows(NDArray.concatenate(parts)) == rows(try load(.all)))
    }
}
