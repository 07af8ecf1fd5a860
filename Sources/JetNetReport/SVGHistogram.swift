import Foundation

/// An SVG plot of two distributions, real and generated, as outlined step histograms.
///
/// Both are normalised to unit area so samples of different sizes compare directly; the
/// binning covers the 0.5–99.5 percentile range of the real sample, so a few outliers do not
/// squeeze the bulk into one bin.
public struct SVGHistogram: Sendable {
    /// The plot's title.
    public var title: String
    /// The x-axis label, with units (for example `"jet mass [relative]"`).
    public var xLabel: String
    /// The number of bins.
    public var bins: Int
    /// Whether the y axis is logarithmic.
    public var logY: Bool

    /// Makes a histogram plot description.
    public init(title: String, xLabel: String, bins: Int = 40, logY: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.bins = max(bins, 1)
        self.logY = logY
    }

    static let width = 360.0
    static let height = 262.0
    static let margin = (left: 52.0, right: 14.0, top: 40.0, bottom: 44.0)

    /// The SVG markup comparing `real` with `generated`.
    ///
    /// - Parameters:
    ///   - real: the real sample's values (any length; non-finite values are ignored).
    ///   - generated: the generated sample's values.
    /// - Returns: a standalone `<svg>` element.
    public func svg(real: [Double], generated: [Double]) -> String {
        let realValues = real.filter(\.isFinite)
        let generatedValues = generated.filter(\.isFinite)
        let (low, high) = Self.range(of: realValues.isEmpty ? generatedValues : realValues)
        let edges = (0...bins).map { low + (high - low) * Double($0) / Double(bins) }
        return svg(edges: edges, realDensity: Self.density(realValues, bins: bins, low: low, high: high),
                   generatedDensity: Self.density(generatedValues, bins: bins, low: low, high: high))
    }

