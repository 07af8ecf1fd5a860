import Foundation
import Testing
@testable import JetNetCalorimeter

@Suite("Calorimeter geometry")
struct GeometryTests {
    @Test("voxel counts and non-empty layers of every dataset", arguments: [
        (CaloDataset.photons1, 368, [0, 1, 2, 3, 12], [1, 2]),
        (CaloDataset.pions1, 533, [0, 1, 2, 3, 12, 13, 14], [1, 2, 12, 13]),
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

extension GeometryTests {
    @Test("voxel order: angular bin outer, radial bin inner; centres as XMLHandler")
    func voxelCoordinates() throws {
        let geometry = try CaloDataset.electrons2.geometry()
        let alphas = geometry.voxelAlphas, radii = geometry.voxelRadii
        // Voxel 10 of layer 0: angular bin 1, radial bin 1 (9 radial bins per angular bin).
        #expect(abs(radii[10] - 6.975) < 1e-12)
        #expect(abs(alphas[10] - (-Double.pi + 1.5 * 2 * Double.pi / 16)) < 1e-12)
        #expect(geometry.voxelLayers[6479] == 44)
        #expect(geometry.voxelLayers[144] == 1)
        #expect(geometry.layers[0].radialEdges[3] == 13.95)
        let ds3 = try CaloDataset.electrons3.geometry()
        #expect(ds3.layers[7].radialEdges[18] == 41.85)
        #expect(ds3.layers[7].radialEdges[7] == 16.275)
    }

    @Test("binning XML: parsed, and bad files rejected with a reason")
    func xml() throws {
        let good = Data(#"<Bins><Bin pid="22" name="photon"><Layer id="0" r_edges="0,5,10" n_bin_alpha="4"/><Layer id="1" r_edges="0" n_bin_alpha="1"/></Bin><Bin name="pion"><Layer id="0" r_edges="0,1" n_bin_alpha="1"/></Bin></Bins>"#.utf8)
        let geometry = try CaloGeometry(xml: good, particle: "photon")
        #expect(geometry.voxelCount == 8)
        #expect(geometry.relevantLayers.map(\.id) == [0])
        #expect(throws: CaloError.self) { try CaloGeometry(xml: good, particle: "electron") }
        let unordered = Data(#"<Bins><Bin name="photon"><Layer id="1" r_edges="0,5" n_bin_alpha="1"/></Bin></Bins>"#.utf8)
        #expect(throws: CaloError.self) { try CaloGeometry(xml: unordered, particle: "photon") }
        let badEdges = Data(#"<Bins><Bin name="photon"><Layer id="0" r_edges="0,x" n_bin_alpha="1"/></Bin></Bins>"#.utf8)
        #expect(throws: CaloError.self) { try CaloGeometry(xml: badEdges, particle: "photon") }
        #expect(throws: CaloError.self) { try CaloGeometry(xml: Data("<Bins><Bin".utf8), particle: "photon") }
    }
}
