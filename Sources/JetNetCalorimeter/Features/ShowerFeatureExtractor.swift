import Dispatch
import Foundation
import JetNetCore

/// Computes ``ShowerFeatures`` for a geometry, block by block, on every core.
///
/// Each value follows the official `HighLevelFeatures.CalculateFeatures` expression by
/// expression, with every sum in NumPy's pairwise order (`NumPySum`), so the features equal the official
/// ones computed in float64 (showers thresholded first, as `evaluate.py` does).
public struct ShowerFeatureExtractor: Sendable {
    /// The geometry the showers are binned in.
    public let geometry: CaloGeometry
    private let plans: [LayerPlan]
    private let alphaLayerCount: Int

    /// What one non-empty layer needs: where its voxels are and their coordinates.
    private struct LayerPlan: Sendable {
        var offset: Int
        var count: Int
        /// Radial centre of each voxel and its square, shape `[voxels in layer]`.
        var r: [Double], r2: [Double]
        /// The layer's column among the angle-binned layers, with eta, phi and their squares.
        var alphaColumn: Int?
        var eta: [Double], eta2: [Double], phi: [Double], phi2: [Double]
    }

    /// Prepares the voxel coordinates of `geometry`.
    public init(geometry: CaloGeometry) {
        self.geometry = geometry
        let offsets = geometry.layerOffsets
        var alphaColumn = 0
        var plans: [LayerPlan] = []
        for layer in geometry.layers where layer.isRelevant {
            let r = Array((0..<layer.alphaBins).map { _ in layer.radialCentres }.joined())
            var plan = LayerPlan(offset: offsets[layer.id], count: layer.voxelCount, r: r, r2: r.map { $0 * $0 },
                                 alphaColumn: nil, eta: [], eta2: [], phi: [], phi2: [])
            if layer.isBinnedInAlpha {
                plan.alphaColumn = alphaColumn
                alphaColumn += 1
                plan.eta = geometry.etaCoordinates(of: layer)
                plan.phi = geometry.phiCoordinates(of: layer)
                plan.eta2 = plan.eta.map { $0 * $0 }
                plan.phi2 = plan.phi.map { $0 * $0 }
            }
            plans.append(plan)
        }
        self.plans = plans
        alphaLayerCount = alphaColumn
    }

    /// Empty features for a sample of `count` showers.
    /// - Parameter incidentEnergies: the sample's incident energies (MeV), shape `[showers]`.
    public func emptyFeatures(incidentEnergies: [Double]) -> ShowerFeatures {
        var features = ShowerFeatures(
            count: incidentEnergies.count, layers: geometry.relevantLayers.map(\.id),
            alphaLayers: geometry.alphaBinnedLayers.map(\.id))
        features.incidentEnergy = incidentEnergies
        return features
    }

    /// The features of showers held in memory.
    /// - Parameters:
    ///   - showers: thresholded voxel energies (MeV), shape `[showers, voxels]` flattened.
    ///   - incidentEnergies: incident energies (MeV), shape `[showers]`.
    /// - Returns: the features.
    public func features(showers: [Double], incidentEnergies: [Double]) -> ShowerFeatures {
        precondition(showers.count == incidentEnergies.count * geometry.voxelCount, "showers must be [showers, voxels]")
        var features = emptyFeatures(incidentEnergies: incidentEnergies)
        fill(&features, start: 0, showers: showers)
        return features
    }

    /// Computes the features of a block of showers into rows `start...` of `features`, in
    /// parallel over showers (each shower's values do not depend on the split).
    /// - Parameters:
    ///   - features: the sample's features (from ``emptyFeatures(incidentEnergies:)``).
    ///   - start: the index of the block's first shower in the sample.
    ///   - showers: thresholded voxel energies, shape `[rows, voxels]` flattened.
    public func fill(_ features: inout ShowerFeatures, start: Int, showers: [Double]) {
        let voxels = geometry.voxelCount
        let rows = showers.count / max(1, voxels)
        precondition(rows * voxels == showers.count && start + rows <= features.count, "block does not fit the sample")
        guard rows > 0 else { return }
        let layerCount = plans.count, alphaCount = alphaLayerCount
        let widest = plans.map(\.count).max() ?? 0
        let workers = min(rows, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
        let plans = self.plans
        features.totalEnergy.withUnsafeMutableBufferPointer { total in
        features.layerEnergy.withUnsafeMutableBufferPointer { layerEnergy in
        features.sparsity.withUnsafeMutableBufferPointer { sparsity in
        features.centreR.withUnsafeMutableBufferPointer { centreR in
        features.widthR.withUnsafeMutableBufferPointer { widthR in
        features.centreEta.withUnsafeMutableBufferPointer { centreEta in
        features.centrePhi.withUnsafeMutableBufferPointer { centrePhi in
        features.widthEta.withUnsafeMutableBufferPointer { widthEta in
        features.widthPhi.withUnsafeMutableBufferPointer { widthPhi in
        showers.withUnsafeBufferPointer { input in
            let out = Outputs(total: total, layerEnergy: layerEnergy, sparsity: sparsity, centreR: centreR, widthR: widthR,
                              centreEta: centreEta, centrePhi: centrePhi, widthEta: widthEta, widthPhi: widthPhi)
            nonisolated(unsafe) let base = input.baseAddress!
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let scratch = UnsafeMutablePointer<Double>.allocate(capacity: max(1, widest))
                defer { scratch.deallocate() }
                for row in (rows * worker / workers)..<(rows * (worker + 1) / workers) {
                    let shower = base + row * voxels
                    let index = start + row
                    out.total[index] = NumPySum.pairwise(UnsafeBufferPointer(start: shower, count: voxels))
                    for (column, plan) in plans.enumerated() {
                        let energy = shower + plan.offset
                        let n = plan.count
                        let sum = NumPySum.pairwise(UnsafeBufferPointer(start: energy, count: n))
                        var hits = 0
                        for voxel in 0..<n where energy[voxel] > 0 { hits += 1 }
                        let cell = index * layerCount + column
                        out.layerEnergy[cell] = sum
                        out.sparsity[cell] = 1.0 - Double(hits) / Double(n)
                        let denominator = sum + 1e-16
                        func weighted(_ coordinate: [Double]) -> Double {
                            coordinate.withUnsafeBufferPointer { c in
                                for voxel in 0..<n { scratch[voxel] = c[voxel] * energy[voxel] }
                            }
                            return NumPySum.pairwise(UnsafeBufferPointer(start: scratch, count: n)) / denominator
                        }
                        func centreAndWidth(_ x: [Double], _ x2: [Double]) -> (Double, Double) {
                            let centre = weighted(x)
                            let second = weighted(x2)
                            return (centre, (second - centre * centre < 0 ? 0 : second - centre * centre).squareRoot())
                        }
                        (out.centreR[cell], out.widthR[cell]) = centreAndWidth(plan.r, plan.r2)
                        if let alpha = plan.alphaColumn {
                            let alphaCell = index * alphaCount + alpha
                            (out.centreEta[alphaCell], out.widthEta[alphaCell]) = centreAndWidth(plan.eta, plan.eta2)
                            (out.centrePhi[alphaCell], out.widthPhi[alphaCell]) = centreAndWidth(plan.phi, plan.phi2)
                        }
                    }
                }
            }
        }
        }}}}}}}}}
    }
}

/// The feature arrays being filled; each worker writes only its own showers' cells.
private struct Outputs: @unchecked Sendable {
    let total, layerEnergy, sparsity, centreR, widthR, centreEta, centrePhi, widthEta, widthPhi: UnsafeMutableBufferPointer<Double>
}
