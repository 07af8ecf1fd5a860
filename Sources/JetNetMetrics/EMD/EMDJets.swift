import Foundation
import JetNetCore

/// Jets made ready for EMD: the particles with positive pt of each jet, as contiguous
/// `(pt, y, phi)` columns in `Double`, with where each came from.
///
/// Zero-pt particles (JetNet's padding) carry no weight, so dropping them leaves the optimal
/// transport unchanged and makes the problem smaller. The totals are summed over every
/// particle in order, as Wasserstein does, so they are bit-identical to energyflow's.
struct EMDJets: Sendable {
    /// Particles per jet in the input, padding included.
    let particlesPerJet: Int
    /// Start of each jet's particles in the flat columns; `count + 1` entries.
    let offsets: [Int]
    /// Particle weights (pt), divided by the jet's total when normalised.
    let weights: [Double]
    let ys: [Double]
    let phis: [Double]
    /// Index of each kept particle within its jet.
    let particleIndices: [Int]
    /// Total weight of each jet (1 up to rounding when normalised, 0 for an empty jet).
    let totals: [Double]

    var count: Int { totals.count }

    func particleCount(_ jet: Int) -> Int { offsets[jet + 1] - offsets[jet] }

    /// Where the features are in the input arrays.
    enum Layout: Sendable {
        /// Exactly `[pt, y, phi]`, energyflow's order.
        case energyflow
        /// `[etarel, phirel, ptrel, ...]`, JetNet's order; features after the third are ignored.
        case jetNet
    }

    /// Reads jets of shape `[jets, particles, features]`.
    ///
    /// - Parameters:
    ///   - jets: `[jets, particles, 3]` in energyflow order, or `[jets, particles, >= 3]` in
    ///     JetNet order; a single jet is passed as `[1, particles, 3]`.
    ///   - name: the argument's name, for error messages.
    ///   - normalise: divide each jet's weights by its total (energyflow's `norm=True`).
    ///   - layout: the feature order.
    /// - Throws: ``MetricError`` for a wrong shape, NaN or infinity, or a negative pt.
    // Callers are generic over the element type; without these the per-element conversions
    // go through unspecialised generic code.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    init<T: NDArrayElement & BinaryFloatingPoint>(_ jets: NDArray<T>, name: String, normalise: Bool,
                                                  layout: Layout = .energyflow) throws {
        guard jets.rank == 3 else {
            throw MetricError.wrongRank(array: name, expected: 3, shape: jets.shape)
        }
        switch layout {
        case .energyflow where jets.shape[2] != 3:
            throw MetricError.wrongFeatureCount(array: name, expected: "3 (pt, y, phi)", shape: jets.shape)
        case .jetNet where jets.shape[2] < 3:
            throw MetricError.wrongFeatureCount(array: name, expected: "at least 3 (etarel, phirel, ptrel)", shape: jets.shape)
        default:
            break
        }
        let (ptColumn, yColumn, phiColumn) = layout == .energyflow ? (0, 1, 2) : (2, 0, 1)
        let features = jets.shape[2]
        let jetCount = jets.shape[0]
        let perJet = jets.shape[1]
        var offsets = [0]
        var weights: [Double] = []
        var ys: [Double] = []
        var phis: [Double] = []
        var indices: [Int] = []
        var totals: [Double] = []
        offsets.reserveCapacity(jetCount + 1)
        totals.reserveCapacity(jetCount)
        try jets.withUnsafeBufferPointer { values in
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw MetricError.nonFinite(array: name, index: bad)
            }
            for jet in 0..<jetCount {
                let first = jet * perJet * features + ptColumn
                for particle in 0..<perJet where values[first + particle * features] < 0 {
                    throw MetricError.invalidArgument(
                        name: "\(name)[\(jet), \(particle)] pt", value: "\(Double(values[first + particle * features]))",
                        allowed: ">= 0, because EMD moves pt as a non-negative mass (check the feature order: energyflow's [pt, y, phi])")
                }
                var total = Self.wassersteinSum(count: perJet) { Double(values[first + $0 * features]) }
                let inverseTotal = 1 / total
                for particle in 0..<perJet {
                    let base = jet * perJet * features + particle * features
                    var pt = Double(values[base + ptColumn])
                    guard pt > 0 else { continue }
                    if normalise {
                        pt = Self.usesDivision(particle, count: perJet) ? pt / total : pt * inverseTotal
                    }
                    weights.append(pt)
                    ys.append(Double(values[base + yColumn]))
                    phis.append(Double(values[base + phiColumn]))
                    indices.append(particle)
                }
                if normalise && total > 0 {
                    // energyflow re-sums the normalised weights, padding included, for the total.
                    let normalisedTotal = total
                    total = Self.wassersteinSum(count: perJet) { particle in
                        let pt = Double(values[first + particle * features])
                        return Self.usesDivision(particle, count: perJet) ? pt / normalisedTotal : pt * inverseTotal
                    }
                }
                totals.append(total)
                offsets.append(weights.count)
            }
        }
        particlesPerJet = perJet
        self.offsets = offsets
        self.weights = weights
        self.ys = ys
        self.phis = phis
        particleIndices = indices
        self.totals = totals
    }

    /// Sum of `count` values in the order energyflow's wheel adds them: built with -ffast-math,
    /// GCC sums more than four values in two SSE2 lanes (even and odd indices), adds the lanes,
    /// then the odd one out; four or fewer in sequence. Zeros do not change either sum.
    static func wassersteinSum(count: Int, _ value: (Int) -> Double) -> Double {
        if count <= 4 {
            var total = 0.0
            for k in 0..<count { total += value(k) }
            return total
        }
        var even = 0.0
        var odd = 0.0
        var k = 0
        while k + 1 < count {
            even += value(k)
            odd += value(k + 1)
            k += 2
        }
        var total = even + odd
        if k < count { total += value(k) }
        return total
    }

    /// Whether energyflow's `normalize_weights` divides particle `index` of `count` by the total
    /// (rather than multiplying by its reciprocal, as the vectorised loop does for pairs).
    static func usesDivision(_ index: Int, count: Int) -> Bool {
        count <= 2 || (count % 2 == 1 && index == count - 1)
    }
}
