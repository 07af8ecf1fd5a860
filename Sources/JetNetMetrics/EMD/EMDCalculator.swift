import CMetricKernels
import Foundation

/// The ground distance of energyflow's EMD: `(theta_ij / R)^beta`, `theta` the Euclidean
/// distance in `(y, phi)`, optionally with `phi` periodic.
struct EMDGroundDistance: Sendable {
    let R: Double
    let beta: Double
    let periodicPhi: Bool
    private let rSquared: Double
    private let halfBeta: Double

    init(R: Double, beta: Double, periodicPhi: Bool) {
        self.R = R
        self.beta = beta
        self.periodicPhi = periodicPhi
        rSquared = R * R
        halfBeta = beta / 2
    }

    /// Cost between particles at `(y0, phi0)` and `(y1, phi1)`, with Wasserstein's exact
    /// arithmetic (`sqrt(d2) / R` for beta 1, `d2 / R^2` for beta 2, a power otherwise).
    @inline(__always)
    func cost(_ y0: Double, _ phi0: Double, _ y1: Double, _ phi1: Double) -> Double {
        let dy = y0 - y1
        var dphi = phi0 - phi1
        if periodicPhi {
            // Wasserstein's PI and TWOPI constants are the double nearest pi and 2 pi.
            dphi = Double.pi - abs(abs(dphi).truncatingRemainder(dividingBy: 2 * Double.pi) - Double.pi)
        }
        let squared = dy * dy + dphi * dphi
        if beta == 1 { return squared.squareRoot() / R }
        if beta == 2 { return squared / rSquared }
        return Foundation.pow(squared / rSquared, halfBeta)
    }
}

/// Which jet, if any, received the extra particle carrying the difference in total pt.
enum EMDExtraParticle: Sendable {
    case neither, first, second
}

/// energyflow's `EMD` object: builds the transportation problem for a pair of jets exactly as
/// Wasserstein's `EMD::compute` does and solves it. One instance per thread.
final class EMDCalculator {
    let ground: EMDGroundDistance
    let norm: Bool
    private let simplex = NetworkSimplex()

    /// Where the extra particle went in the last computation.
    private(set) var extra = EMDExtraParticle.neither
    /// Factor that turns the solver's flows back into pt (the larger total; 1 with `norm`).
    private(set) var scale = 1.0

    init(ground: EMDGroundDistance, norm: Bool) {
        self.ground = ground
        self.norm = norm
    }

    /// The EMD between jet `i` of `jets0` and jet `j` of `jets1`.
    ///
    /// - Throws: ``EMDError`` when `norm` is set and exactly one jet is empty, or when the
    ///   solver fails.
    func distance(_ jets0: EMDJets, _ i: Int, _ jets1: EMDJets, _ j: Int) throws(EMDError) -> Double {
        try load(jets0, i, jets1, j) ? try solveLoaded(jet0: i, jet1: j, abandonAbove: .infinity)! : 0
    }

    /// A lower bound on ``distance(_:_:_:_:)`` (``loadedLowerBound``) from the pair's problem
    /// built with ground distances rounded down (a single-precision square root, a few times
    /// cheaper). It leaves those costs in the solver: ``load(_:_:_:_:)`` the pair again before
    /// the other bounds or the solve.
    ///
    /// - Throws: ``EMDError`` as ``distance(_:_:_:_:)`` for an empty jet with `norm`.
    func lowerBound(_ jets0: EMDJets, _ i: Int, _ jets1: EMDJets, _ j: Int) throws(EMDError) -> Double {
        try setUp(jets0, i, jets1, j, costsRoundedDown: true) ? loadedLowerBound : 0
    }

    /// A tighter lower bound (``loadedRefinedLowerBound(threshold:)``), building the pair's problem.
    ///
    /// - Throws: ``EMDError`` as ``distance(_:_:_:_:)`` for an empty jet with `norm`.
    func refinedLowerBound(_ jets0: EMDJets, _ i: Int, _ jets1: EMDJets, _ j: Int) throws(EMDError) -> Double {
        try load(jets0, i, jets1, j) ? loadedRefinedLowerBound() : 0
    }

