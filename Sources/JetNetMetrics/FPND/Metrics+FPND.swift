import CBLAS
import Foundation
import JetNetCore
import JetNetPhysics

extension Metrics {
    /// The Fréchet ParticleNet Distance (arXiv:2106.11535) of generated jets, as jetnet's `fpnd`.
    ///
    /// The jets are normalised as the network was trained (`JetNet.fpnd_norm`, on a copy), the
    /// first 50,000 are run through jetnet's pretrained ParticleNet (``ParticleNet/jetNetPretrained()``),
    /// and the Fréchet distance between the mean and covariance of their `fc1` activations and
    /// jetnet's stored statistics of real jets of `jetType` is returned. Like jetnet, it warns
    /// (on ``jetnetLogger``) when fewer than 50,000 jets are given.
    ///
    /// Differences from jetnet, all far below the 1e-3 agreement the tests check: the activation
    /// mean is accumulated in `Double` (NumPy's is float32), the trace of the matrix square root
    /// comes from symmetric eigen-decompositions (``frechetDistance(mu1:sigma1:mu2:sigma2:method:)``)
    /// rather than `scipy.linalg.sqrtm`, and neighbours are found from exact float32 distances
    /// (see ``ParticleNet``). Measured on jetnet's g, t and smeared-g samples: within 1e-6 relative.
    ///
    /// - Parameters:
    ///   - gen: `[jets, 30, 3]` generated jets in JetNet order `[etarel, phirel, ptrel]`, not
    ///     normalised.
    ///   - jetType: `"g"`, `"q"` or `"t"` (jetnet has no statistics for w and z).
    ///   - useAllJets: evaluate every jet instead of the first 50,000 (jetnet always caps).
    ///   - progress: told how many jets ParticleNet has finished, as they finish (jetnet's
    ///     `use_tqdm`; the caller draws the bar).
    ///   - precision: the network's per-edge arithmetic; ``ParticleNet/Precision/float16``
    ///     (CPUs with AVX512-FP16 only) is faster and moves FPND by less than 1e-3 relative.
    /// - Returns: the FPND.
    /// - Throws: ``MetricError/wrongRank(array:expected:shape:)`` /
    ///   ``MetricError/wrongFeatureCount(array:expected:shape:)`` unless `jets` is
    ///   `[jets, 30, 3]`, ``MetricError/unsupportedJetType(_:supported:)``,
    ///   `InputError` for jets the ``InputPolicy`` refuses (fewer than 2, NaN or infinity,
    ///   negative pt), ``MetricError/invalidArgument(name:value:allowed:)`` for float16 on a CPU
    ///   without AVX512-FP16.
    public static func fpnd(
        gen jets: NDArray<Float>, jetType: String, useAllJets: Bool = false, progress: Progress? = nil,
        precision: ParticleNet.Precision = .float32
    ) throws -> Double {
        guard jets.rank == 3 else { throw MetricError.wrongRank(array: "jets", expected: 3, shape: jets.shape) }
        guard jets.shape[1] == 30 else {
            throw MetricError.invalidArgument(
                name: "particles per jet", value: "\(jets.shape[1])",
                allowed: "30 (jetnet's FPND network and statistics are for 30-particle JetNet jets)")
        }
        guard jets.shape[2] == 3 else {
            throw MetricError.wrongFeatureCount(array: "jets", expected: "3 (etarel, phirel, ptrel)", shape: jets.shape)
        }
        let reference = try FPNDReference.jetNet(jetType: jetType)
        try InputPolicy.checkJets(jets, name: "generated jets", minimumJets: 2)
        if jets.shape[0] < Defaults.fpndJets {
            jetnetLogger.warning("Recommended number of jets for FPND calculation is \(Defaults.fpndJets)")
        }
        let used = useAllJets ? jets : jets.rows(0..<min(jets.shape[0], Defaults.fpndJets))
        return try fpnd(
            normalisedJets: fpndNormalised(used), network: ParticleNet.jetNetPretrained(), reference: reference,
            progress: progress, precision: precision)
    }

