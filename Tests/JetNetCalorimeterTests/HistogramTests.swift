import Foundation
import JetNetCore
import Testing
@testable import JetNetCalorimeter

@Suite("Calorimeter histograms")
struct HistogramTests {
    @Test("np.histogram's bins: left-closed, the last bin closed, outside values and NaN dropped")
    func counts() {
        var counts = HistogramCounts(edges: [0, 1, 2, 4])
        counts.add([-0.5, 0, 0.5, 1, 1.999, 2, 4, 4.0001, .nan, 3])
        #expect(counts.counts == [2, 2, 3])
        // density = counts / width / total: 2/1/7, 2/1/7, 3/2/7
        let expected: [Double] = [2.0 / 7, 2.0 / 7, 1.5 / 7]
        #expect(counts.density == expected)
        #expect(HistogramCounts(edges: [0, 1]).density == nil)
    }

    @Test("separation power: 0 for equal histograms, 1 for disjoint, and a worked case")
    func separation() {
        let edges = [0.0, 1, 2]
        #expect(separationPower(reference: [0.5, 0.5], generated: [0.5, 0.5], edges: edges) == 0)
        #expect(abs(separationPower(reference: [1, 0], generated: [0, 1], edges: edges) - 1) < 1e-15)
        // p = (0.75, 0.25), q = (0.25, 0.75): 1/2 (0.25/1 + 0.25/1) = 0.25
        #expect(abs(separationPower(reference: [0.75, 0.25], generated: [0.25, 0.75], edges: edges) - 0.25) < 1e-15)
    }

    @Test("NumPy's pairwise summation order (differs from a running sum)")
    func pairwise() {
        // 1 + 1e-16 * 200 in a running sum stays 1; pairwise partial sums keep the small terms.
        let values = [1.0] + Array(repeating: 1e-16, count: 200)
        #expect(values.reduce(0, +) == 1)
        #expect(NumPySum.sum(values) > 1)
        #expect(NumPySum.sum([]) == 0)
        #expect(NumPySum.sum(Array(1...1000).map(Double.init)) == 500_500)
    }

    @Test("linspace and logspace as NumPy: exact end points")
    func spacing() {
        let grid = linspace(-Double.pi, Double.pi, count: 17)
        #expect(grid.first == -Double.pi)
        #expect(grid.last == Double.pi)
        #expect(grid.count == 17)
        let logs = logspace(from: 1, to: 1000, count: 4)
        #expect(logs.count == 4)
        #expect(abs(logs[1] - 10) < 1e-12)
        #expect(abs(logs[3] - 1000) < 1e-9)
    }
}