    /// Builds the transportation problem of the pair in the solver's buffers, exactly as
    /// Wasserstein's `EMD::compute` does, for the bounds and the solve that follow (they read
    /// the same costs, built once); false for two empty jets (distance 0, nothing built).
    ///
    /// - Throws: ``EMDError`` as ``distance(_:_:_:_:)`` for an empty jet with `norm`.
    func load(_ jets0: EMDJets, _ i: Int, _ jets1: EMDJets, _ j: Int) throws(EMDError) -> Bool {
        try setUp(jets0, i, jets1, j)
    }

    /// A lower bound on the EMD of the loaded pair from a feasible solution of the dual problem
    /// (no simplex pivots). Read it before ``solveLoaded(jet0:jet1:)``.
    ///
    /// The dual potentials are the classic reductions: `u_a = min_b c_ab`, then
    /// `v_b = min_a (c_ab - u_a)` (and the same with rows and columns swapped; the larger bound
    /// is returned). They satisfy `u_a + v_b <= c_ab`, so by weak duality
    /// `sum_a w_a u_a + sum_b w_b v_b` is at most the optimal transport cost. The bound is
    /// evaluated in floating point, so callers compare it with a relative margin.
    var loadedLowerBound: Double {
        let bound = EMDDualBound.reductionBound(
            sources: simplex.sourceCount, sinks: simplex.sinkCount, weights: simplex.supplies, costs: simplex.costs)
        return norm ? bound : bound * scale
    }

    /// A tighter lower bound than ``loadedLowerBound`` at a few times its cost
    /// (``EMDDualBound/reducedGreedyBound(sources:sinks:weights:costs:threshold:)``), returned
    /// as soon as it exceeds `threshold` (infinity for the full bound). Read it before
    /// ``solveLoaded(jet0:jet1:)``.
    func loadedRefinedLowerBound(threshold: Double = .infinity) -> Double {
        let bound = EMDDualBound.reducedGreedyBound(
            sources: simplex.sourceCount, sinks: simplex.sinkCount, weights: simplex.supplies, costs: simplex.costs,
            threshold: norm ? threshold : threshold / scale)
        return norm ? bound : bound * scale
    }

    /// The EMD of the loaded pair (jets `jet0` and `jet1`, named in errors), by the network
    /// simplex; nil if the solver proved it above `limit` and stopped (infinity: never).
    ///
    /// - Throws: ``EMDError/solverFailed(status:jet0:jet1:)`` when the solver fails.
    func solveLoaded(jet0: Int, jet1: Int, abandonAbove limit: Double) throws(EMDError) -> Double? {
        let status = simplex.run(abandonAbove: norm ? limit : limit / scale)
        if status == .abandoned { return nil }
        guard status == .success else {
            throw .solverFailed(status: status.rawValue, jet0: jet0, jet1: jet1)
        }
        return norm ? simplex.totalCost : simplex.totalCost * scale
    }

    /// Builds the transportation problem of the pair in the solver's buffers, exactly as
    /// Wasserstein's `EMD::compute` does; false for two empty jets (distance 0, nothing built).
    /// With `costsRoundedDown` the default ground distance is replaced by cheaper lower bounds
    /// on it (only for lower bounds on the EMD).
    private func setUp(
        _ jets0: EMDJets, _ i: Int, _ jets1: EMDJets, _ j: Int, costsRoundedDown: Bool = false
    ) throws(EMDError) -> Bool {
        let n0 = jets0.particleCount(i)
        let n1 = jets1.particleCount(j)
        extra = .neither
        scale = 1
        if n0 == 0 && n1 == 0 {
            simplex.prepare(sources: 0, sinks: 0)
            return false
        }
        if norm && (n0 == 0 || n1 == 0) {
            throw n0 == 0 ? .emptyJetWithNorm(array: "jets0", jet: i) : .emptyJetWithNorm(array: "jets1", jet: j)
        }

        let total0 = jets0.totals[i]
        let total1 = jets1.totals[j]
        let weightDifference = total1 - total0
        if norm || weightDifference == 0 {
            extra = .neither
        } else if weightDifference > 0 {
            extra = .first
        } else {
            extra = .second
        }
        let sources = n0 + (extra == .first ? 1 : 0)
        let sinks = n1 + (extra == .second ? 1 : 0)
        simplex.prepare(sources: sources, sinks: sinks)

        let supplies = simplex.supplies
        let start0 = jets0.offsets[i]
        let start1 = jets1.offsets[j]
        jets0.weights.withUnsafeBufferPointer { w in
            for k in 0..<n0 { supplies[k] = w[start0 + k] }
        }
        if extra == .first { supplies[n0] = weightDifference }
        jets1.weights.withUnsafeBufferPointer { w in
            for k in 0..<n1 { supplies[sources + k] = w[start1 + k] }
        }
        if extra == .second { supplies[sources + n1] = -weightDifference }
        if !norm {
            scale = total0 < total1 ? total1 : total0  // std::max
            // energyflow's wheel is built with -ffast-math: GCC divides the first weight of its
            // vector (padding included) and multiplies the rest by the reciprocal, two per SSE2
            // vector. Same here, same bits.
            let inverseScale = 1 / scale
            for k in 0..<(sources + sinks) { supplies[k] *= inverseScale }
            let firstIsFirst = n0 > 0 ? jets0.particleIndices[start0] == 0 : jets0.particlesPerJet == 0
            if firstIsFirst { supplies[0] = (n0 > 0 ? jets0.weights[start0] : weightDifference) / scale }
        }

        fillCosts(jets0, start0, n0, jets1, start1, n1, sinks: sinks, roundedDown: costsRoundedDown)
        return true
    }