    /// The Fréchet distance between a network's activations on jets and reference statistics:
    /// FPND with your own ParticleNet weights (``ParticleNet/init(stateDict:neighbours:)``) and
    /// your own real-jet statistics.
    ///
    /// - Parameters:
    ///   - normalisedJets: `[jets, particles, network.features]`, already normalised as the
    ///     network was trained; every jet is used.
    ///   - network: the network whose `fc1` activations are compared.
    ///   - reference: the real jets' activation mean `[width]` and covariance `[width, width]`.
    ///   - progress: told how many jets the network has finished, as they finish.
    ///   - precision: the network's per-edge arithmetic (``ParticleNet/Precision``).
    /// - Returns: `|mu - mu_ref|^2 + tr(S + S_ref - 2 sqrt(S S_ref))`.
    /// - Throws: ``MetricError`` for wrong shapes, non-finite values, fewer than 2 jets, a
    ///   reference whose width is not the network's activation width, or float16 on a CPU
    ///   without AVX512-FP16.
    public static func fpnd(
        normalisedJets: NDArray<Float>, network: ParticleNet, reference: FPNDReference, progress: Progress? = nil,
        precision: ParticleNet.Precision = .float32
    ) throws(MetricError) -> Double {
        try fpnd(
            normalisedJets: normalisedJets, network: network, reference: reference, progress: progress, threads: nil,
            precision: precision)
    }

    /// ``fpnd(normalisedJets:network:reference:progress:)`` on at most `threads` threads (nil:
    /// all processors); the result does not depend on it.
    static func fpnd(
        normalisedJets: NDArray<Float>, network: ParticleNet, reference: FPNDReference, progress: Progress?, threads: Int?,
        precision: ParticleNet.Precision = .float32, float16Block: Int = ParticleNet.float16Block
    ) throws(MetricError) -> Double {
        guard normalisedJets.rank == 3, normalisedJets.shape[0] >= 2 else {
            if normalisedJets.rank != 3 { throw .wrongRank(array: "jets", expected: 3, shape: normalisedJets.shape) }
            throw .tooFewSamples(array: "jets", rows: normalisedJets.shape[0], needed: 2)
        }
        let counter = progress.map { ProgressCounter(total: normalisedJets.shape[0], report: $0) }
        let activations = try network.run(
            normalisedJets, logits: false, progress: counter?.advance, threads: threads, precision: precision,
            float16Block: float16Block)
        let (mean, covariance) = meanAndCovariance(activations)
        do {
            return try frechetDistance(mu1: reference.mean, sigma1: reference.covariance, mu2: mean, sigma2: covariance)
        } catch let error as MetricError {
            throw error
        } catch {
            throw .invalidArgument(name: "activations", value: "\(error)", allowed: "finite")
        }
    }

    /// jetnet's `JetNet.fpnd_norm` (``FeaturewiseLinearBounded/fpnd``) on a copy of
    /// `[jets, particles, 3]` jets.
    static func fpndNormalised(_ jets: NDArray<Float>) throws(MetricError) -> NDArray<Float> {
        do {
            return try FeaturewiseLinearBounded.fpnd.normalised(jets)
        } catch {
            throw .invalidArgument(name: "jets", value: "shape \(jets.shape)", allowed: "normalisable by JetNet.fpnd_norm (\(error.localizedDescription))")
        }
    }

    /// Column means and the sample covariance (N - 1, as `np.cov(rowvar=False)`) of
    /// `[rows, width]` activations, in `Double`.
    static func meanAndCovariance(_ activations: NDArray<Float>) -> (mean: [Double], covariance: NDArray<Double>) {
        let rows = activations.shape[0]
        let width = activations.shape[1]
        var mean = [Double](repeating: 0, count: width)
        for row in 0..<rows {
            for column in 0..<width { mean[column] += Double(activations.storage[row * width + column]) }
        }
        for column in 0..<width { mean[column] /= Double(rows) }
        var centred = [Double](repeating: 0, count: rows * width)
        for row in 0..<rows {
            for column in 0..<width {
                centred[row * width + column] = Double(activations.storage[row * width + column]) - mean[column]
            }
        }
        var covariance = [Double](repeating: 0, count: width * width)
        SingleThreadedBLAS.run {
            cblas_dgemm(
                CblasRowMajor, CblasTrans, CblasNoTrans, Int32(width), Int32(width), Int32(rows),
                1 / Double(rows - 1), centred, Int32(width), centred, Int32(width), 0, &covariance, Int32(width))
        }
        return (mean, NDArray(shape: [width, width], storage: covariance))
    }
}
