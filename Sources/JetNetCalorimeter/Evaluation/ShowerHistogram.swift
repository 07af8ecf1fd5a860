/// One histogram of the evaluation: a feature of the reference and the generated sample in
/// the official binning, and their separation power.
public struct ShowerHistogram: Sendable, Equatable, Codable {
    /// The official label (`"E layer 12"`, `"EC Eta layer 1"`, `"Voxel distribution"`, ...).
    public var name: String
    /// The axis label.
    public var xLabel: String
    /// Whether the bins are log-spaced (plot the x axis logarithmically).
    public var logX: Bool
    /// Whether `evaluate.py --mode hist` computes this histogram (sparsity and the r
    /// centres and widths have binnings in the official helper but are not run by it).
    public var official: Bool
    /// Bin edges, shape `[bins + 1]`.
    public var edges: [Double]
    /// Reference density, shape `[bins]` (nil when no reference value falls in the bins).
    public var reference: [Double]?
    /// Generated density, shape `[bins]` (nil when no generated value falls in the bins).
    public var generated: [Double]?
    /// The separation power (nil when a density is nil: NumPy would give NaN).
    public var separationPower: Double?

    /// Makes a histogram from the two samples' counts.
    init(name: String, xLabel: String, logX: Bool = false, official: Bool = true,
         reference: HistogramCounts, generated: HistogramCounts) {
        self.name = name
        self.xLabel = xLabel
        self.logX = logX
        self.official = official
        edges = reference.edges
        self.reference = reference.density
        self.generated = generated.density
        if let r = self.reference, let g = self.generated {
            separationPower = JetNetCalorimeter.separationPower(reference: r, generated: g, edges: edges)
        }
    }

    /// Makes a histogram of two samples' values over `edges`.
    init(name: String, xLabel: String, logX: Bool = false, official: Bool = true,
         edges: [Double], reference: [Double], generated: [Double]) {
        var r = HistogramCounts(edges: edges), g = HistogramCounts(edges: edges)
        r.add(reference)
        g.add(generated)
        self.init(name: name, xLabel: xLabel, logX: logX, official: official, reference: r, generated: g)
    }
}
