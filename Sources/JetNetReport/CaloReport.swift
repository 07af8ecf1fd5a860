import Foundation
import JetNetCalorimeter
import JetNetPhysics

/// The text table and the self-contained HTML report of a calorimeter-shower evaluation.
public enum CaloReport {
    /// One row per histogram: its name, separation power, and whether the official script
    /// computes it; then FPD and KPD x1e3 as `evaluate.py` prints them.
    /// - Parameter result: the evaluation.
    /// - Returns: the table.
    public static func table(_ result: CaloEvaluationResult) -> TextTable {
        var rows = result.histograms.map { histogram in
            [histogram.name, histogram.separationPower.map { String(format: "%.6f", $0) } ?? "n/a (empty)",
             histogram.official ? "" : "extra"]
        }
        if let fpd = result.fpd { rows.append(["FPD (x10^3)", String(format: "%.4f ± %.4f", fpd.value * 1e3, fpd.error * 1e3), ""]) }
        if let kpd = result.kpd { rows.append(["KPD (x10^3)", String(format: "%.4f ± %.4f", kpd.value * 1e3, kpd.error * 1e3), ""]) }
        if let prdc = result.prdc {
            rows.append(["PRDC precision / recall", String(format: "%.4f / %.4f", prdc.precision, prdc.recall), ""])
            rows.append(["PRDC density / coverage", String(format: "%.4f / %.4f", prdc.density, prdc.coverage), ""])
        }
        return TextTable(headers: ["histogram / metric", "separation power / value", "note"], rows: rows)
    }

    /// The HTML report: the table, every histogram (reference filled, generated dashed) and
    /// the average shower of each non-empty layer of both samples as heatmaps
    /// (angular bin x radial bin, log colour scale shared by each pair).
    /// - Parameters:
    ///   - result: the evaluation.
    ///   - geometry: the dataset's geometry (for the per-layer pictures).
    ///   - title: the page title.
    /// - Returns: a standalone HTML document.
    public static func html(result: CaloEvaluationResult, geometry: CaloGeometry, title: String = "CaloChallenge evaluation") -> String {
        var body = "<h1>\(escapeXML(title))</h1>\n"
        body += "<p class=\"inputs\">dataset \(escapeXML(result.dataset.rawValue)): \(result.referenceCount) reference and \(result.generatedCount) generated showers, voxels below \(result.dataset.threshold) MeV set to 0.</p>\n"
        let table = table(result)
        body += "<table class=\"metrics\"><thead><tr>" + table.headers.map { "<th>\(escapeXML($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in table.rows { body += "<tr>" + row.map { "<td>\(escapeXML($0))</td>" }.joined() + "</tr>\n" }
        body += "</tbody></table>\n<h2>Histograms</h2>\n<div class=\"plots\">\n"
        for histogram in result.histograms {
            guard let reference = histogram.reference ?? histogram.generated.map({ $0.map { _ in 0 } }),
                  let generated = histogram.generated ?? histogram.reference.map({ $0.map { _ in 0 } }) else { continue }
            let power = histogram.separationPower.map { String(format: " (S = %.4f)", $0) } ?? ""
            let plot = SVGHistogram(title: histogram.name + power, xLabel: histogram.xLabel, logY: true)
            body += "<figure>" + plot.svg(edges: histogram.edges, realDensity: reference, generatedDensity: generated,
                                          logX: histogram.logX, realLabel: "reference") + "</figure>\n"
        }
        body += "</div>\n<h2>Average showers per layer</h2>\n<div class=\"images\">\n"
        let offsets = geometry.layerOffsets
        for layer in geometry.relevantLayers {
            let range = offsets[layer.id]..<offsets[layer.id + 1]
            let reference = Array(result.referenceAverage[range]), generated = Array(result.generatedAverage[range])
            for (name, values) in [("reference", reference), ("generated", generated)] {
                let map = SVGHeatmap(title: "Layer \(layer.id), \(name) [MeV]", rowLabel: "angular bin", columnLabel: "radial bin",
                                     logScale: true, extent: 0.5)
                body += "<figure>" + map.svg(values: values, rows: layer.alphaBins, columns: layer.radialBins, colour: ColorMap.viridis.rgb,
                                             scaleValues: reference + generated) + "</figure>\n"
            }
        }
        body += "<p class=\"note\">Average showers: mean voxel energy after the threshold; rows are angular bins, columns radial bins (inner to outer); log colour scale shared by the two pictures of a layer.</p></div>\n"
        return EvaluationReport.document(title: title, body: body)
    }
}
