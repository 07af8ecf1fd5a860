import Foundation
import JetNetCore

/// The EMD between two jets with its optimal transport plan.
public struct EMDResult: Sendable, Equatable {
    /// The Energy Mover's Distance.
    public var distance: Double
    /// The optimal flow of pt, shape `[particles0 (+1), particles1 (+1)]`: entry `(i, j)` is the
    /// pt moved from particle `i` of the first jet to particle `j` of the second. When the total
    /// pts differ, the jet with less pt gets an extra particle (last row or last column) holding
    /// the difference, as in energyflow. Zero-pt particles have zero rows/columns.
    public var flow: NDArray<Double>

    /// Makes a result.
    public init(distance: Double, flow: NDArray<Double>) {
        self.distance = distance
        self.flow = flow
    }
}

extension Metrics {
    /// The Energy Mover's Distance between two jets, as energyflow 1.4.0's `emd.emd`.
    ///
    /// The EMD is the least work to move one jet's pt onto the other's,
    /// `min sum_ij f_ij (theta_ij / R)^beta + |sum_i pt_i - sum_j pt'_j|`, with `theta_ij` the
    /// Euclidean distance in `(y, phi)`. It is solved exactly by a network simplex (a port of the
    /// solver energyflow uses, thaler-lab/Wasserstein), so values match energyflow to rounding.
    ///
    /// For jets without zero-pt particles the result is energyflow's bit for bit (same pivots,
    /// and the same rounding as its `-ffast-math` build). Differences from energyflow: zero-pt
    /// particles (padding) are dropped before solving, which leaves the optimum unchanged but
    /// can move the last bit or two; two empty jets have EMD 0 instead of an error, and with
    /// `norm` an empty jet throws instead of giving NaN; negative pt throws instead of giving a
    /// meaningless number.
    ///
    /// - Parameters:
    ///   - jet0: one jet, shape `[particles0, 3]`, features `[pt, y, phi]` (energyflow order;
    ///     JetNet's `[ptrel, etarel, phirel]`). Zero-pt rows are padding.
    ///   - jet1: the other jet, shape `[particles1, 3]`, same features.
    ///   - R: the angular scale; the cost of moving pt by `theta` is `(theta / R)^beta`. Must be
    ///     positive; EMD is a metric when `R` is at least half the largest distance. Default 1.
    ///   - beta: the angular exponent, non-negative. Default 1.
    ///   - norm: divide each jet's pt by its total first (then no pt difference term).
    ///     Default false.
    ///   - periodicPhi: treat `phi` as periodic with period 2 pi (for whole events).
    ///     Default false, as energyflow's.
    /// - Returns: the distance.
    /// - Throws: ``MetricError`` for a wrong shape, NaN/infinity, negative pt or a bad `R`/`beta`;
    ///   ``EMDError`` when `norm` is set and one jet is empty, or if the solver fails.
    public static func emd<T: NDArrayElement & BinaryFloatingPoint>(
        _ jet0: NDArray<T>, _ jet1: NDArray<T>,
        R: Double = 1, beta: Double = 1, norm: Bool = false, periodicPhi: Bool = false
    ) throws -> Double {
        try emdWithFlow(jet0, jet1, R: R, beta: beta, norm: norm, periodicPhi: periodicPhi).distance
    }

    /// The Energy Mover's Distance between two jets and the optimal flow (energyflow's
    /// `emd.emd(..., return_flow=True)`).
    ///
    /// See ``emd(_:_:R:beta:norm:periodicPhi:)`` for the definition. Where several transport
    /// plans are optimal, the one returned is the one energyflow returns (same pivots).
    ///
    /// - Parameters:
    ///   - jet0: one jet, shape `[particles0, 3]`, features `[pt, y, phi]`.
    ///   - jet1: the other jet, shape `[particles1, 3]`, same features.
    ///   - R: the angular scale, positive. Default 1.
    ///   - beta: the angular exponent, non-negative. Default 1.
    ///   - norm: normalise each jet's pt to sum 1 first. Default false.
    ///   - periodicPhi: treat `phi` as periodic. Default false.
    /// - Returns: the distance and the flow, shape `[particles0 (+1), particles1 (+1)]`.
    /// - Throws: ``MetricError`` for bad arrays or parameters; ``EMDError`` as ``emd(_:_:R:beta:norm:periodicPhi:)``.
    public static func emdWithFlow<T: NDArrayElement & BinaryFloatingPoint>(
        _ jet0: NDArray<T>, _ jet1: NDArray<T>,
        R: Double = 1, beta: Double = 1, norm: Bool = false, periodicPhi: Bool = false
    ) throws -> EMDResult {
        try checkEMDParameters(R: R, beta: beta)
        let jets0 = try EMDJets(asJetSet(jet0, name: "jet0"), name: "jet0", normalise: norm)
        let jets1 = try EMDJets(asJetSet(jet1, name: "jet1"), name: "jet1", normalise: norm)
        let calculator = EMDCalculator(ground: EMDGroundDistance(R: R, beta: beta, periodicPhi: periodicPhi), norm: norm)
        let distance = try calculator.distance(jets0, 0, jets1, 0)
        let (shape, values) = calculator.flow(jets0, 0, jets1, 0)
        return EMDResult(distance: distance, flow: NDArray(shape: shape, storage: values))
    }

