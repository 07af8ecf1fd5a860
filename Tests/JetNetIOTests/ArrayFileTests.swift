import Foundation
import Testing
import JetNetTestSupport
import JetNetCore
import JetNetSamples
@testable import JetNetIO

@Suite struct ArrayFileTests {
    let directory = try! makeTemporaryDirectory("-ArrayFileTests")

    @Test func readsTheSameArrayFromEveryKind() throws {
        let jets = try HDF5File(url: EmbeddedSample.url("g.hdf5")).read("particle_features", as: Float.self)
        let fromHDF5 = try ArrayFile.read(EmbeddedSample.url("g.hdf5"), as: Float.self)
        #expect(fromHDF5 == jets)
        let npy = directory.appendingPathComponent("jets.npy")
        try NPYFile.write(jets, to: npy)
        #expect(try ArrayFile.read(npy, as: Float.self) == jets)
        let npz = directory.appendingPathComponent("jets.npz")
        try NPZFile.write([(name: "particles", array: AnyNDArray(jets)), (name: "jets", array: AnyNDArray(jets.rows(0..<2)))], to: npz)
        #expect(try ArrayFile.read(npz, as: Float.self) == jets)
        #expect(try ArrayFile.read(npz, key: "jets", as: Float.self).shape == [2, 30, 4])
        let jetFeatures = try ArrayFile.read(EmbeddedSample.url("g.hdf5"), key: "jet_features", as: Double.self)
        #expect(jetFeatures.shape == [2000, 4])
    }

    @Test func badInputSaysWhatToDo() throws {
        let other = directory.appendingPathComponent("jets.csv")
        try Data("1,2\n".utf8).write(to: other)
        #expect(throws: ArrayFileError.unknownExtension(path: other.path, supported: ArrayFile.extensions)) {
            try ArrayFile.read(other, as: Float.self) as NDArray<Float>
        }
        let missing = directory.appendingPathComponent("missing.npy")
        #expect(throws: ArrayFileError.fileNotFound(path: missing.path)) {
            try ArrayFile.read(missing, as: Float.self) as NDArray<Float>
        }
        let npz = directory.appendingPathComponent("two.npz")
        let a = AnyNDArray(NDArray<Float>([1, 2]))
        try NPZFile.write([(name: "a", array: a), (name: "b", array: a)], to: npz)
        #expect(throws: ArrayFileError.ambiguousKey(path: npz.path, available: ["a", "b"])) {
            try ArrayFile.read(npz, as: Float.self) as NDArray<Float>
        }
        #expect(throws: ArrayFileError.missingKey(path: npz.path, key: "c", available: ["a", "b"])) {
            try ArrayFile.read(npz, key: "c", as: Float.self) as NDArray<Float>
        }
        let error = ArrayFileError.ambiguousKey(path: "x.npz", available: ["a", "b"])
        #expect(error.localizedDescription.contains("--key"))
    }
}
