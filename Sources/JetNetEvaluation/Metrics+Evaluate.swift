import Foundation
import JetNetCore
import JetNetMetrics

extension Metrics {
    /// Runs the chosen metrics on real and generated jets, with one seed for all of them
    /// (jetnet's evaluation functions called in sequence, with its defaults unless `options`
    /// changes them).
    ///
    /// The inputs' fourth feature, if present, is the particle mask: masked particles are zeroed
    /// and W1P leaves them out. The EFPs are computed once per sample and shared: the 36 `d<=4`
    /// EFPs by FPD and KPD, and W1EFP's five `n==4, d==4, p==1` EFPs are columns of them when
    /// FPD or KPD run too (computed alone otherwise; the two agree to rounding).
    ///
    /// - Parameters:
    ///   - real: real jets, shape `[jets, particles, 3 or 4]`, features `[etarel, phirel, ptrel, (mask)]`.
    ///   - gen: generated jets, shape `[jets', particles, 3 or 4]`, same particles and features.
    ///   - options: metrics, seed and per-metric sample counts (jetnet's defaults).
    ///   - progress: called when each step (EFPs, each metric) starts and ends.
    /// - Returns: the results, with ``EvaluationResult/inputs`` recording shapes and options.
    /// - Throws: ``EvaluationError``: bad shapes, FPND without a jet type or with a jet type that
    ///   has no statistics, or a metric's own error (wrapped in
    ///   ``EvaluationError/metricFailed(_:reason:)``).
    public static func evaluate(
        real: NDArray<Float>, gen: NDArray<Float>, options: EvaluationOptions = EvaluationOptions(),
        progress: (@Sendable (EvaluationStep) -> Void)? = nil
    ) throws(EvaluationError) -> EvaluationResult {
        let inputs = try EvaluationInputs(real: real, gen: gen)
        for (name, jets) in [("real jets", real), ("generated jets", gen)] {
            do { try InputPolicy.checkJets(jets, name: name, minimumJets: 2, hasMask: jets.shape[2] == 4) } catch { throw .invalidInput(error) }
        }
        if options.metrics.contains(.fpnd) { try checkFPND(jetType: options.jetType, particles: real.shape[1]) }
        var result = EvaluationResult(inputs: .init(
            real: .init(source: "real", shape: real.shape), gen: .init(source: "gen", shape: gen.shape), options: options))
        let run = EvaluationRun(inputs: inputs, options: options, progress: progress)
        for kind in options.metrics {
            do {
                try run.timed(kind.rawValue) { try run.compute(kind, into: &result) }
            } catch let error as EvaluationError {
                throw error
            } catch {
                throw .metricFailed(kind, reason: (error as? LocalizedError)?.errorDescription ?? "\(error)")
            }
        }
        return result
    }

    /// FPND's preconditions, checked before any metric runs so a bad jet type fails at once.
    static func checkFPND(jetType: String?, particles: Int) throws(EvaluationError) {
        guard let jetType else { throw .fpndNeedsJetType }
        guard FPNDReference.jetTypes.contains(jetType) else {
            throw .noFPNDStatistics(jetType: jetType, supported: FPNDReference.jetTypes)
        }
        guard particles == 30 else { throw .fpndNeedsThirtyParticles(particles: particles) }
    }
}

/// One evaluation in progress: the inputs, the options and the features shared by metrics.
final class EvaluationRun: @unchecked Sendable {
    let inputs: EvaluationInputs
    let options: EvaluationOptions
    let progress: (@Sendable (EvaluationStep) -> Void)?
    /// Shared per-sample features (EFPs), computed on first use; only touched by the thread
    /// running the evaluation.
    var cache: [String: (real: NDArray<Double>, gen: NDArray<Double>)] = [:]

    init(inputs: EvaluationInputs, options: EvaluationOptions, progress: (@Sendable (EvaluationStep) -> Void)?) {
        self.inputs = inputs
        self.options = options
        self.progress = progress
    }

    /// Runs `body`, reporting its start and duration.
    func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        progress?(.started(name))
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        progress?(.finished(name, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        return value
    }

    /// Features of both samples under `name`, computed once by `make` (per sample).
    func shared(_ name: String, _ make: (NDArray<Float>) throws -> NDArray<Double>) rethrows -> (real: NDArray<Double>, gen: NDArray<Double>) {
        if let cached = cache[name] { return cached }
        let value = try timed("\(name) (\(inputs.real.shape[0]) + \(inputs.gen.shape[0]) jets)") {
            (real: try make(inputs.real), gen: try make(inputs.gen))
        }
        cache[name] = value
        return value
    }

    /// Computes one metric and stores it in `result`.
    func compute(_ kind: MetricKind, into result: inout EvaluationResult) throws {
        switch kind {
        case .w1m: result.w1m = try w1m()
        case .w1p: result.w1p = try w1p()
        case .w1efp: result.w1efp = try w1efp()
        case .fpd: result.fpd = try fpd()
        case .kpd: result.kpd = try kpd()
        case .covMMD: result.covMMD = try covMMD()
        case .fpnd: result.fpnd = try fpnd()
        }
    }
}
