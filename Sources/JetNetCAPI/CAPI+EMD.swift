import CJetNetCAPI
import JetNetCore
import JetNetMetrics

// energyflow.emd: one jet pair (with the flow on request) or all pairs of two sets of jets.

@_cdecl("jn_emd")
public func jnEMD(
    _ jets0: UnsafePointer<jn_array>?, _ jets1: UnsafePointer<jn_array>?, _ pairwise: Int32, _ R: Double, _ beta: Double,
    _ norm: Int32, _ periodicPhi: Int32, _ returnFlow: Int32
) -> OpaquePointer {
    CResult.run {
        let first = try CArray.floating(jets0, name: pairwise != 0 ? "X0" : "ev0")
        let second = try CArray.floating(jets1, name: pairwise != 0 ? "X1" : "ev1")
        func run<T: NDArrayElement & BinaryFloatingPoint>(_ a: NDArray<T>, _ b: NDArray<T>) throws -> [COutput] {
            if pairwise != 0 {
                return [.float64(try Metrics.emds(a, b, R: R, beta: beta, norm: norm != 0, periodicPhi: periodicPhi != 0))]
            }
            if returnFlow != 0 {
                let result = try Metrics.emdWithFlow(a, b, R: R, beta: beta, norm: norm != 0, periodicPhi: periodicPhi != 0)
                return [.float64(NDArray([result.distance])), .float64(result.flow)]
            }
            return [.float64(NDArray([try Metrics.emd(a, b, R: R, beta: beta, norm: norm != 0, periodicPhi: periodicPhi != 0)]))]
        }
        return switch (first, second) {
        case let (.float32(a), .float32(b)): try run(a, b)
        case let (a, b): try run(a.float64, b.float64)
        }
    }
}
