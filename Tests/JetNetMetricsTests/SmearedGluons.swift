import Foundation
import JetNetCore
import JetNetDatasets
import JetNetIO
import JetNetSamples
import Testing

/// jetnet's "gen" sample of golden/metrics.json, fpnd.json and emd.json, rebuilt exactly as
/// reference/make/golden_jetnet.py made it instead of committing its 720 KB
/// `metrics_gen_g_smeared.npy`: the embedded g jets in `JetNet.getData` order,
/// `[etarel, phirel, ptrel]`, with `ptrel *= float32(default_rng(5).normal(1.0, 0.1))` and
/// `etarel += 0.01` in float32. `SmearedGluonsTests` proves it is that file's array bit for bit.
enum SmearedGluons {
    /// The smeared jets, `[2000, 30, 3]` float32.
    static let jets: NDArray<Float> = {
        let location = DatasetLocation(directory: EmbeddedSample.jetNetDirectory)
        var jets = try! JetNetDataset.load(
            jetTypes: [.gluon], location: location, particleFeatures: [.etaRel, .phiRel, .ptRel], jetFeatures: []
        ).particles
        var rng = NumPyGenerator(seed: 5)
        // NumPy's normal(loc, scale) is loc + scale * standard_normal, in double, then astype(float32).
        let factors = rng.standardNormal(count: jets.shape[0] * jets.shape[1]).map { Float(1.0 + 0.1 * $0) }
        jets.withUnsafeMutableBufferPointer { values in
            for (particle, factor) in factors.enumerated() {
                values[3 * particle + 2] *= factor
                values[3 * particle] += Float(0.01)
            }
        }
        return jets
    }()
}

@Suite struct SmearedGluonsTests {
    /// MD5 of the float32 little-endian data of shared/reference/golden/metrics_gen_g_smeared.npy
    /// (`hashlib.md5(np.load(path).tobytes())`; the file's own MD5 is 7e9a6a89cb7fb21c898c338560f6e5e2).
    static let referenceDataMD5 = "777c202d3cd9d8d009a42540b04d09d5"

    @Test func rebuildsTheReferenceArrayBitForBit() {
        let jets = SmearedGluons.jets
        #expect(jets.shape == [2000, 30, 3])
        var md5 = MD5()
        jets.withUnsafeBufferPointer { md5.update(buffer: UnsafeRawBufferPointer($0)) }  // little-endian hosts
        #expect(md5.finalize() == Self.referenceDataMD5)
    }
}
