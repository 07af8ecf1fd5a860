import Foundation
import JetNetMetrics
import JetNetTestSupport
import Testing
@testable import JetNetCalorimeter

@Suite("Calorimeter features against the official code")
struct FeatureGoldenTests {
    /// Every feature of every shower equals `HighLevelFeatures` in float64 to 1e-9 relative
    /// (1e-12 mm or MeV absolute for values that are zero up to rounding).
    @Test("high-level features", arguments: CaloDataset.allCases)
    func features(dataset: CaloDataset) throws {
        let golden = try CaloFixtures.golden(dataset)
        var samples = [(try CaloFixtures.features(dataset, generated: true), golden["generated_features"])]
        if !golden["reference_features"].isNull {
            samples.append((try CaloFixtures.features(dataset, generated: false), golden["reference_features"]))
        }
        for (features, expected) in samples {
            Self.compare(features.totalEnergy, expected["E_tot"].doubles, "E_tot")
            let perLayer: [(String, [Double])] = [
                ("E_layers", features.layerEnergy), ("sparsity", features.sparsity), ("EC_r", features.centreR), ("width_r", features.widthR),
            ]
            for (name, values) in perLayer {
                #expect(expected[name].keys == features.layers.map(String.init).sorted(), "\(name) layers")
                for (column, layer) in features.layers.enumerated() {
                    Self.compare(features.column(values, column, of: features.layers.count), expected[name]["\(layer)"].doubles, "\(name) layer \(layer)")
                }
            }
            let perAlpha: [(String, [Double])] = [
                ("EC_etas", features.centreEta), ("EC_phis", features.centrePhi), ("width_etas", features.widthEta), ("width_phis", features.widthPhi),
            ]
            for (name, values) in perAlpha {
                #expect(expected[name].keys == features.alphaLayers.map(String.init).sorted(), "\(name) layers")
                for (column, layer) in features.alphaLayers.enumerated() {
                    Self.compare(features.column(values, column, of: features.alphaLayers.count), expected[name]["\(layer)"].doubles, "\(name) layer \(layer)")
                }
            }
        }
    }

    static func compare(_ actual: [Double], _ expected: [Double], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, "\(name): \(actual.count) showers vs \(expected.count)", sourceLocation: sourceLocation)
        let worst = zip(actual, expected).enumerated().filter { !agrees($0.element.0, $0.element.1, relative: 1e-9, absolute: 1e-12) }
        #expect(worst.isEmpty, "\(name): \(worst.count) showers differ, first \(worst.first.map { "#\($0.offset): \($0.element.0) vs \($0.element.1)" } ?? "")",
                sourceLocation: sourceLocation)
    }

    @Test("the FPD/KPD feature vector", arguments: CaloDataset.allCases)
    func classifierVector(dataset: CaloDataset) throws {
        let golden = try CaloFixtures.golden(dataset)
        let vector = try CaloFixtures.features(dataset, generated: true).classifierVector()
        #expect(vector.shape[1] == golden["vector_width"].int)
        #expect(vector.shape[1] == [CaloDataset.photons1: 30, .pions1: 46, .electrons2: 362, .electrons3: 362][dataset])
        Self.compare(Array(vector.storage.prefix(vector.shape[1])), golden["generated_vector_first_row"].doubles, "first row")
    }

    /// Separation powers equal the official `_separation_power` of the official histograms.
    @Test("separation powers and the average shower", arguments: CaloDataset.allCases)
    func separationPowers(dataset: CaloDataset) throws {
        let golden = try CaloFixtures.golden(dataset)
        let result = try CaloEvaluation.run(
            dataset: dataset, reference: ShowerSample(urls: [CaloFixtures.url(dataset, generated: false)]),
            generated: ShowerSample(urls: [CaloFixtures.url(dataset, generated: true)]),
            options: CaloEvaluationOptions(fpdKPD: false, blockBytes: 100_000))
        let expected = golden["separation_powers"]
        let ours = Dictionary(uniqueKeysWithValues: result.histograms.map { ($0.name, $0) })
        #expect(Set(expected.keys) == Set(ours.keys), "histogram names")
        // NumPy drops the reference maximum from these (its top edge rounds below it); ours keep it.
        let dropped = Set(golden["top_edge_below_maximum"].strings ?? [])
        for name in expected.keys where !dropped.contains(name) {
            let power = ours[name]?.separationPower
            if expected[name].isNull {
                // The official code gives NaN for a histogram with no value in its bins.
                #expect(power == nil, "\(name): \(power ?? .nan) vs NaN")
            } else {
                let value = power ?? .nan
                #expect(agrees(value, expected[name].double, relative: 1e-9, absolute: 1e-15), "\(name): \(value) vs \(expected[name].double)")
            }
        }
        if !golden["average_generated"].isNull {
            FeatureGoldenTests.compare(result.generatedAverage, golden["average_generated"].doubles, "average shower")
        }
    }

    /// FPD and KPD as `evaluate.py -m fpd/kpd` calls jetnet (min_samples and batch_size
    /// 10,000; reference as real), at the metric tests' tolerances. FPD's error comes from the
    /// fit's residuals; with a few dozen distinct showers bootstrapped to 10,000 rows and
    /// near-constant columns (sparsities), the per-batch distances carry the eigenvalue noise
    /// floor the FPD tests describe, which moves the pions' error by about 1e-4 relative.
    @Test("FPD and KPD", arguments: [CaloDataset.photons1, .pions1])
    func fpdKPD(dataset: CaloDataset) throws {
        let golden = try CaloFixtures.golden(dataset)
        let real = try CaloFixtures.features(dataset, generated: false).classifierVector()
        let gen = try CaloFixtures.features(dataset, generated: true).classifierVector()
        let fpd = try Metrics.fpd(real: real, gen: gen, minSamples: 10_000)
        let kpd = try Metrics.kpd(real: real, gen: gen, samples: 10_000)
        let (fpdExpected, kpdExpected) = (golden["fpd"].doubles, golden["kpd"].doubles)
        #expect(agrees(fpd.value, fpdExpected[0], relative: 1e-6, absolute: 1e-9), "FPD \(fpd.value) vs \(fpdExpected[0])")
        #expect(agrees(fpd.error, fpdExpected[1], relative: 3e-4, absolute: 1e-9), "FPD error \(fpd.error) vs \(fpdExpected[1])")
        #expect(agrees(kpd.value, kpdExpected[0], relative: 1e-7, absolute: 1e-12), "KPD \(kpd.value) vs \(kpdExpected[0])")
        #expect(agrees(kpd.error, kpdExpected[1], relative: 1e-7, absolute: 1e-12), "KPD error \(kpd.error) vs \(kpdExpected[1])")
    }
}
