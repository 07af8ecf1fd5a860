import Foundation
import Testing
@testable import JetNetCalorimeter

@Suite("Calorimeter geometry")
struct GeometryTests {
    @Test("voxel counts and non-empty layers of every dataset", arguments: [
        (CaloDataset.photons1, 368, [0, 1, 2, 3, 12], [1, 2]),
        (CaloDataset.pions1, 533, [0, 1, 2, 3, 12, 13, 14], [1, 2, 12, 13, 14]),
        (CaloDataset.electrons2, 6480, Array(0..<45), Array(0..<45)),
        (CaloDataset.electrons3, 40500, Array(0..<45), Array(0..<45)),
    ])
    func layout(dataset: CaloDataset, voxels: Int, relevant: [Int], alpha: [Int]) throws {
        let geometry = try dataset.geometry()
        #expect(geometry.voxelCount == voxels)
        #expect(geometry.relevantLayers.map(\.id) == relevant)
        #expect(geometry.alphaBinnedLayers.map(\.id) == alpha)
        #expect(geometry.voxelLayers.count == voxels)
        #expect(geometry.voxelAlphas.count == voxels)
        #expect(geometry.voxelRadii.count == voxels)
        #expect(geometry.layerOffsets.last == voxels)
    }
}
