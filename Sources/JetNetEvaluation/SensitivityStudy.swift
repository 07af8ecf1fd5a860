import Foundation
import JetNetCore
import JetNetIO
import JetNetMetrics
import JetNetPhysics
import JetNetSamples

/// The metric sensitivity study of arXiv:2211.10295 (section 4) on the embedded sample: real
/// gluon jets against an independent half of themselves and against distorted copies of it,
/// showing which metric sees which distortion.
///
/// The embedded `g.hdf5` (2,000 jets) is split in half: A = jets 0..<1000 plays "real", and
/// B = jets 1000..<2000 (the truth comparison), B distorted (``JetDistortion``), or 1,000
/// embedded top jets play "generated". Sample sizes are fitted to 1,000 jets
/// (``EvaluationOptions/fitting(jets:)``). Fewer jets per half can be asked for (quick checks).
public struct SensitivityStudy: Sendable {
    /// One comparison of the study: its name, the generated sample, its results.
    public struct Comparison: Sendable {
        /// What the generated sample is, e.g. `"gluon B, particle pt smeared 25%"`.
        public var name: String
        /// The real jets (`[jets, 30, 4]`, gluon half A).
        public var real: NDArray<Float>
        /// The generated jets (`[jets, 30, 4]`).
        public var gen: NDArray<Float>
        /// The metrics.
        public var result: EvaluationResult
        /// Wall-clock seconds of the evaluation.
        public var seconds: Double
    }

    /// The distortions of gluon half B, in the order the table shows them.
    public static let distortions: [JetDistortion] = [
        .smearPt(width: 0.25), .shiftEta(shift: 0.05), .scaleAngles(factor: 1.15), .dropParticles(fraction: 0.1),
    ]

    /// Jets per half, the default and the largest possible (the embedded g.hdf5 has 2,000).
    public static let jetsPerSample = 1_000

    /// The options of every comparison: all metrics, FPND against the gluon statistics, counts
    /// fitted to ``jetsPerSample`` jets.
    ///
    /// FPND runs only when asked for: it compares with jetnet's JetNet statistics rather than
    /// with half A, and its ParticleNet costs most of the study's time.
    ///
    /// - Parameters:
    ///   - metrics: the metrics (default: all but FPND).
    ///   - seed: the seed of every metric and of the distortions.
    ///   - jets: jets per half (1 to ``jetsPerSample``).
    /// - Returns: the options.
    public static func options(metrics: [MetricKind]? = nil, seed: UInt64 = Metrics.Defaults.seed, jets: Int = jetsPerSample) -> EvaluationOptions {
        let chosen = metrics ?? MetricKind.applicable(particles: 30, jetType: nil)
        return EvaluationOptions(metrics: chosen, seed: seed, jetType: "g").fitting(jets: jets)
    }

    /// The comparisons: truth, each distortion, and top jets.
    public var comparisons: [Comparison]
    /// Jets per half.
    public var jets: Int
    /// The options every comparison used.
    public var options: EvaluationOptions

    /// The samples of the study, without evaluating them: `(name, real, gen)` triples.
    ///
    /// - Parameters:
    ///   - jets: jets per half (1 to ``jetsPerSample``).
    ///   - seed: the seed of the random distortions.
    /// - Returns: the real half A and each "generated" sample.
    /// - Throws: ``EvaluationError/invalidStudySize(_:maximum:)`` for a bad `jets`; `HDF5Error`
    ///   if the embedded sample cannot be read (a broken installation).
    public static func samples(jets: Int = jetsPerSample, seed: UInt64 = Metrics.Defaults.seed) throws -> [(name: String, real: NDArray<Float>, gen: NDArray<Float>)] {
        guard (1...jetsPerSample).contains(jets) else { throw EvaluationError.invalidStudySize(jets, maximum: jetsPerSample) }
        let gluons = try HDF5File(url: EmbeddedSample.url("g.hdf5")).read("particle_features", as: Float.self)
        let tops = try HDF5File(url: EmbeddedSample.url("t.hdf5")).read("particle_features", as: Float.self)
        let n = jets
        let halfA = gluons.rows(0..<n)
        let halfB = gluons.rows(jetsPerSample..<(jetsPerSample + n))
        var result = [(name: "gluon B (truth)", real: halfA, gen: halfB)]
        for distortion in distortions {
            result.append((name: "gluon B, \(distortion)", real: halfA, gen: try distortion.apply(to: halfB, seed: seed)))
        }
        result.append((name: "top jets instead of gluon", real: halfA, gen: tops.rows(0..<n)))
        return result
    }

    /// Runs the study.
    ///
    /// - Parameters:
    ///   - jets: jets per half (1 to ``jetsPerSample``).
    ///   - options: from ``options(metrics:seed:jets:)`` with the same `jets` (the jet type must
    ///     be `g` for FPND).
    ///   - progress: per-step progress of each evaluation, and `.started(name)` per comparison.
    /// - Returns: every comparison with its results.
    /// - Throws: ``EvaluationError`` from a metric or for a bad `jets`, or the embedded sample's
    ///   read error.
    public static func run(
        jets: Int = jetsPerSample, options: EvaluationOptions = SensitivityStudy.options(),
        progress: (@Sendable (EvaluationStep) -> Void)? = nil
    ) throws -> SensitivityStudy {
        var comparisons: [Comparison] = []
        let all = try samples(jets: jets, seed: options.seed)
        for (index, sample) in all.enumerated() {
            // Each step says which comparison it belongs to: "[3/6] fpd".
            let prefix = "[\(index + 1)/\(all.count)] "
            let prefixed = progress.map { prefixing(prefix, $0) }
            prefixed?(.started(sample.name))
            let start = DispatchTime.now().uptimeNanoseconds
            var result = try Metrics.evaluate(real: sample.real, gen: sample.gen, options: options, progress: prefixed)
            result.inputs.real.source = "embedded g.hdf5, jets 0..<\(jets)"
            result.inputs.gen.source = sample.name
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            comparisons.append(Comparison(name: sample.name, real: sample.real, gen: sample.gen, result: result, seconds: seconds))
        }
        return SensitivityStudy(comparisons: comparisons, jets: jets, options: options)
    }

    /// `report` with every step's name prefixed.
    private static func prefixing(_ prefix: String, _ report: @escaping @Sendable (EvaluationStep) -> Void) -> @Sendable (EvaluationStep) -> Void {
        { step in
            switch step {
            case .started(let name): report(.started(prefix + name))
            case .finished(let name, let seconds): report(.finished(prefix + name, seconds: seconds))
            case .progress(let name, let done, let total): report(.progress(prefix + name, done: done, total: total))
            }
        }
    }
}
