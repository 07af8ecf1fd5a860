import Foundation

/// An SVG picture of a 2-D grid of values, such as an average jet image.
public struct SVGHeatmap: Sendable {
    /// The plot's title.
    public var title: String
    /// The label of the first (vertical) axis, with units.
    public var rowLabel: String
    /// The label of the second (horizontal) axis, with units.
    public var columnLabel: String
    /// Whether colours follow log10 of the value (zeros shown as the lowest colour).
    public var logScale: Bool
    /// The half-width of both axes, for the tick labels (jetnet's `maxR`).
    public var extent: Double

    /// Makes a heatmap description.
    public init(title: String, rowLabel: String, columnLabel: String, logScale: Bool = true, extent: Double = 0.4) {
        self.title = title
        self.rowLabel = rowLabel
        self.columnLabel = columnLabel
        self.logScale = logScale
        self.extent = extent
    }

    /// The SVG markup for `values`.
    ///
    /// - Parameters:
    ///   - values: `[rows, columns]` values, row-major; row 0 is drawn at the bottom, as
    ///     jetnet's images put eta on the first axis.
    ///   - colour: maps a value scaled to [0, 1] to an sRGB colour.
    ///   - scaleValues: the values that set the colour scale (smallest positive and largest);
    ///     pass the union of several images to draw them on one scale. Default: `values`.
    /// - Returns: a standalone `<svg>` element.
    public func svg(values: [Double], rows: Int, columns: Int, colour: (Double) -> (UInt8, UInt8, UInt8), scaleValues: [Double]? = nil) -> String {
        precondition(values.count == rows * columns, "SVGHeatmap: \(values.count) values for \(rows)x\(columns)")
        let size = 220.0
        let left = 48.0, top = 26.0
        let cellWidth = size / Double(max(columns, 1)), cellHeight = size / Double(max(rows, 1))
        let positive = (scaleValues ?? values).filter { $0 > 0 }
        let maxValue = (scaleValues ?? values).max() ?? 0
        let minPositive = positive.min() ?? 1
        func scaled(_ value: Double) -> Double {
            guard maxValue > 0 else { return 0 }
            if logScale {
                guard value > 0 else { return 0 }
                let span = log10(maxValue) - log10(minPositive)
                return span > 0 ? min(max((log10(value) - log10(minPositive)) / span, 0), 1) : 1
            }
            return min(max(value, 0) / maxValue, 1)
        }
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 290" width="300" height="290" role="img" aria-label="\(escapeXML(title))">
        <rect x="0" y="0" width="300" height="290" fill="white"/>
        <text x="\(fmt(left + size / 2))" y="16" text-anchor="middle" font-size="13" font-weight="600">\(escapeXML(title))</text>
        <g shape-rendering="crispEdges">
        """
        for row in 0..<rows {
            for column in 0..<columns {
                let (r, g, b) = colour(scaled(values[row * columns + column]))
                let x = left + Double(column) * cellWidth
                let y = top + size - Double(row + 1) * cellHeight
                svg += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(cellWidth + 0.3))\" height=\"\(fmt(cellHeight + 0.3))\" fill=\"rgb(\(r),\(g),\(b))\"/>"
            }
        }
        svg += "</g>\n<rect x=\"\(fmt(left))\" y=\"\(fmt(top))\" width=\"\(fmt(size))\" height=\"\(fmt(size))\" fill=\"none\" stroke=\"#444\"/>\n"
        for tick in 0...2 {
            let fraction = Double(tick) / 2
            let label = tickLabel(-extent + 2 * extent * fraction)
            svg += "<text x=\"\(fmt(left + size * fraction))\" y=\"\(fmt(top + size + 14))\" text-anchor=\"middle\" font-size=\"10\">\(label)</text>"
            svg += "<text x=\"\(fmt(left - 4))\" y=\"\(fmt(top + size * (1 - fraction) + 3))\" text-anchor=\"end\" font-size=\"10\">\(label)</text>"
        }
        svg += "\n<text x=\"\(fmt(left + size / 2))\" y=\"\(fmt(top + size + 32))\" text-anchor=\"middle\" font-size=\"11\">\(escapeXML(columnLabel))</text>"
        svg += "<text transform=\"translate(14 \(fmt(top + size / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"11\">\(escapeXML(rowLabel))</text>\n"
        svg += "</svg>"
        return svg
    }
}