    /// The SVG markup of two densities already binned over the same edges.
    ///
    /// - Parameters:
    ///   - edges: bin edges, increasing, shape `[bins + 1]` (positive when `logX`).
    ///   - realDensity: the real (or reference) density, shape `[bins]`.
    ///   - generatedDensity: the generated density, shape `[bins]`.
    ///   - logX: place the x axis logarithmically (for log-spaced bins).
    ///   - realLabel: the legend of the first density ("real", or "reference" for showers).
    /// - Returns: a standalone `<svg>` element.
    public func svg(edges: [Double], realDensity: [Double], generatedDensity: [Double], logX: Bool = false,
                    realLabel: String = "real") -> String {
        precondition(edges.count >= 2 && realDensity.count == edges.count - 1 && generatedDensity.count == edges.count - 1,
                     "densities must have one value per bin")
        let axis: (Double) -> Double = logX ? { log10($0) } : { $0 }
        let low = axis(edges[0]), high = axis(edges[edges.count - 1])
        let peak = max(realDensity.max() ?? 0, generatedDensity.max() ?? 0, 1e-300)
        let floor = logY ? max(peak * 1e-4, (realDensity + generatedDensity).filter { $0 > 0 }.min() ?? peak * 1e-4) : 0
        let m = Self.margin
        let plotWidth = Self.width - m.left - m.right
        let plotHeight = Self.height - m.top - m.bottom
        func x(_ value: Double) -> Double { m.left + (value - low) / (high - low) * plotWidth }
        func y(_ density: Double) -> Double {
            let fraction: Double
            if logY {
                let d = max(density, floor)
                fraction = log10(d / floor) / max(log10(peak * 1.1 / floor), 1e-12)
            } else {
                fraction = density / (peak * 1.1)
            }
            return m.top + plotHeight * (1 - fraction)
        }
        func path(_ density: [Double]) -> String {
            var d = "M\(fmt(x(low))),\(fmt(y(logY ? floor : 0)))"
            for bin in 0..<density.count {
                let left = axis(edges[bin]), right = axis(edges[bin + 1])
                d += " L\(fmt(x(left))),\(fmt(y(density[bin]))) L\(fmt(x(right))),\(fmt(y(density[bin])))"
            }
            d += " L\(fmt(x(high))),\(fmt(y(logY ? floor : 0)))"
            return d
        }
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" \
        width="\(Int(Self.width))" height="\(Int(Self.height))" role="img" aria-label="\(escapeXML(title))">
        <rect x="0" y="0" width="\(Int(Self.width))" height="\(Int(Self.height))" fill="white"/>
        <text x="\(fmt(Self.width / 2))" y="16" text-anchor="middle" font-size="13" font-weight="600">\(escapeXML(title))</text>
        <rect x="\(fmt(m.left))" y="\(fmt(m.top))" width="\(fmt(plotWidth))" height="\(fmt(plotHeight))" fill="none" stroke="#444"/>

        """
        for value in niceTicks(low: low, high: high, target: 5) where !logX || value == value.rounded() {
            let px = x(value)
            svg += "<line x1=\"\(fmt(px))\" y1=\"\(fmt(m.top + plotHeight))\" x2=\"\(fmt(px))\" y2=\"\(fmt(m.top + plotHeight + 4))\" stroke=\"#444\"/>"
            svg += "<text x=\"\(fmt(px))\" y=\"\(fmt(m.top + plotHeight + 16))\" text-anchor=\"middle\" font-size=\"10\">\(logX ? tickLabel(pow(10, value)) : tickLabel(value))</text>\n"
        }
        svg += "<text x=\"\(fmt(m.left + plotWidth / 2))\" y=\"\(fmt(Self.height - 6))\" text-anchor=\"middle\" font-size=\"11\">\(escapeXML(xLabel))</text>\n"
        svg += "<text transform=\"translate(13 \(fmt(m.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"11\">\(logY ? "density (log)" : "density")</text>\n"
        svg += "<path class=\"real\" d=\"\(path(realDensity))\" fill=\"#1f77b4\" fill-opacity=\"0.18\" stroke=\"#1f77b4\" stroke-width=\"1.5\"/>\n"
        svg += "<path class=\"generated\" d=\"\(path(generatedDensity))\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n"
        // The legend sits between the title and the plot, so it never hides a distribution.
        let legendX = Self.width / 2 - 70, legendY = 30.0
        svg += "<g font-size=\"10\"><rect x=\"\(fmt(legendX))\" y=\"\(fmt(legendY - 8))\" width=\"12\" height=\"8\" fill=\"#1f77b4\" fill-opacity=\"0.4\" stroke=\"#1f77b4\"/>"
        svg += "<text x=\"\(fmt(legendX + 16))\" y=\"\(fmt(legendY))\">\(escapeXML(realLabel))</text>"
        svg += "<line x1=\"\(fmt(legendX + 62))\" y1=\"\(fmt(legendY - 4))\" x2=\"\(fmt(legendX + 80))\" y2=\"\(fmt(legendY - 4))\" stroke=\"#d62728\" stroke-dasharray=\"4 2\" stroke-width=\"1.5\"/>"
        svg += "<text x=\"\(fmt(legendX + 84))\" y=\"\(fmt(legendY))\">generated</text></g>\n"
        svg += "</svg>"
        return svg
    }

    /// The 0.5–99.5 percentile range, widened when it is empty.
    static func range(of values: [Double]) -> (Double, Double) {
        guard !values.isEmpty else { return (0, 1) }
        let sorted = values.sorted()
        let low = sorted[Int(Double(sorted.count - 1) * 0.005)]
        let high = sorted[Int(Double(sorted.count - 1) * 0.995)]
        if high > low { return (low, high) }
        return (low - 0.5, high + 0.5)
    }

    /// Normalised densities in `bins` equal bins over [low, high]; values outside are dropped.
    static func density(_ values: [Double], bins: Int, low: Double, high: Double) -> [Double] {
        var counts = [Double](repeating: 0, count: bins)
        var inside = 0.0
        let width = (high - low) / Double(bins)
        for value in values where value >= low && value <= high {
            counts[min(Int((value - low) / width), bins - 1)] += 1
            inside += 1
        }
        let total = Double(values.count) * width
        return total > 0 ? counts.map { $0 / total } : counts
    }
}

/// Round tick values inside [low, high]: multiples of 1, 2, 2.5 or 5 times a power of ten,
/// about `target` of them.
func niceTicks(low: Double, high: Double, target: Int) -> [Double] {
    guard high > low, low.isFinite, high.isFinite else { return [low] }
    let rough = (high - low) / Double(max(target - 1, 1))
    let power = pow(10, (log10(rough)).rounded(.down))
    let step = [1, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
    var ticks: [Double] = []
    var value = (low / step).rounded(.up) * step
    while value <= high + step * 1e-9 {
        ticks.append(abs(value) < step * 1e-9 ? 0 : value)
        value += step
    }
    return ticks
}

/// Formats a coordinate with two decimals, short enough to keep SVGs small.
func fmt(_ value: Double) -> String { String(format: "%.2f", value) }

/// A compact tick label: plain for moderate values, scientific otherwise.
func tickLabel(_ value: Double) -> String {
    let magnitude = abs(value)
    if value == 0 { return "0" }
    if magnitude >= 1e-2 && magnitude < 1e4 { return String(format: "%.3g", value) }
    return String(format: "%.1e", value)
}

/// Escapes text for XML/HTML content and attributes.
public func escapeXML(_ text: String) -> String {
    var out = ""
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}
