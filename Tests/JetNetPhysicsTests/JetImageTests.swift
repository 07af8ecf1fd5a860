import Foundation
import JetNetCore
import Testing
import JetNetTestSupport
@testable import JetNetPhysics

@Suite("Jet images")
struct JetImageTests {
    @Test("Images of 20 g jets equal jetnet's exactly", arguments: 0..<3)
    func batchGolden(caseIndex: Int) throws {
        let entry = (try Fixture.json()["to_image"])[caseIndex]
        let args = entry["args"]
        let size = args["im_size"].int, maxR = args["maxR"].double
        let jets = try Fixture.gluonJets().rows(0..<20).selectingLast([0, 1, 2])
        let images = try JetImage.images(jets, size: size, maxR: maxR)
        #expect(images.shape == [20, size, size])
        #expect(mismatches(Array(images.storage[0..<(size * size)]), entry["image0"].doubles) == 0)
        #expect(mismatches(Array(images.storage.prefix(12)), entry["first"].doubles) == 0)
        #expect(mismatches(Array(images.storage.suffix(12)), entry["last"].doubles) == 0)
        // NumPy sums the whole array pairwise; our order differs only in the last bits.
        #expect(agrees(images.storage.reduce(0, +), entry["sum"].double, relative: 1e-12))
    }

    @Test("A single masked jet equals jetnet's image exactly")
    func singleMasked() throws {
        let golden = try Fixture.json()["to_image_single_masked"]
        let jet = try Fixture.gluonJets().rows(3..<4).reshaped([30, 4])
        let image = try JetImage.image(jet.selectingLast([0, 1, 2]), size: 25, mask: jet.selectingLast([3]).reshaped([30]), maxR: 0.4)
        #expect(image.shape == [25, 25])
        #expect(mismatches(image.storage, golden["image"].doubles) == 0)
    }

    @Test("histogram2d edges: last bin closed, outside dropped, eta on the first axis")
    func binning() throws {
        // Particles (eta, phi, pt): on the upper edge, on the lower edge, outside, NaN.
        let jet = NDArray<Double>(shape: [4, 3], storage: [1, -1, 2, -1, 1, 3, 1.0001, 0, 5, .nan, 0, 7])
        let image = try JetImage.image(jet, size: 2, maxR: 1)
        #expect(image.storage == [0, 3, 2, 0])
    }

    @Test("Masked-out and empty jets give empty images")
    func empty() throws {
        let images = try JetImage.images(NDArray<Float>(zeros: [2, 0, 3]), size: 5)
        #expect(images.shape == [2, 5, 5] && images.storage.allSatisfy { $0 == 0 })
    }

    @Test("Bad input throws")
    func badInput() {
        #expect(throws: PhysicsError.self) { try JetImage.images(NDArray<Float>(zeros: [2, 30, 2]), size: 5) }
        #expect(throws: PhysicsError.self) { try JetImage.images(NDArray<Float>(zeros: [30, 3]), size: 5) }
        #expect(throws: PhysicsError.self) { try JetImage.image(NDArray<Float>(zeros: [2, 30, 3]), size: 5) }
        #expect(throws: PhysicsError.self) { try JetImage.images(NDArray<Float>(zeros: [2, 30, 3]), size: 0) }
        #expect(throws: PhysicsError.self) { try JetImage.images(NDArray<Float>(zeros: [2, 30, 3]), size: 5, maxR: 0) }
        #expect(throws: PhysicsError.self) {
            try JetImage.images(NDArray<Float>(zeros: [2, 30, 3]), size: 5, mask: NDArray<Float>(zeros: [2, 29]))
        }
    }
}
