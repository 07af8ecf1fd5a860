import CBLAS
import Foundation
import JetNetCore
import JetNetIO

extension Metrics {
    /// jetnet's recommended (and maximum) number of jets for FPND.
    public static let fpndJetCount = 50_000

    /// The Fréchet ParticleNet Distance (arXiv:2106.11535) of generated jets, as jetnet's `fpnd`.
    ///
    /// The jets are normalised as the network was trained (`JetNet.fpnd_norm`, on a copy), the
    /// first 50,000 are run through jetnet's pretrained ParticleNet (``ParticleNet/jetNetPretrained()``),
    /// and the Fréchet distance between the mean and covariance of their `fc1` activations and
    /// jetnet's stored statistics of real jets of `jetType` is returned. Like jetnet, it warns
    /// (on ``jetnetLogger``) when fewer than 50,000 jets are given. A progress line is written to
    /// stderr for runs of 10,000 jets or more when stderr is a terminal.
    ///
    /// - Parameters:
    ///   - jets: `[jets, 30, 3]` generated jets in JetNet order `[etarel, phirel, ptrel]`, not
    ///     normalised.
    ///   - jetType: `"g"`, `"q"` or `"t"` (jetnet has no statistics for w and z).
    ///   - useAllJets: evaluate every jet instead of the first 50,000 (jetnet always caps).
    ///   - showProgress: allow the stderr progress line (jetnet's `use_tqdm`).
    /// - Returns: the FPND.
    /// - Throws: ``MetricError/wrongRank(array:expected:shape:)`` /
    ///   ``MetricError/wrongFeatureCount(array:expected:shape:)`` unless `jets` is
    ///   `[jets, 30, 3]`, ``MetricError/unsupportedJetType(_:supported:)``,
    ///   ``MetricError/tooFewSamples(array:rows:needed:)`` for fewer than 2 jets,
    ///   ``MetricError/nonFinite(array:index:)``.
    public static func fpnd(
        _ jets: NDArray<Float>, jetType: String, useAllJets: Bool = false, showProgress: Bool = true
    ) throws(MetricError) -> Double {
        guard jets.rank == 3 else { throw .wrongRank(array: "jets", expected: 3, shape: jets.shape) }
        guard jets.shape[1] == 30 else {
            throw .invalidArgument(
                name: "particles per jet", value: "\(jets.shape[1])",
                allowed: "30 (jetnet's FPND network and statistics are for 30-particle JetNet jets)")
        }
        guard jets.shape[2] == 3 else {
            throw .wrongFeatureCount(array: "jets", expected: "3 (etarel, phirel, ptrel)", shape: jets.shape)
        }
        let reference = try FPNDReference.jetNet(jetType: jetType)
        guard jets.shape[0] >= 2 else { throw .tooFewSamples(array: "jets", rows: jets.shape[0], needed: 2) }
        if jets.shape[0] < fpndJetCount {
            jetnetLogger.warning("Recommended number of jets for FPND calculation is \(fpndJetCount)")
        }
        let used = useAllJets ? jets : jets.rows(0..<min(jets.shape[0], fpndJetCount))
        let network = try ParticleNet.jetNetPretrained()
        let progress = FPNDProgress(total: used.shape[0], enabled: showProgress)
        let activations = try network.run(fpndNormalised(used), logits: false, progress: progress?.advance)
        progress?.finish()
        let (mean, covariance) = meanAndCovariance(activations)
        do {
            return try fpndFrechetStandIn(mu1: reference.mean, sigma1: reference.covariance, mu2: mean, sigma2: covariance)
        } catch let error as MetricError {
            throw error
        } catch {
            throw .invalidArgument(name: "activations", value: "\(error)", allowed: "finite")
        }
    }

    /// jetnet's `JetNet.fpnd_norm` on `[jets, particles, 3]`: each feature divided by its maximum
    /// absolute value in the JetNet training data, then shifted (ptrel by -0.5), in float32 as
    /// jetnet's in-place NumPy/PyTorch operations do.
    static func fpndNormalised(_ jets: NDArray<Float>) -> NDArray<Float> {
        let maxima: [Float] = [1.6211985349655151, 0.520724892616272, 0.8934717178344727]
        let shifts: [Float] = [0, 0, -0.5]
        var result = jets
        result.withUnsafeMutableBufferPointer { values in
            for index in values.indices {
                let feature = index % 3
                values[index] = values[index] / maxima[feature] + shifts[feature]
            }
        }
        return result
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
        cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(width), Int32(width), Int32(rows),
            1 / Double(rows - 1), centred, Int32(width), centred, Int32(width), 0, &covariance, Int32(width))
        return (mean, NDArray(shape: [width, width], storage: covariance))
    }
}

/// The stderr progress bar of a long FPND run ("Running ParticleNet [####....] 24% 12000/50000 jets").
final class FPNDProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private var shownPercent = -1
    private let bar = ProgressBar(label: "Running ParticleNet", quiet: false)

    /// A progress bar for `total` jets, or nil when it should not be shown: not asked for,
    /// a short run, or stderr is not a terminal.
    init?(total: Int, enabled: Bool) {
        guard enabled, total >= 10_000, bar.enabled else { return nil }
        self.total = total
    }

    /// Records `count` more finished jets (called from the workers).
    @Sendable func advance(_ count: Int) {
        lock.withLock {
            done += count
            let percent = done * 100 / total
            guard percent != shownPercent else { return }
            shownPercent = percent
            bar.update(done: done, total: total, unit: "jets")
        }
    }

    /// Ends the line.
    func finish() {
        bar.finish()
    }
}
