import JetNetEvaluation
import JetNetMetrics
@testable import JetNetReport
import Testing

/// The text tables `jetnet evaluate` prints.
@Suite("Report tables")
struct ReportTablesTests {
    /// A result with every metric, values chosen so each formatting rule shows.
    static func result() -> EvaluationResult {
        let input = EvaluationResult.Input(source: "r.npy", shape: [10, 30, 4])
        var result = EvaluationResult(inputs: .init(real: input, gen: input, options: EvaluationOptions(seed: 3, jetType: "g")))
        result.w1m = MetricValue(value: 1e-3, error: 2e-4)
        result.w1p = MetricValues(values: [1e-3, 2e-3, 3e-3], errors: [1e-4, 2e-4, 2e-4])
        result.w1efp = MetricValues(values: [1e-5, 2e-5, 3e-5, 4e-5, 5e-5], errors: [0, 0, 0, 0, 0])
        result.fpd = MetricValue(value: 0.0108, error: 0.00365)
        result.kpd = MetricValue(value: -0.000374, error: 0.00102)
        result.covMMD = CovMMD(cov: 0.5, mmd: 0.04)
        result.fpnd = 12.345
        return result
    }

    @Test("TextTable pads columns: the first left-aligned, the others right-aligned, missing cells empty")
    func textTable() {
        let table = TextTable(headers: ["name", "value"], rows: [["a", "1.5"], ["longer", "10"], ["x"]])
        #expect(table.rendered == """
            name    value
            ------  -----
            a         1.5
            longer     10
            x            \n
            """)
    }

    @Test("The metric table has one row per metric in the papers' units, per-feature values for W1P and W1EFP")
    func metrics() {
        let table = EvaluationTables.metrics(Self.result())
        #expect(table.headers == ["metric", "value", "per feature"])
        #expect(table.rows.map { $0[0] } == MetricKind.allCases.map(\.heading))
        #expect(table.rows.map { $0[1] } == ["1.00 ± 0.20", "2.00 ± 0.17", "3 ± 0", "10.8 ± 3.6", "-0.4 ± 1.0", "0.5 / 0.04", "12.3"])
        #expect(table.rows[1][2] == "etarel 1.00 ± 0.10, phirel 2.00 ± 0.20, ptrel 3.00 ± 0.20")
        #expect(table.rows[2][2] == "EFP1 1 ± 0, EFP2 2 ± 0, EFP3 3 ± 0, EFP4 4 ± 0, EFP5 5 ± 0")
        #expect(table.rows[6][2] == "jet type g")
    }

    @Test("Metrics that were not computed have no row")
    func missing() {
        var result = Self.result()
        result.w1p = nil
        result.fpnd = nil
        #expect(EvaluationTables.metrics(result).rows.map { $0[0] } == ["W1M ×1e3", "W1EFP ×1e5", "FPD ×1e3", "KPD ×1e3", "COV / MMD"])
    }
}
