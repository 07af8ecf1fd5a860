import Foundation
import JetNetPhysics
@testable import JetNetReport
import Testing

/// The SVG plots: what they draw, not how it looks.
@Suite("SVG plots")
struct SVGTests {
    @Test("Histogram densities integrate to the fraction of values inside the range")
    func density() {
        let values = (0..<1000).map { Double($0) / 1000 }
        let density = SVGHistogram.density(values, bins: 10, low: 0, high: 0.5)
        // 500 of 1000 values fall in [0, 0.5]: the area is one half, 0.1 per bin of width 0.05.
        #expect(density.count == 10)
        #expect(abs(density.reduce(0, +) * 0.05 - 0.501) < 1e-12)
        #expect(abs(density[0] - 50 / (1000 * 0.05)) < 1e-12)
    }

    @Test("The binning covers the 0.5-99.5 percentile range, widened when it is a single value")
    func range() {
        let values = (0...1000).map(Double.init)
        #expect(SVGHistogram.range(of: values) == (5, 995))
        #expect(SVGHistogram.range(of: [2, 2, 2]) == (1.5, 2.5))
        #expect(SVGHistogram.range(of: []) == (0, 1))
    }

    @Test("A histogram is one labelled svg with a real and a generated path")
    func histogram() {
        let svg = SVGHistogram(title: "Jet <mass>", xLabel: "m & pT").svg(real: [1, 2, 3, .nan], generated: [2, 3, 4])
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.hasSuffix("</svg>"))
        #expect(svg.contains("aria-label=\"Jet &lt;mass&gt;\"") && svg.contains(">m &amp; pT</text>"))
        #expect(svg.components(separatedBy: "<path class=\"real\"").count == 2)
        #expect(svg.components(separatedBy: "<path class=\"generated\"").count == 2)
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test("A heatmap draws one cell per value, row 0 at the bottom, with viridis from darkest to brightest")
    func heatmap() {
        let map = SVGHeatmap(title: "image", rowLabel: "eta", columnLabel: "phi", logScale: false, extent: 0.4)
        let svg = map.svg(values: [0, 1, 2, 4], rows: 2, columns: 2, colour: ColorMap.viridis.rgb)
        let cells = svg.components(separatedBy: "<rect x=").dropFirst().filter { $0.contains("rgb(") }
        #expect(cells.count == 4)
        #expect(cells[0].contains("fill=\"rgb(68,1,84)\""))  // 0: viridis' first stop
        #expect(cells[3].contains("fill=\"rgb(253,231,37)\""))  // the largest: its last stop
        // Row 0 is drawn below row 1.
        func y(_ cell: String) -> Double { Double(cell.components(separatedBy: "y=\"")[1].prefix { $0 != "\"" })! }
        #expect(y(cells[0]) > y(cells[2]))
    }

    @Test("escapeXML escapes the five XML specials and nothing else")
    func escaping() {
        #expect(escapeXML("a<b>&\"c'd é") == "a&lt;b&gt;&amp;&quot;c&#39;d é")
    }
}
