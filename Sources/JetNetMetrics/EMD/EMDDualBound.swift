/// Lower bounds on the optimal cost of a transportation problem from feasible dual solutions.
enum EMDDualBound {
    /// The larger of the two reduction bounds of a balanced transportation problem.
    ///
    /// Row first: `u_a = min_b c_ab`, `v_b = min_a (c_ab - u_a)`; column first: `v_b = min_a c_ab`,
    /// `u_a = min_b (c_ab - v_b)`. Either pair satisfies `u_a + v_b <= c_ab` for every cell, so
    /// `sum_a w_a u_a + sum_b w_b v_b` bounds the optimal cost from below (weak duality).
    ///
    /// - Parameters:
    ///   - sources: rows of the problem.
    ///   - sinks: columns of the problem.
    ///   - weights: `sources + sinks` non-negative weights, the sources' then the sinks'.
    ///   - costs: row-major `[sources, sinks]` non-negative costs.
    /// - Returns: a value at most the optimal cost (up to rounding of the sums).
    /// - Complexity: four passes over the `sources * sinks` costs.
    static func reductionBound(
        sources: Int, sinks: Int, weights: UnsafeMutablePointer<Double>, costs: UnsafeMutablePointer<Double>
    ) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * (sources + sinks)) { scratch in
            let rowFirst = scratch.baseAddress!
            let columnFirst = rowFirst + sources + sinks
            let sinkWeights = weights + sources
            // Row first: u in rowFirst[0..<sources], v after it; column first: v2 in columnFirst.
            let u = rowFirst, v = rowFirst + sources
            let v2 = columnFirst
            for b in 0..<sinks {
                v[b] = .infinity
                v2[b] = .infinity
            }
            for a in 0..<sources {
                let row = costs + a &* sinks
                var minimum = Double.infinity
                for b in 0..<sinks {
                    let c = row[b]
                    minimum = c < minimum ? c : minimum
                    v2[b] = c < v2[b] ? c : v2[b]
                }
                u[a] = minimum
            }
            var bound1 = 0.0
            var bound2 = 0.0
            for a in 0..<sources {
                let row = costs + a &* sinks
                let ua = u[a]
                var minimum = Double.infinity
                for b in 0..<sinks {
                    let c = row[b]
                    let reducedByRow = c - ua
                    v[b] = reducedByRow < v[b] ? reducedByRow : v[b]
                    let reducedByColumn = c - v2[b]
                    minimum = reducedByColumn < minimum ? reducedByColumn : minimum
                }
                bound1 += weights[a] * ua
                bound2 += weights[a] * minimum
            }
            for b in 0..<sinks {
                bound1 += sinkWeights[b] * v[b]
                bound2 += sinkWeights[b] * v2[b]
            }
            return bound1 > bound2 ? bound1 : bound2
        }
    }
}

extension EMDDualBound {
    /// A tighter lower bound: the row-first reduction's dual value plus a greedy bound on the
    /// remaining transport of the reduced costs.
    ///
    /// With `u_a = min_b c_ab`, `v_b = min_a (c_ab - u_a)` and `r_ab = c_ab - u_a - v_b >= 0`, every
    /// feasible flow costs `sum_a w_a u_a + sum_b w_b v_b + sum_ab x_ab r_ab`. Dropping the sinks'
    /// totals but keeping `x_ab <= w_b` makes the last term separate by source, each solved
    /// exactly by filling the cheapest sinks first (the "ICT" relaxation); the same with sources
    /// and sinks swapped gives a second bound, and the larger is returned.
    ///
    /// - Parameters:
    ///   - sources: rows of the problem.
    ///   - sinks: columns of the problem.
    ///   - weights: `sources + sinks` non-negative weights, the sources' then the sinks'.
    ///   - costs: row-major `[sources, sinks]` non-negative costs.
    ///   - threshold: the bound is returned as soon as it exceeds this (the rest of the work
    ///     could only raise it); infinity for the full bound.
    /// - Returns: a value at most the optimal cost (up to rounding of the sums).
    /// - Complexity: `O(sources * sinks * k)`, `k` the sinks (or sources) a weight spreads over.
    static func reducedGreedyBound(
        sources: Int, sinks: Int, weights: UnsafeMutablePointer<Double>, costs: UnsafeMutablePointer<Double>,
        threshold: Double = .infinity
    ) -> Double {
        let cells = sources &* sinks
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: cells &+ 2 &* (sources &+ sinks)) { scratch in
            let reduced = scratch.baseAddress!
            let u = reduced + cells, v = u + sources
            let used = v + sinks  // sources + sinks flags, as 0 / 1
            let sinkWeights = weights + sources
            for b in 0..<sinks { v[b] = .infinity }
            for a in 0..<sources {
                let row = costs + a &* sinks
                var minimum = Double.infinity
                for b in 0..<sinks { minimum = row[b] < minimum ? row[b] : minimum }
                u[a] = minimum
                for b in 0..<sinks {
                    let reducedByRow = row[b] - minimum
                    v[b] = reducedByRow < v[b] ? reducedByRow : v[b]
                }
            }
            var dual = 0.0
            for a in 0..<sources { dual += weights[a] * u[a] }
            for b in 0..<sinks { dual += sinkWeights[b] * v[b] }
            for a in 0..<sources {
                let row = costs + a &* sinks, reducedRow = reduced + a &* sinks
                let ua = u[a]
                for b in 0..<sinks {
                    let r = row[b] - ua - v[b]
                    reducedRow[b] = r > 0 ? r : 0
                }
            }
            // Sources fill their cheapest sinks, each up to the sink's weight, and the reverse.
            // Every term is non-negative, so a partial sum past the threshold is already a bound
            // past it.
            var bySource = 0.0
            for a in 0..<sources {
                let reducedRow = reduced + a &* sinks
                bySource += cheapestFill(
                    weights[a], over: sinks, used: used, capacity: { sinkWeights[$0] }, cost: { reducedRow[$0] })
                if dual + bySource > threshold { return dual + bySource }
            }
            var bySink = 0.0
            for b in 0..<sinks {
                bySink += cheapestFill(
                    sinkWeights[b], over: sources, used: used, capacity: { weights[$0] }, cost: { reduced[$0 &* sinks &+ b] })
                if dual + bySink > threshold { return dual + bySink }
            }
            return dual + (bySource > bySink ? bySource : bySink)
        }
    }

    /// The cheapest cost of moving `amount` to `count` destinations when destination `d` takes
    /// at most `capacity(d)` at `cost(d)` per unit: fill the cheapest first.
    ///
    /// - Parameter used: scratch for `count` flags.
    @inline(__always)
    private static func cheapestFill(
        _ amount: Double, over count: Int, used: UnsafeMutablePointer<Double>,
        capacity: (Int) -> Double, cost: (Int) -> Double
    ) -> Double {
        for d in 0..<count { used[d] = 0 }
        var total = 0.0
        var left = amount
        while left > 0 {
            var best = -1
            var bestCost = Double.infinity
            for d in 0..<count where used[d] == 0 && cost(d) < bestCost {
                bestCost = cost(d)
                best = d
            }
            if best < 0 { break }
            used[best] = 1
            let flow = left < capacity(best) ? left : capacity(best)
            total += flow * bestCost
            left -= flow
        }
        return total
    }
}
