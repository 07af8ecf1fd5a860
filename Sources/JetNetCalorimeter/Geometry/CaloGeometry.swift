import Foundation

/// The voxel geometry of a CaloChallenge dataset: its layers, and every voxel's layer, angle
/// and radius.
///
/// Built from a binning XML file (``init(xml:particle:)``) or, for the regular datasets 2 and
/// 3, generated (``CaloDataset/geometry``). Voxel order is the files' order: layer by layer,
/// angular bin by angular bin, radial bin fastest.
public struct CaloGeometry: Sendable, Equatable {
    /// The particle named in the binning (`photon`, `pion`, `electron`).
    public var particle: String
    /// All layers in order, empty ones included.
    public var layers: [CaloLayer]

    /// Makes a geometry from its layers.
    /// - Parameters:
    ///   - particle: the particle name.
    ///   - layers: the layers; their ids must be 0, 1, 2, ... in order.
    /// - Throws: ``CaloError/badBinning(source:reason:)`` when the ids are not in order, a
    ///   layer has decreasing radial edges or fewer than one angular bin.
    public init(particle: String, layers: [CaloLayer]) throws {
        for (index, layer) in layers.enumerated() {
            guard layer.id == index else {
                throw CaloError.badBinning(source: particle, reason: "layer \(index) has id \(layer.id); ids must run 0, 1, 2, ... in order")
            }
            guard layer.alphaBins >= 1 else {
                throw CaloError.badBinning(source: particle, reason: "layer \(layer.id) has \(layer.alphaBins) angular bins; at least 1 is needed")
            }
            guard !layer.radialEdges.isEmpty, zip(layer.radialEdges, layer.radialEdges.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw CaloError.badBinning(source: particle, reason: "layer \(layer.id) has radial edges \(layer.radialEdges); they must increase")
            }
        }
        self.particle = particle
        self.layers = layers
    }

    /// The number of voxels per shower.
    public var voxelCount: Int { layers.reduce(0) { $0 + $1.voxelCount } }

    /// The layers that hold voxels, in order (the official `relevantLayers`).
    public var relevantLayers: [CaloLayer] { layers.filter(\.isRelevant) }

    /// The relevant layers binned in angle (the official `layersBinnedInAlpha`).
    public var alphaBinnedLayers: [CaloLayer] { layers.filter { $0.isRelevant && $0.isBinnedInAlpha } }

    /// Where each layer's voxels start in a shower; one more entry than ``layers`` (the total).
    public var layerOffsets: [Int] {
        var offsets = [0]
        for layer in layers { offsets.append(offsets[offsets.count - 1] + layer.voxelCount) }
        return offsets
    }

    /// The layer index of every voxel, shape `[voxels]`.
    public var voxelLayers: [Int] {
        layers.flatMap { layer in Array(repeating: layer.id, count: layer.voxelCount) }
    }

    /// The angular centre (radians) of every voxel, shape `[voxels]`.
    public var voxelAlphas: [Double] {
        layers.flatMap { layer in
            layer.alphaCentres.flatMap { alpha in Array(repeating: alpha, count: layer.radialBins) }
        }
    }

    /// The radial centre (mm) of every voxel, shape `[voxels]`.
    public var voxelRadii: [Double] {
        layers.flatMap { layer in
            Array((0..<layer.alphaBins).map { _ in layer.radialCentres }.joined())
        }
    }

    /// The "eta" coordinate `r cos(alpha)` (mm) of every voxel of `layer`, shape
    /// `[voxels in the layer]`, with the official `XMLHandler`'s radial midpoints.
    public func etaCoordinates(of layer: CaloLayer) -> [Double] {
        polarProduct(layer, cos)
    }

    /// The "phi" coordinate `r sin(alpha)` (mm) of every voxel of `layer`, shape
    /// `[voxels in the layer]`.
    public func phiCoordinates(of layer: CaloLayer) -> [Double] {
        polarProduct(layer, sin)
    }

    private func polarProduct(_ layer: CaloLayer, _ trig: (Double) -> Double) -> [Double] {
        let radii = layer.radialMidpoints
        return layer.alphaCentres.flatMap { alpha in radii.map { $0 * trig(alpha) } }
    }

    /// A regular geometry: `layerCount` identical layers with `radialBins` bins of `binWidth`
    /// (given as an exact decimal, `numerator / denominator` mm, so the edges equal the
    /// binning file's decimal strings) and `alphaBins` angular bins.
    static func regular(
        particle: String, layerCount: Int, radialBins: Int, binWidthNumerator: Int, denominator: Int, alphaBins: Int
    ) -> CaloGeometry {
        let edges = (0...radialBins).map { Double($0 * binWidthNumerator) / Double(denominator) }
        let layers = (0..<layerCount).map { CaloLayer(id: $0, radialEdges: edges, alphaBins: alphaBins) }
        // Regular layers satisfy every check.
        return try! CaloGeometry(particle: particle, layers: layers)
    }
}
