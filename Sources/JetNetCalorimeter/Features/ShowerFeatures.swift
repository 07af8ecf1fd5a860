import Foundation
import JetNetCore

/// The official CaloChallenge high-level features of a sample of showers (`HighLevelFeatures`
/// in the challenge's code), one value per shower and layer, all in `Double`.
///
/// Per-layer arrays are `[showers, layers]` flattened row-major: ``layerEnergy``,
/// ``sparsity``, ``centreR`` and ``widthR`` over ``layers`` (the non-empty layers);
/// ``centreEta``, ``centrePhi``, ``widthEta`` and ``widthPhi`` over ``alphaLayers`` (the
/// non-empty layers binned in angle). Centres are energy-weighted means, widths
/// `sqrt(max(<x^2> - <x>^2, 0))`, both with `1e-16` added to the layer energy; "eta" and
/// "phi" are `r cos(alpha)` and `r sin(alpha)` in mm.
public struct ShowerFeatures: Sendable, Equatable, Codable {
    /// The number of showers.
    public var count: Int
    /// The ids of the non-empty layers (the columns of the per-layer arrays).
    public var layers: [Int]
    /// The ids of the non-empty layers binned in angle (the columns of the eta/phi arrays).
    public var alphaLayers: [Int]
    /// Incident energy in MeV, shape `[showers]`.
    public var incidentEnergy: [Double]
    /// Total deposited energy in MeV (E_tot), shape `[showers]`.
    public var totalEnergy: [Double]
    /// Energy per layer in MeV, shape `[showers, layers]`.
    public var layerEnergy: [Double]
    /// Fraction of a layer's voxels with no energy, shape `[showers, layers]`.
    public var sparsity: [Double]
    /// Energy-weighted centre in r (mm), shape `[showers, layers]`.
    public var centreR: [Double]
    /// Width in r (mm), shape `[showers, layers]`.
    public var widthR: [Double]
    /// Energy-weighted centre in eta (mm), shape `[showers, alphaLayers]`.
    public var centreEta: [Double]
    /// Energy-weighted centre in phi (mm), shape `[showers, alphaLayers]`.
    public var centrePhi: [Double]
    /// Width in eta (mm), shape `[showers, alphaLayers]`.
    public var widthEta: [Double]
    /// Width in phi (mm), shape `[showers, alphaLayers]`.
    public var widthPhi: [Double]

    /// Empty features for `count` showers of a geometry, filled by ``ShowerFeatureExtractor``.
    init(count: Int, layers: [Int], alphaLayers: [Int]) {
        self.count = count
        self.layers = layers
        self.alphaLayers = alphaLayers
        incidentEnergy = Array(repeating: 0, count: count)
        totalEnergy = Array(repeating: 0, count: count)
        let perLayer = Array(repeating: 0.0, count: count * layers.count)
        let perAlpha = Array(repeating: 0.0, count: count * alphaLayers.count)
        layerEnergy = perLayer
        sparsity = perLayer
        centreR = perLayer
        widthR = perLayer
        centreEta = perAlpha
        centrePhi = perAlpha
        widthEta = perAlpha
        widthPhi = perAlpha
    }

    /// One column of a per-layer array: the values of layer `layer` for every shower.
    /// - Parameters:
    ///   - values: a per-layer array of these features, shape `[showers, columns]`.
    ///   - column: the column index (position of the layer in ``layers`` or ``alphaLayers``).
    ///   - columns: the number of columns.
    /// - Returns: shape `[showers]`.
    public func column(_ values: [Double], _ column: Int, of columns: Int) -> [Double] {
        (0..<count).map { values[$0 * columns + column] }
    }

    /// The vector the official evaluation gives FPD, KPD and its high-level classifier
    /// (`prepare_high_data_for_classifier` without the label): `log10 E_inc`,
    /// `log10(E_layer + 1e-8)`, eta centres / 100, phi centres / 100, eta widths / 100, phi
    /// widths / 100, `log10(E_tot + 1e-8)`, sparsities, r centres / 100, r widths / 100.
    ///
    /// - Returns: shape `[showers, 1 + 4 layers + 4 alphaLayers + 1]` (30 for dataset 1
    ///   photons, 46 for pions, 362 for datasets 2 and 3).
    public func classifierVector() -> NDArray<Double> {
        let l = layers.count, a = alphaLayers.count
        let width = 2 + 4 * l + 4 * a
        var storage = [Double](repeating: 0, count: count * width)
        for shower in 0..<count {
            var column = shower * width
            func put(_ value: Double) { storage[column] = value; column += 1 }
            put(log10(incidentEnergy[shower]))
            for j in 0..<l { put(log10(layerEnergy[shower * l + j] + 1e-8)) }
            for j in 0..<a { put(centreEta[shower * a + j] / 1e2) }
            for j in 0..<a { put(centrePhi[shower * a + j] / 1e2) }
            for j in 0..<a { put(widthEta[shower * a + j] / 1e2) }
            for j in 0..<a { put(widthPhi[shower * a + j] / 1e2) }
            put(log10(totalEnergy[shower] + 1e-8))
            for j in 0..<l { put(sparsity[shower * l + j]) }
            for j in 0..<l { put(centreR[shower * l + j] / 1e2) }
            for j in 0..<l { put(widthR[shower * l + j] / 1e2) }
        }
        return NDArray(shape: [count, width], storage: storage)
    }
}
