import Foundation
import JetNetCore
import JetNetPhysics

extension EvaluationReport {
    /// Histograms of log10 of the five W1EFP EFPs (`n==4, d==4, p==1`) of real and generated
    /// jets; the values span decades, so the logarithm shows their shapes.
    static func efpFigures(real: NDArray<Float>, gen: NDArray<Float>) throws -> [String] {
        let realEFPs = try efps(ParticleMask.split(real).kinematics)
        let genEFPs = try efps(ParticleMask.split(gen).kinematics)
        let count = realEFPs.shape[1]
        func column(_ values: NDArray<Double>, _ k: Int) -> [Double] {
            (0..<values.shape[0]).compactMap { row in
                let value = values.storage[row * count + k]
                return value > 0 ? log10(value) : nil
            }
        }
        return (0..<count).map { k in
            SVGHistogram(title: "EFP \(k + 1) of \(count) (n=4, d=4)", xLabel: "log₁₀ EFP \(k + 1) (ptrel units)")
                .svg(real: column(realEFPs, k), generated: column(genEFPs, k))
        }
    }
}
