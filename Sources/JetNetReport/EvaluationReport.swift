import Foundation
import JetNetCore
import JetNetEvaluation
import JetNetPhysics

/// The `jetnet evaluate --report` page: one self-contained HTML file (inline CSS and SVG, no
/// scripts, no network) with the metric table and real-vs-generated plots: jet mass and pt,
/// particle etarel/phirel/ptrel, and the average jet images side by side.
public enum EvaluationReport {
    /// The report of one evaluation.
    ///
    /// - Parameters:
    ///   - result: the metrics.
    ///   - real: the real jets, `[jets, particles, 3 or 4]` in JetNet order.
    ///   - gen: the generated jets, same layout.
    ///   - title: the page title.
    /// - Returns: the HTML document.
    /// - Throws: `PhysicsError` if the jets are not `[jets, particles, >= 3]`.
    public static func html(result: EvaluationResult, real: NDArray<Float>, gen: NDArray<Float>, title: String = "JetNet evaluation") throws -> String {
        var body = "<h1>\(escapeXML(title))</h1>\n"
        body += "<p class=\"inputs\">real: \(escapeXML(result.inputs.real.source)) \(result.inputs.real.shape) — generated: "
        body += "\(escapeXML(result.inputs.gen.source)) \(result.inputs.gen.shape) — seed \(result.seed)</p>\n"
        body += metricsTable(result)
        body += try plots(real: real, gen: gen)
        return document(title: title, body: body)
    }

    /// The report of the sensitivity study: the summary table (comparisons x metrics), then one
    /// section per comparison with its plots.
    ///
    /// - Parameter study: the study's results.
    /// - Returns: the HTML document.
    /// - Throws: `PhysicsError` if a sample is malformed (not for the embedded sample).
    public static func html(study: SensitivityStudy) throws -> String {
        let title = "JetNet metric sensitivity study"
        var body = "<h1>\(escapeXML(title))</h1>\n"
        body += "<p>Real: \(study.jets) embedded gluon jets (half A). Generated: \(study.jets) jets of the other half (B), "
        body += "distorted copies of them, or top jets. Sample sizes fitted to \(study.jets) jets; seed \(study.options.seed). "
        body += "Units as in arXiv:2211.10295: W1M, W1P, FPD, KPD ×10³; W1EFP ×10⁵.</p>\n"
        let kinds = study.options.metrics
        body += "<table class=\"metrics\"><thead><tr><th>generated sample</th>"
        body += kinds.map { "<th>\(escapeXML($0.heading))</th>" }.joined() + "<th>seconds</th></tr></thead><tbody>\n"
        for comparison in study.comparisons {
            body += "<tr><td>\(escapeXML(comparison.name))</td>"
            body += kinds.map { "<td>\(escapeXML(comparison.result.formatted($0) ?? ""))</td>" }.joined()
            body += "<td>\(String(format: "%.1f", comparison.seconds))</td></tr>\n"
        }
        body += "</tbody></table>\n"
        for (index, comparison) in study.comparisons.enumerated() {
            body += "<section id=\"comparison-\(index)\"><h2>\(escapeXML(comparison.name))</h2>\n"
            body += try plots(real: comparison.real, gen: comparison.gen)
            body += "</section>\n"
        }
        return document(title: title, body: body)
    }

    /// The metric table: heading with units, value, per-feature values.
    static func metricsTable(_ result: EvaluationResult) -> String {
        let table = EvaluationTables.metrics(result)
        var html = "<table class=\"metrics\"><thead><tr>" + table.headers.map { "<th>\(escapeXML($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.map { "<td>\(escapeXML($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// Every real-vs-generated plot of two samples.
    static func plots(real: NDArray<Float>, gen: NDArray<Float>) throws -> String {
        let r = try ReportDistributions(real), g = try ReportDistributions(gen)
        var figures: [String] = [
            SVGHistogram(title: "Jet mass", xLabel: "relative jet mass m / pT(jet)").svg(real: r.mass, generated: g.mass),
            SVGHistogram(title: "Jet pT", xLabel: "relative jet pT (sum of particle ptrel vectors)").svg(real: r.pt, generated: g.pt),
            SVGHistogram(title: "Particle η rel", xLabel: "particle η − jet η").svg(real: r.particles[0], generated: g.particles[0]),
            SVGHistogram(title: "Particle φ rel", xLabel: "particle φ − jet φ [rad]").svg(real: r.particles[1], generated: g.particles[1]),
            SVGHistogram(title: "Particle pT rel", xLabel: "particle pT / jet pT", logY: true).svg(real: r.particles[2], generated: g.particles[2]),
        ]
        figures += try efpFigures(real: real, gen: gen)
        var html = "<div class=\"plots\">\n" + figures.map { "<figure>\($0)</figure>" }.joined(separator: "\n") + "\n</div>\n"
        let size = ReportDistributions.imageSize
        let extent = ReportDistributions.imageExtent
        html += "<div class=\"images\">\n"
        for (name, image) in [("real", r.image), ("generated", g.image)] {
            let map = SVGHeatmap(title: "Average \(name) jet image (\(size)×\(size))", rowLabel: "η rel", columnLabel: "φ rel [rad]",
                                 logScale: true, extent: extent)
            html += "<figure>" + map.svg(values: image, rows: size, columns: size, colour: ColorMap.viridis.rgb, scaleValues: r.image + g.image) + "</figure>\n"
        }
        return html + "<p class=\"note\">Images: mean pT-weighted particle density, log colour scale shared by both images (darkest: lowest non-zero pixel of either, brightest: highest).</p></div>\n"
    }

    /// The page around `body`.
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(escapeXML(title))</title>
        <style>
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 24px; color: #222; max-width: 1200px; }
        h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #ddd; }
        table.metrics { border-collapse: collapse; margin: 12px 0; font-size: 13px; }
        table.metrics th, table.metrics td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; }
        table.metrics th:first-child, table.metrics td:first-child { text-align: left; }
        table.metrics th { background: #f3f3f3; }
        .plots, .images { display: flex; flex-wrap: wrap; gap: 8px; }
        figure { margin: 0; }
        svg { font-family: inherit; }
        .note, .inputs { font-size: 12px; color: #555; width: 100%; }
        </style>
        </head>
        <body>
        \(body)
        <p class="note">Made by JetNet for Swift \(JetNetVersion.current) (reproducing \(JetNetVersion.reference)).</p>
        </body>
        </html>

        """
    }
}
