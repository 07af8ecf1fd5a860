import JetNetCore

extension Metrics {
    /// FPND as ``fpnd(gen:jetType:useAllJets:progress:precision:)`` in float16 with float16
    /// partial sums over `float16Block` terms instead of the shipped 64: for the precision study
    /// behind ``ParticleNet/Precision/float16`` (bench's `fpnd-fp16-study`), not for users.
    ///
    /// - Parameters:
    ///   - gen: `[jets, 30, 3]` jets, not normalised; every jet is used.
    ///   - jetType: `"g"`, `"q"` or `"t"`.
    ///   - float16Block: input terms per float16 partial sum (at least 1).
    @_spi(PrecisionStudy)
    public static func fpnd(gen: NDArray<Float>, jetType: String, float16Block: Int) throws -> Double {
        guard float16Block >= 1 else {
            throw MetricError.invalidArgument(name: "float16Block", value: "\(float16Block)", allowed: "at least 1")
        }
        return try fpnd(
            normalisedJets: fpndNormalised(gen), network: ParticleNet.jetNetPretrained(),
            reference: FPNDReference.jetNet(jetType: jetType), progress: nil, threads: nil, precision: .float16,
            float16Block: float16Block)
    }
}
