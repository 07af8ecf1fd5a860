import Foundation
import JetNetCore
import JetNetEvaluation
import JetNetIO
import JetNetReport
import JetNetSamples
import Testing

/// The HTML page: complete, self-contained, with the table and every plot.
@Suite("Evaluation report")
struct EvaluationReportTests {
    @Test("One evaluation: a complete page with the metric table, 10 histograms and 2 images, nothing external")
    func page() throws {
        let jets = try HDF5File(url: EmbeddedSample.url("g.hdf5")).read("particle_features", as: Float.self)
        let (real, gen) = (jets.rows(0..<40), jets.rows(40..<80))
        let input = EvaluationResult.Input(source: "a <real> file", shape: real.shape)
        var result = EvaluationResult(inputs: .init(real: input, gen: input, options: EvaluationOptions(metrics: [.w1m])))
        result.w1m = .init(value: 0.002, error: 0.0005)
        let html = try EvaluationReport.html(result: result, real: real, gen: gen, title: "A & B")
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(html.contains("<title>A &amp; B</title>") && html.contains("a &lt;real&gt; file"))
        #expect(html.contains("<tr><td>W1M ×1e3</td><td>2.00 ± 0.50</td><td></td></tr>"))
        let titles = ["Jet mass", "Jet pT", "Particle η rel", "Particle φ rel", "Particle pT rel"] + (1...5).map { "EFP \($0) of 5" }
        for title in titles { #expect(html.contains("aria-label=\"\(title)"), "no plot \(title)") }
        #expect(html.components(separatedBy: "<svg ").count - 1 == titles.count + 2)
        #expect(html.contains("Average real jet image") && html.contains("Average generated jet image"))
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        for external in ["http://", "https://", "<script", "<link", "src=", "@import", "url("] {
            #expect(!withoutNamespace.contains(external), "report contains \(external)")
        }
    }
}
