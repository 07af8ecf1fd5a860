import Foundation
import JetNetCore
import JetNetMetrics
import JetNetTestSupport
import Testing
@testable import JetNetCalorimeter

@Suite("PRDC against the prdc package")
struct PRDCGoldenTests {
    /// `compute_prdc` as `evaluate.py -m prdc` calls it; the values are fractions of counts,
    /// so they agree exactly unless a distance ties a radius to rounding.
    @Test("log10 voxel energies, reference as real", arguments: CaloDataset.allCases, [2, 5])
    func prdc(dataset: CaloDataset, k: Int) throws {
        let golden = try CaloFixtures.fixtures.json("calo_prdc_goldens.json")["\(dataset.rawValue) k=\(k)"]
        let real = try CaloEvaluation.logVoxels(
            ShowerSample(urls: [CaloFixtures.url(dataset, generated: false)]), dataset: dataset, rowsPerBlock: 7)
        let gen = try CaloEvaluation.logVoxels(
            ShowerSample(urls: [CaloFixtures.url(dataset, generated: true)]), dataset: dataset, rowsPerBlock: 7)
        if golden.isNull {
            // Fewer than k + 2 showers: the prdc package fails in np.argpartition; ours says why.
            #expect(throws: MetricError.tooFewSamples(array: "real", rows: real.shape[0], needed: k + 2)) {
                try Metrics.prdc(real: real, gen: gen, nearestK: k)
            }
            return
        }
        let result = try Metrics.prdc(real: real, gen: gen, nearestK: k)
        #expect(agrees(result.precision, golden["precision"].double, relative: 1e-12), "precision \(result.precision)")
        #expect(agrees(result.recall, golden["recall"].double, relative: 1e-12), "recall \(result.recall)")
        #expect(agrees(result.density, golden["density"].double, relative: 1e-12), "density \(result.density)")
        #expect(agrees(result.coverage, golden["coverage"].double, relative: 1e-12), "coverage \(result.coverage)")
    }

    @Test("identical samples: every generated sample is inside some ball; too few samples is an error")
    func properties() throws {
        let x = NDArrayTestData.grid
        let same = try Metrics.prdc(real: x, gen: x, nearestK: 2)
        #expect(same.precision == 1)
        #expect(same.recall == 1)
        #expect(same.coverage == 1)
        #expect(throws: MetricError.self) { try Metrics.prdc(real: x, gen: x, nearestK: 8) }
    }
}

/// A 3 x 3 grid of points in the plane.
enum NDArrayTestData {
    static let grid = JetNetCore.NDArray<Double>(shape: [9, 2], storage: (0..<9).flatMap { [Double($0 % 3), Double($0 / 3)] })
}