    /// The Energy Mover's Distances between every jet of one set and every jet of another
    /// (energyflow 1.4.0's `emd.emds(jets0, jets1)`), in parallel over all cores.
    ///
    /// Each pair is solved independently, so the result does not depend on the number of
    /// threads. See ``emd(_:_:R:beta:norm:periodicPhi:)`` for the definition and the
    /// differences from energyflow.
    ///
    /// - Parameters:
    ///   - jets0: shape `[jets0, particles0, 3]`, features `[pt, y, phi]` (energyflow order).
    ///   - jets1: shape `[jets1, particles1, 3]`, same features.
    ///   - R: the angular scale, positive. Default 1.
    ///   - beta: the angular exponent, non-negative. Default 1.
    ///   - norm: normalise each jet's pt to sum 1 first. Default false.
    ///   - periodicPhi: treat `phi` as periodic. Default false.
    /// - Returns: shape `[jets0, jets1]`; entry `(i, j)` is the EMD between `jets0[i]` and `jets1[j]`.
    /// - Throws: ``MetricError`` for bad arrays or parameters; ``EMDError`` for the first failing
    ///   pair in row-major order.
    /// - Complexity: one network simplex per pair, roughly quadratic to cubic in the particles.
    public static func emds<T: NDArrayElement & BinaryFloatingPoint>(
        _ jets0: NDArray<T>, _ jets1: NDArray<T>,
        R: Double = 1, beta: Double = 1, norm: Bool = false, periodicPhi: Bool = false
    ) throws -> NDArray<Double> {
        try emds(jets0, jets1, R: R, beta: beta, norm: norm, periodicPhi: periodicPhi, threads: nil)
    }

    /// ``emds(_:_:R:beta:norm:periodicPhi:)`` on at most `threads` threads (nil: all
    /// processors); the result does not depend on it.
    static func emds<T: NDArrayElement & BinaryFloatingPoint>(
        _ jets0: NDArray<T>, _ jets1: NDArray<T>, R: Double, beta: Double, norm: Bool, periodicPhi: Bool, threads: Int?
    ) throws -> NDArray<Double> {
        try checkEMDParameters(R: R, beta: beta)
        let prepared0 = try EMDJets(jets0, name: "jets0", normalise: norm)
        let prepared1 = try EMDJets(jets1, name: "jets1", normalise: norm)
        let ground = EMDGroundDistance(R: R, beta: beta, periodicPhi: periodicPhi)
        return try pairwiseEMDs(prepared0, prepared1, ground: ground, norm: norm, threads: threads)
    }

    /// All-pairs EMDs of prepared jets, parallel over chunks of pairs.
    ///
    /// - Parameters:
    ///   - rows0: which jets of `jets0` to use, in order (all when nil).
    ///   - rows1: which jets of `jets1` to use, in order (all when nil).
    ///   - threads: worker threads (nil: all processors).
    /// - Returns: shape `[rows0.count, rows1.count]`.
    static func pairwiseEMDs(_ jets0: EMDJets, _ jets1: EMDJets, rows0: [Int]? = nil, rows1: [Int]? = nil,
                             ground: EMDGroundDistance, norm: Bool, threads: Int? = nil) throws -> NDArray<Double> {
        let rows0 = rows0 ?? Array(0..<jets0.count)
        let rows1 = rows1 ?? Array(0..<jets1.count)
        let columns = rows1.count
        let pairs = rows0.count * columns
        var distances = [Double](repeating: 0, count: pairs)
        guard pairs > 0 else { return NDArray(shape: [rows0.count, columns], storage: distances) }
        // Many more chunks than cores balances uneven particle counts; any chunking gives the
        // same numbers because every pair is solved from scratch.
        let chunks = min(pairs, 32 * max(1, ProcessInfo.processInfo.activeProcessorCount))
        var failures = [EMDError?](repeating: nil, count: chunks)
        distances.withUnsafeMutableBufferPointer { outputBuffer in
            failures.withUnsafeMutableBufferPointer { failureBuffer in
                // Each pair and each chunk's failure slot is written by exactly one worker.
                nonisolated(unsafe) let output = outputBuffer
                nonisolated(unsafe) let failure = failureBuffer
                ParallelTasks.run(chunks, threads: threads) { chunk in
                    let calculator = EMDCalculator(ground: ground, norm: norm)
                    let start = pairs * chunk / chunks
                    let end = pairs * (chunk + 1) / chunks
                    for pair in start..<end {
                        do throws(EMDError) {
                            output[pair] = try calculator.distance(jets0, rows0[pair / columns], jets1, rows1[pair % columns])
                        } catch {
                            failure[chunk] = error
                            return
                        }
                    }
                }
            }
        }
        if let first = failures.lazy.compactMap({ $0 }).first { throw first }
        return NDArray(shape: [rows0.count, columns], storage: distances)
    }

    /// Wasserstein's parameter checks, as thrown errors.
    private static func checkEMDParameters(R: Double, beta: Double) throws {
        guard R > 0 && R.isFinite else {
            throw MetricError.invalidArgument(name: "R", value: "\(R)", allowed: "positive and finite")
        }
        guard beta >= 0 && beta.isFinite else {
            throw MetricError.invalidArgument(name: "beta", value: "\(beta)", allowed: "non-negative and finite")
        }
    }

    /// A single jet `[particles, 3]` as a set of one jet `[1, particles, 3]`.
    private static func asJetSet<T: NDArrayElement>(_ jet: NDArray<T>, name: String) throws -> NDArray<T> {
        guard jet.rank == 2 else {
            throw MetricError.wrongRank(array: name, expected: 2, shape: jet.shape)
        }
        guard jet.shape[1] == 3 else {
            throw MetricError.wrongFeatureCount(array: name, expected: "3 (pt, y, phi)", shape: jet.shape)
        }
        return jet.reshaped([1] + jet.shape)
    }
}
