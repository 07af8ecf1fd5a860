/// One calorimeter layer of a CaloChallenge binning: radial bin edges and equal angular bins.
///
/// Within a layer the voxels run angular bin by angular bin, the radial bin fastest, so voxel
/// `a * radialBins + r` of the layer is angular bin `a`, radial bin `r`.
public struct CaloLayer: Sendable, Equatable, Codable {
    /// The layer's id in the binning file (equal to its position: ids run 0, 1, 2, ...).
    public var id: Int
    /// Radial bin edges in mm, increasing; a single edge (`r_edges="0"`) means the layer is empty.
    public var radialEdges: [Double]
    /// The number of equal angular bins on [-pi, pi] (`n_bin_alpha`).
    public var alphaBins: Int

    /// Makes a layer.
    /// - Parameters:
    ///   - id: the layer's id.
    ///   - radialEdges: radial bin edges in mm (one edge for an empty layer).
    ///   - alphaBins: the number of angular bins (at least 1).
    public init(id: Int, radialEdges: [Double], alphaBins: Int) {
        self.id = id
        self.radialEdges = radialEdges
        self.alphaBins = alphaBins
    }

    /// The number of radial bins (edges minus one).
    public var radialBins: Int { max(0, radialEdges.count - 1) }
    /// The number of voxels: radial bins times angular bins (0 for an empty layer).
    public var voxelCount: Int { radialBins * alphaBins }
    /// Whether the layer holds voxels (the official code's "relevant layers").
    public var isRelevant: Bool { radialBins > 0 }
    /// Whether the layer is binned in angle (more than one angular bin), so it has centres and
    /// widths in eta and phi.
    public var isBinnedInAlpha: Bool { alphaBins > 1 }

    /// The radial centre of each radial bin, `(r_i + r_{i+1}) * 0.5` as the official
    /// `radial_center_mult` (used for the centre and width in r).
    public var radialCentres: [Double] {
        (0..<radialBins).map { (radialEdges[$0] + radialEdges[$0 + 1]) * 0.5 }
    }

    /// The radial midpoints `r_i + (r_{i+1} - r_i) / 2` as the official `XMLHandler` (used for
    /// the eta and phi coordinates; it differs from ``radialCentres`` in the last bit at most).
    public var radialMidpoints: [Double] {
        (0..<radialBins).map { radialEdges[$0] + (radialEdges[$0 + 1] - radialEdges[$0]) / 2 }
    }

    /// The centre of each angular bin in radians: midpoints of NumPy's
    /// `linspace(-pi, pi, alphaBins + 1)`.
    public var alphaCentres: [Double] {
        let edges = linspace(-Double.pi, Double.pi, count: alphaBins + 1)
        return (0..<alphaBins).map { edges[$0] + (edges[$0 + 1] - edges[$0]) / 2 }
    }
}

/// NumPy's `linspace(start, stop, count)`: `i * step + start`, with the last point set to `stop`.
func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
    guard count > 1 else { return count == 1 ? [start] : [] }
    let step = (stop - start) / Double(count - 1)
    var values = (0..<count).map { Double($0) * step + start }
    values[count - 1] = stop
    return values
}
