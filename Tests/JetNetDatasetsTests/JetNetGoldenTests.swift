import Foundation
import JetNetCore
import JetNetSamples
import JetNetPhysics
import Testing
import JetNetTestSupport
@testable import JetNetDatasets

/// `JetNetDataset.load` against jetnet's `JetNet.getData` on the embedded sample files, for
/// every argument set in golden/datasets.json.
@Suite("JetNet golden")
struct JetNetGoldenTests {
    static let location = DatasetLocation(directory: EmbeddedSample.jetNetDirectory)

    /// jetnet's arguments -> ours (`"all"` or a missing key: every feature; `null`: none).
    static func load(_ args: JSON) throws -> DatasetArrays {
        func features<Name: DatasetName>(_ key: String, _ type: Name.Type) throws -> [Name] {
            guard let value = args.member(key) else { return Name.allCases }
            return value.isNull ? [] : try Name.parse(value.strings!)
        }
        return try JetNetDataset.load(
            jetTypes: JetNetJetType.parse(args["jet_type"].strings!), location: location,
            particleFeatures: features("particle_features", JetNetParticleFeature.self),
            jetFeatures: features("jet_features", JetNetJetFeature.self),
            particles: Int(args["num_particles"].number!),
            split: DatasetSplit(name: args["split"].string!),
            splitFractions: args.member("split_fraction")?.doubles ?? DatasetSplit.defaultFractions,
            seed: UInt64(args["seed"].number ?? 42))
    }

    @Test("getData: same jets in the same order as jetnet", arguments: Golden.cases("jetnet"))
    func getData(_ golden: GoldenCase) throws {
        let (particles, jets) = try Self.load(golden.args)
        // jetnet's None is our empty feature axis.
        expectMatches(particles.shape.last == 0 ? nil : particles, golden.particle_data)
        expectMatches(jets.shape.last == 0 ? nil : jets, golden.jet_data)
    }

    @Test("Normalisation as jetnet 0.2.5 literally does it: FeaturewiseLinear(normal=True) with default shifts is a no-op")
    func normalisationLiteral() throws {
        let golden = Golden.root["normalisation_dataset"]
        // jetnet never derives here, so its particle normalisation is shift 0, scale 1.
        let data = try JetNetDataset(
            jetTypes: [.gluon, .top], location: Self.location, particles: 30, split: .train,
            particleNormalisation: FeaturewiseLinear(shifts: [0], scales: [1], normaliseFeatures: [true, true, true, false]),
            jetNormalisation: FeaturewiseLinearBounded(norms: [1.0], shifts: [0, 0, 0, -0.5, 0]))
        let maxes = (data.storage.jetNormalisation as! FeaturewiseLinearBounded).maxes!
        #expect(maxes == golden["jet_maxes"].doubles)
        expectMatches(try data.particles, try decode(golden["particle_data"]))
        expectMatches(data.jets, try decode(golden["jet_data"]), relative: 1e-6, exactRows: false)
        let item = try data[0]
        #expect(item.particles.storage.map(Double.init) == golden["item0_particles"].doubles)
        for (a, b) in zip(item.jet.storage.map(Double.init), golden["item0_jet"].doubles) {
            #expect(abs(a - b) <= 1e-6 * max(1, abs(b)))
        }
    }