    private func fillCosts(_ jets0: EMDJets, _ start0: Int, _ n0: Int,
                           _ jets1: EMDJets, _ start1: Int, _ n1: Int, sinks: Int, roundedDown: Bool) {
        let costs = simplex.costs
        let ground = ground
        // energyflow's default ground distance (beta 1, R 1, phi not periodic) is the plain
        // Euclidean distance: a vectorised C kernel (or lower bounds on it).
        let euclidean = ground.beta == 1 && ground.R == 1 && !ground.periodicPhi
        jets0.ys.withUnsafeBufferPointer { y0 in
        jets0.phis.withUnsafeBufferPointer { phi0 in
        jets1.ys.withUnsafeBufferPointer { y1 in
        jets1.phis.withUnsafeBufferPointer { phi1 in
            if euclidean, n0 > 0, n1 > 0 {
                jetnet_emd_euclidean_costs(
                    y0.baseAddress! + start0, phi0.baseAddress! + start0, n0, y1.baseAddress! + start1,
                    phi1.baseAddress! + start1, n1, costs, sinks, roundedDown)
            } else {
                for a in 0..<n0 {
                    let row = costs + a * sinks
                    for b in 0..<n1 {
                        row[b] = ground.cost(y0[start0 + a], phi0[start0 + a], y1[start1 + b], phi1[start1 + b])
                    }
                }
            }
            // The extra particle of the second jet is at distance 1 from everything.
            if sinks > n1 {
                for a in 0..<n0 { costs[a * sinks + n1] = 1 }
            }
        }}}}
        if extra == .first {
            let row = costs + n0 * sinks
            for b in 0..<sinks { row[b] = 1 }
        }
    }

    /// The flow of the last successful ``distance(_:_:_:_:)`` in pt, laid out on the jets'
    /// original particle indices: `[particles0 (+1), particles1 (+1)]`, the `+1` being the
    /// extra particle (last row or column) when the totals differ.
    func flow(_ jets0: EMDJets, _ i: Int, _ jets1: EMDJets, _ j: Int) -> (shape: [Int], values: [Double]) {
        let n0 = jets0.particleCount(i)
        let n1 = jets1.particleCount(j)
        let rows = jets0.particlesPerJet + (extra == .first ? 1 : 0)
        let columns = jets1.particlesPerJet + (extra == .second ? 1 : 0)
        var values = [Double](repeating: 0, count: rows * columns)
        let sinks = simplex.sinkCount
        guard simplex.sourceCount > 0 else { return ([rows, columns], values) }
        let start0 = jets0.offsets[i]
        let start1 = jets1.offsets[j]
        func rowIndex(_ a: Int) -> Int { a < n0 ? jets0.particleIndices[start0 + a] : rows - 1 }
        func columnIndex(_ b: Int) -> Int { b < n1 ? jets1.particleIndices[start1 + b] : columns - 1 }
        for a in 0..<simplex.sourceCount {
            for b in 0..<sinks {
                values[rowIndex(a) * columns + columnIndex(b)] = simplex.flows[a * sinks + b] * scale
            }
        }
        return ([rows, columns], values)
    }
}
