import JetNetCore

extension EvaluationReport {
    /// Histograms of the five W1EFP EFPs; empty until the EFPs are part of this build.
    static func efpFigures(real: NDArray<Float>, gen: NDArray<Float>) throws -> [String] { [] }
}