    @Test("Derived mean/std normalisation matches jetnet's (shifts/scales passed as None)", arguments: [false, true])
    func normalisationDerived(viaNormalFlag: Bool) throws {
        let golden = Golden.root["normalisation_dataset_derived"]
        // Ours derives with normal: true even with default shifts; jetnet needs them to be None.
        let particleNorm = viaNormalFlag
            ? FeaturewiseLinear(normaliseFeatures: [true, true, true, false], normal: true)
            : FeaturewiseLinear(shifts: nil, scales: nil, normaliseFeatures: [true, true, true, false], normal: true)
        let jetNorm = viaNormalFlag ? FeaturewiseLinear(normal: true) : FeaturewiseLinear(shifts: nil, scales: nil, normal: true)
        let data = try JetNetDataset(
            jetTypes: [.gluon, .top], location: Self.location, particles: 30, split: .train,
            particleNormalisation: particleNorm, jetNormalisation: jetNorm)
        let particle = data.storage.particleNormalisation as! FeaturewiseLinear
        let jet = data.storage.jetNormalisation as! FeaturewiseLinear
        // jetnet derives particle statistics with float32 numpy reductions (sequential float32 sums
        // along axis 0); ours accumulates in float64. On the sample, numpy's float32 std of the
        // mask is off by 1.6e-4 relative from the float64 value (49.7233 vs 49.7151), so allow 2e-4.
        for (ours, key) in [(particle.shifts!, "particle_shifts"), (particle.scales!, "particle_scales"),
                            (jet.shifts!, "jet_shifts"), (jet.scales!, "jet_scales")] {
            let theirs = golden[key].doubles
            #expect(ours.count == theirs.count)
            for (a, b) in zip(ours, theirs) { #expect(abs(a - b) <= 2e-4 * max(abs(b), 1e-3), "\(key): \(a) vs \(b)") }
        }
        expectMatches(try data.particles, try decode(golden["particle_data"]), relative: 1e-4, exactRows: false)
        expectMatches(data.jets, try decode(golden["jet_data"]), relative: 1e-4, exactRows: false)
    }

    @Test("Eager reading block by block gives the rows the lazy reader gives, whatever the block size",
          arguments: [1, 7, 100, 1024])
    func eagerBlocks(blockRows: Int) throws {
        let selection = try JetNetDataset.select(
            jetTypes: [.gluon, .top], location: Self.location, particleFeatures: [.ptRel, .etaRel], jetFeatures: [],
            particles: 20, split: .train, splitFractions: DatasetSplit.defaultFractions, seed: 42)
        let eager = try selection.particles(blockRows: blockRows)
        let lazy = try selection.particles(at: Array(0..<selection.count))
        #expect(eager.shape == [selection.count, 20, 2] && selection.count > 1000)
        #expect(eager.storage == lazy.storage)
        #expect(eager.storage.contains { $0 != 0 })
    }

    @Test("Eager blocks: an eighth of the file in whole alignments, between 1 MiB and 32 MiB",
          arguments: [
              (480, 10_000, 2048),        // 4.8 MB file: 1 MiB blocks (2184 rows, 2 alignments)
              (480, 200_000, 24_576),     // 96 MB file: 12 MB blocks (25,000 rows)
              (480, 1_000_000, 69_632),   // 480 MB file: 32 MiB blocks (69,905 rows)
              (2400, 100, 1024),          // rows larger than the floor allows: one alignment
          ])
    func eagerBlockRows(rowBytes: Int, rows: Int, expected: Int) {
        #expect(JetNetSelection.eagerBlockRows(rowBytes: rowBytes, rows: rows) == expected)
    }

    @Test("JetNet.fpnd_norm: the FPND normalisation and its inverse")
    func fpndNorm() throws {
        let golden = Golden.root["fpnd_norm_g30"]
        let (particles, _) = try JetNetDataset.load(
            jetTypes: [.gluon], location: Self.location, particleFeatures: [.etaRel, .phiRel, .ptRel], jetFeatures: [], particles: 30)
        expectMatches(particles, try decode(golden["input"]))
        let normalised = try JetNetDataset.fpndNormalisation.normalised(particles)
        expectMatches(normalised, try decode(golden["output"]), relative: 1e-6, exactRows: false)
        let back = try JetNetDataset.fpndNormalisation.inverted(normalised)
        let roundTrip = zip(back.storage, particles.storage).map { abs(Double($0) - Double($1)) }.max()!
        #expect(roundTrip <= 1e-6)
    }

    private func decode(_ json: JSON) throws -> Fingerprint {
        func doubles(_ key: String) -> [Double]? { json.member(key).map(\.doubles) }
        return Fingerprint(
            shape: json["shape"].doubles.map { Int($0) }, sum: json["sum"].number, abs_sum: json["abs_sum"].number,
            first: doubles("first"), last: doubles("last"), row0: json.member("row0"), row_last: json.member("row_last"))
    }
}
