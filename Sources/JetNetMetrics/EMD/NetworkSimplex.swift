import Foundation

/// Exact solver of the balanced transportation problem on a complete bipartite graph.
///
/// A line-by-line port of `NetworkSimplex` from thaler-lab/Wasserstein 1.1.0 (which adapts
/// LEMON's network simplex through Nicolas Bonneel's lightweight version; LEMON: Boost-style
/// licence, Wasserstein: MIT): the same initial spanning tree with an artificial root, the same
/// heuristic initial pivots, the same block-search pivot rule and tolerances. Keeping every
/// operation in the same order makes the pivots, and therefore the flows and the rounding of the
/// total cost, those of energyflow's `emd`/`emds`, also when the optimum is degenerate (ties).
///
/// Usage: ``prepare(sources:sinks:)``, fill ``supplies`` (the `n0` source weights, then the
/// `n1` sink weights, both positive and with equal totals) and ``costs`` (row-major `n0 x n1`),
/// then ``run()``. The instance keeps its buffers between problems so a worker thread can reuse
/// it without allocating; it is not thread-safe (use one per thread).
///
/// The stored properties opt out of dynamic exclusivity checks: the instance is confined to one
/// thread and the checks would otherwise dominate the pivot loops.
final class NetworkSimplex {
    /// How a solve ended; mirrors Wasserstein's `EMDStatus`.
    enum Status: String, Sendable {
        case success, empty, supplyMismatch, unbounded, maxIterReached, infeasible
        /// Stopped early: a dual bound proved the optimal cost above the caller's limit.
        case abandoned
    }

    /// Pivots between two dual bounds when ``run(abandonAbove:)`` has a limit.
    private static let boundInterval = 16

    // Arc states of the spanning-tree structure.
    private static let stateUpper: Int8 = -1
    private static let stateTree: Int8 = 0
    private static let stateLower: Int8 = 1
    private static let blockSizeFactor = 1.0
    private static let minBlockSize = 10

    let iterationLimit: Int
    let epsilonLarge: Double
    let epsilonSmall: Double

    /// Number of source nodes (first jet, with the extra particle if any).
    @exclusivity(unchecked) private(set) var sourceCount = 0
    /// Number of sink nodes (second jet, with the extra particle if any).
    @exclusivity(unchecked) private(set) var sinkCount = 0
    /// Pivots of the last ``run()``.
    @exclusivity(unchecked) private(set) var iterations = 0
    /// Sum over arcs of flow times cost after a successful ``run()``.
    @exclusivity(unchecked) private(set) var totalCost = 0.0

    @exclusivity(unchecked) private var nodeCapacity = 0
    @exclusivity(unchecked) private var arcCapacity = 0

    /// Node supplies: first the sources, then the sinks (made negative by ``run()``), then the root.
    @exclusivity(unchecked) private(set) var supplies: UnsafeMutablePointer<Double>
    /// Arc costs, row-major `sources x sinks`, followed by the artificial arcs.
    @exclusivity(unchecked) private(set) var costs: UnsafeMutablePointer<Double>
    /// Arc flows, same layout as ``costs``.
    @exclusivity(unchecked) private(set) var flows: UnsafeMutablePointer<Double>
    @exclusivity(unchecked) private var potentials: UnsafeMutablePointer<Double>
    @exclusivity(unchecked) private var arcSources: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var arcTargets: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var states: UnsafeMutablePointer<Int8>
    @exclusivity(unchecked) private var parents: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var threads: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var reverseThreads: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var successorCounts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var lastSuccessors: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var predecessorArcs: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var forwards: UnsafeMutablePointer<Bool>
    @exclusivity(unchecked) private var dirtyReverseThreads: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var minimumArcs: [Int] = []

    // Block search pivot rule state.
    @exclusivity(unchecked) private var nextArc = 0
    @exclusivity(unchecked) private var blockSize = 0

    // The current pivot.
    @exclusivity(unchecked) private var inArc = 0
    @exclusivity(unchecked) private var join = 0
    @exclusivity(unchecked) private var uIn = 0
    @exclusivity(unchecked) private var vIn = 0
    @exclusivity(unchecked) private var uOut = 0
    @exclusivity(unchecked) private var vOut = 0
    @exclusivity(unchecked) private var delta = 0.0

    /// Makes a solver with energyflow's parameters.
    /// - Parameters:
    ///   - iterationLimit: pivots allowed before giving up (energyflow's `n_iter_max`, 100000).
    ///   - epsilonLargeFactor: multiple of the machine epsilon tolerated in supply balance and
    ///     final artificial flows (energyflow passes 10000).
    ///   - epsilonSmallFactor: multiple of the machine epsilon below which a reduced cost counts
    ///     as non-negative (energyflow passes 1).
    init(iterationLimit: Int = 100_000, epsilonLargeFactor: Double = 10_000, epsilonSmallFactor: Double = 1) {
        self.iterationLimit = iterationLimit
        epsilonLarge = epsilonLargeFactor * Double.ulpOfOne
        epsilonSmall = epsilonSmallFactor * Double.ulpOfOne
        supplies = .allocate(capacity: 0)
        potentials = .allocate(capacity: 0)
        parents = .allocate(capacity: 0)
        threads = .allocate(capacity: 0)
        reverseThreads = .allocate(capacity: 0)
        successorCounts = .allocate(capacity: 0)
        lastSuccessors = .allocate(capacity: 0)
        predecessorArcs = .allocate(capacity: 0)
        forwards = .allocate(capacity: 0)
        dirtyReverseThreads = .allocate(capacity: 0)
        costs = .allocate(capacity: 0)
        flows = .allocate(capacity: 0)
        arcSources = .allocate(capacity: 0)
        arcTargets = .allocate(capacity: 0)
        states = .allocate(capacity: 0)
    }

    deinit {
        for pointer in [supplies, potentials, costs, flows] { pointer.deallocate() }
        for pointer in [parents, threads, reverseThreads, successorCounts, lastSuccessors, predecessorArcs, dirtyReverseThreads,
                        arcSources, arcTargets] { pointer.deallocate() }
        forwards.deallocate()
        states.deallocate()
    }

    /// Sizes the problem: `sources` supply nodes and `sinks` demand nodes, all arcs between them.
    ///
    /// Afterwards ``supplies`` has room for `sources + sinks` weights and ``costs`` for
    /// `sources * sinks` costs; the caller fills both before ``run()``.
    func prepare(sources: Int, sinks: Int) {
        precondition(sources >= 0 && sinks >= 0, "node counts must be non-negative")
        sourceCount = sources
        sinkCount = sinks
        let nodes = sources + sinks + 1
        let arcs = sources * sinks + sources + sinks
        if nodes > nodeCapacity { growNodes(to: max(nodes, 2 * nodeCapacity)) }
        if arcs > arcCapacity { growArcs(to: max(arcs, 2 * arcCapacity)) }
    }

    private func growNodes(to capacity: Int) {
        func regrow<T>(_ pointer: inout UnsafeMutablePointer<T>) {
            pointer.deallocate()
            pointer = .allocate(capacity: capacity)
        }
        regrow(&supplies); regrow(&potentials); regrow(&parents); regrow(&threads)
        regrow(&reverseThreads); regrow(&successorCounts); regrow(&lastSuccessors)
        regrow(&predecessorArcs); regrow(&forwards); regrow(&dirtyReverseThreads)
        nodeCapacity = capacity
    }

    private func growArcs(to capacity: Int) {
        func regrow<T>(_ pointer: inout UnsafeMutablePointer<T>) {
            pointer.deallocate()
            pointer = .allocate(capacity: capacity)
        }
        regrow(&costs); regrow(&flows); regrow(&arcSources); regrow(&arcTargets); regrow(&states)
        arcCapacity = capacity
    }

    /// Solves the problem set up by ``prepare(sources:sinks:)`` and the filled buffers.
    ///
    /// On success ``flows`` holds the optimal flow on the first `sources * sinks` arcs and
    /// ``totalCost`` the optimal cost.
    ///
    /// - Parameter limit: give up (``Status/abandoned``) as soon as a dual bound, checked every
    ///   few pivots, proves the optimal cost above it; infinity to always finish. The checks
    ///   only read the solver's state, so a run that finishes pivots exactly as without them.
    func run(abandonAbove limit: Double = .infinity) -> Status {
        let status = solve(limit: limit)
        if status == .success {
            var total = 0.0
            for arc in 0..<(sourceCount * sinkCount) { total += flows[arc] * costs[arc] }
            totalCost = total
        } else {
            totalCost = -1
        }
        return status
    }

    private func solve(limit: Double) -> Status {
        let nodeNum = sourceCount + sinkCount
        let arcNum = sourceCount * sinkCount
        let allArcNum = arcNum + nodeNum
        iterations = 0

        var arc = 0
        for source in 0..<sourceCount {
            for sink in 0..<sinkCount {
                flows[arc] = 0
                states[arc] = Self.stateLower
                arcSources[arc] = source
                arcTargets[arc] = sourceCount + sink
                arc += 1
            }
        }
        if nodeNum == 0 { return .empty }

        // Supplies must balance; demands become negative supplies.
        var sumSupplies = 0.0
        for i in 0..<sourceCount { sumSupplies += supplies[i] }
        for i in sourceCount..<nodeNum {
            supplies[i] *= -1
            sumSupplies += supplies[i]
        }
        if abs(sumSupplies) > epsilonLarge { return .supplyMismatch }
        sumSupplies = 0

        // Wasserstein takes the maximum over a cost vector whose artificial tail was just
        // zero-filled, so non-negative costs give the same value as the maximum over real arcs.
        var maxCost = 0.0
        for arc in 0..<arcNum where costs[arc] > maxCost { maxCost = costs[arc] }

        let artificialCost = (maxCost + 1) * Double(nodeNum)

        // The artificial root and one artificial arc per node form the initial spanning tree.
        let root = nodeNum
        parents[root] = -1
        predecessorArcs[root] = -1
        threads[root] = 0
        reverseThreads[0] = root
        successorCounts[root] = nodeNum + 1
        lastSuccessors[root] = root - 1
        supplies[root] = -sumSupplies
        potentials[root] = 0

        var e = arcNum
        for u in 0..<nodeNum {
            parents[u] = root
            predecessorArcs[u] = e
            threads[u] = u + 1
            reverseThreads[u + 1] = u
            successorCounts[u] = 1
            lastSuccessors[u] = u
            states[e] = Self.stateTree
            if supplies[u] >= 0 {
                forwards[u] = true
                potentials[u] = 0
                arcSources[e] = u
                arcTargets[e] = root
                flows[e] = supplies[u]
                costs[e] = 0
            } else {
                forwards[u] = false
                potentials[u] = artificialCost
                arcSources[e] = root
                arcTargets[e] = u
                flows[e] = -supplies[u]
                costs[e] = artificialCost
            }
            e += 1
        }

        nextArc = 0
        blockSize = max(Int(Self.blockSizeFactor * Double(arcNum).squareRoot()), Self.minBlockSize)

        if !initialPivots() { return .unbounded }

        while findEnteringArc() {
            if iterations >= iterationLimit { return .maxIterReached }
            if limit < .infinity && iterations % Self.boundInterval == 0 && dualBoundExceeds(limit) { return .abandoned }
            iterations += 1
            findJoinNode()
            let change = findLeavingArc()
            if delta >= Double.greatestFiniteMagnitude { return .unbounded }
            changeFlow(change)
            if change {
                updateTreeStructure()
                updatePotential()
            }
        }

        // Artificial arcs must end empty (up to rounding).
        for arc in arcNum..<allArcNum where flows[arc] != 0 {
            if abs(flows[arc]) > epsilonLarge { return .infeasible }
            flows[arc] = 0
        }
        return .success
    }

    @inline(__always)
    private func reducedCost(_ arc: Int) -> Double {
        Double(states[arc]) * (costs[arc] + potentials[arcSources[arc]] - potentials[arcTargets[arc]])
    }

    /// Whether `minimum` is negative beyond the relative tolerance at the current candidate arc.
    @inline(__always)
    private func isImproving(_ minimum: Double) -> Bool {
        let sourcePotential = abs(potentials[arcSources[inArc]])
        let targetPotential = abs(potentials[arcTargets[inArc]])
        let cost = abs(costs[inArc])
        var scale = sourcePotential > targetPotential ? sourcePotential : targetPotential
        if scale < cost { scale = cost }
        return minimum < -epsilonSmall * scale
    }

    /// Block search pivot rule: scans the arcs cyclically from where the last scan stopped, in
    /// blocks of ``blockSize``, and takes the most negative reduced cost of the first block that
    /// has one beyond the tolerance.
    ///
    /// The scan runs in segments that stay within one source's row, so the source potential is
    /// loaded once per segment; the order of arcs and of arithmetic is Wasserstein's.
    private func findEnteringArc() -> Bool {
        let arcNum = sourceCount &* sinkCount
        let states = states, costs = costs, potentials = potentials
        var minimum = 0.0
        var candidate = inArc
        var e = nextArc
        var scanned = 0
        var blockLeft = blockSize
        while scanned < arcNum {
            if e == arcNum { e = 0 }
            let source = e / sinkCount
            let rowEnd = (source &+ 1) &* sinkCount
            let end = min(rowEnd, e &+ blockLeft, e &+ (arcNum &- scanned))
            let sourcePotential = potentials[source]
            // sinkPotentials[arc] is the potential of the arc's sink on this row.
            let sinkPotentials = potentials + (sourceCount &- source &* sinkCount)
            var arc = e
            while arc < end {
                // Tree arcs (state 0) give 0, which never beats `minimum <= 0`.
                let c = Double(states[arc]) * (costs[arc] + sourcePotential - sinkPotentials[arc])
                if c < minimum {
                    minimum = c
                    candidate = arc
                }
                arc &+= 1
            }
            scanned &+= end &- e
            blockLeft &-= end &- e
            e = end
            if blockLeft == 0 {
                // Wasserstein checks after the block's last arc and resumes from that arc.
                inArc = candidate
                if minimum < 0 && isImproving(minimum) {
                    nextArc = e &- 1
                    return true
                }
                blockLeft = blockSize
            }
        }
        inArc = candidate
        if minimum < 0 && isImproving(minimum) {
            nextArc = e
            return true
        }
        return false
    }

    /// Whether the current potentials, made dual feasible, prove the optimal cost above `limit`.
    ///
    /// The sources keep their potentials `p_a`; each sink gets the largest feasible one,
    /// `p_b = min_a (c_ab + p_a)`, so every arc has `c_ab + p_a - p_b >= 0` and by weak duality
    /// `sum_b w_b p_b - sum_a w_a p_a` is at most the optimal cost. The test subtracts a generous
    /// allowance for the rounding of that sum (the potentials can exceed the costs by far).
    private func dualBoundExceeds(_ limit: Double) -> Bool {
        let sources = sourceCount, sinks = sinkCount
        let costs = costs, potentials = potentials, supplies = supplies
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: sinks) { buffer in
            let sinkPotentials = buffer.baseAddress!
            for b in 0..<sinks { sinkPotentials[b] = .infinity }
            var bound = 0.0
            var magnitude = 0.0
            for a in 0..<sources {
                let row = costs + a &* sinks
                let potential = potentials[a]
                for b in 0..<sinks {
                    let candidate = row[b] + potential
                    sinkPotentials[b] = candidate < sinkPotentials[b] ? candidate : sinkPotentials[b]
                }
                bound -= supplies[a] * potential
                magnitude += supplies[a] * abs(potential)
            }
            // The sinks' supplies are negative (demands) during the solve.
            for b in 0..<sinks {
                bound -= supplies[sources &+ b] * sinkPotentials[b]
                magnitude -= supplies[sources &+ b] * abs(sinkPotentials[b])
            }
            return bound - 1e-12 * magnitude > limit
        }
    }

    /// Pivots each sink's cheapest incoming arc (scanned from the last source down) first.
    private func initialPivots() -> Bool {
        let nodeNum = sourceCount + sinkCount
        let arcNum = sourceCount * sinkCount
        minimumArcs.removeAll(keepingCapacity: true)
        for v in sourceCount..<nodeNum {
            var minimumCost = Double.greatestFiniteMagnitude
            var minimumArc = -1
            var arc = arcNum + v - nodeNum
            while arc >= 0 {
                let c = costs[arc]
                if c < minimumCost {
                    minimumCost = c
                    minimumArc = arc
                }
                arc -= sinkCount
            }
            if minimumArc != -1 { minimumArcs.append(minimumArc) }
        }
        for arc in minimumArcs {
            inArc = arc
            if reducedCost(arc) >= 0 { continue }
            findJoinNode()
            let change = findLeavingArc()
            if delta >= Double.greatestFiniteMagnitude { return false }
            changeFlow(change)
            if change {
                updateTreeStructure()
                updatePotential()
            }
        }
        return true
    }

    // The pivot steps below copy the buffer pointers into locals so the compiler keeps them in
    // registers instead of reloading them from the instance after every store.

    private func findJoinNode() {
        let successorCounts = successorCounts, parents = parents
        var u = arcSources[inArc]
        var v = arcTargets[inArc]
        while u != v {
            if successorCounts[u] < successorCounts[v] {
                u = parents[u]
            } else {
                v = parents[v]
            }
        }
        join = u
    }

    /// Finds the leaving arc of the cycle; false when it is the entering arc itself.
    private func findLeavingArc() -> Bool {
        let forwards = forwards, flows = flows, predecessorArcs = predecessorArcs, parents = parents
        let join = join
        let first: Int
        let second: Int
        if states[inArc] == Self.stateLower {
            first = arcSources[inArc]
            second = arcTargets[inArc]
        } else {
            first = arcTargets[inArc]
            second = arcSources[inArc]
        }
        var delta = Double.infinity
        var leaving = uOut
        var result = 0
        var u = first
        while u != join {
            let d = forwards[u] ? flows[predecessorArcs[u]] : .infinity
            if d < delta {
                delta = d
                leaving = u
                result = 1
            }
            u = parents[u]
        }
        u = second
        while u != join {
            let d = forwards[u] ? .infinity : flows[predecessorArcs[u]]
            if d <= delta {
                delta = d
                leaving = u
                result = 2
            }
            u = parents[u]
        }
        self.delta = delta
        uOut = leaving
        if result == 1 {
            uIn = first
            vIn = second
        } else {
            uIn = second
            vIn = first
        }
        return result != 0
    }

    private func changeFlow(_ change: Bool) {
        let forwards = forwards, flows = flows, predecessorArcs = predecessorArcs, parents = parents
        let join = join, inArc = inArc
        if delta > 0 {
            let value = Double(states[inArc]) * delta
            flows[inArc] += value
            var u = arcSources[inArc]
            while u != join {
                flows[predecessorArcs[u]] += forwards[u] ? -value : value
                u = parents[u]
            }
            u = arcTargets[inArc]
            while u != join {
                flows[predecessorArcs[u]] += forwards[u] ? value : -value
                u = parents[u]
            }
        }
        if change {
            states[inArc] = Self.stateTree
            states[predecessorArcs[uOut]] = flows[predecessorArcs[uOut]] == 0 ? Self.stateLower : Self.stateUpper
        } else {
            states[inArc] = -states[inArc]
        }
    }

    private func updateTreeStructure() {
        let parents = parents, threads = threads, reverseThreads = reverseThreads
        let successorCounts = successorCounts, lastSuccessors = lastSuccessors
        let predecessorArcs = predecessorArcs, forwards = forwards, dirty = dirtyReverseThreads
        let uIn = uIn, vIn = vIn, uOut = uOut, join = join, inArc = inArc

        var u = lastSuccessors[uIn]
        let oldReverseThread = reverseThreads[uOut]
        let oldSuccessorCount = successorCounts[uOut]
        let oldLastSuccessor = lastSuccessors[uOut]
        var right = threads[u]
        var stem = uIn
        var parentStem = vIn
        let vOut = parents[uOut]
        self.vOut = vOut

        // When oldReverseThread == vIn, join and vOut coincide.
        let last = oldReverseThread == vIn ? threads[lastSuccessors[uOut]] : threads[vIn]

        // Re-hang the stem nodes between uIn and uOut, updating threads and parents.
        threads[vIn] = uIn
        var dirtyCount = 1
        dirty[0] = vIn
        while stem != uOut {
            let newStem = parents[stem]
            threads[u] = newStem
            dirty[dirtyCount] = u
            dirtyCount &+= 1

            let w = reverseThreads[stem]
            threads[w] = right
            reverseThreads[right] = w

            parents[stem] = parentStem
            parentStem = stem
            stem = newStem

            u = lastSuccessors[stem] == lastSuccessors[parentStem] ? reverseThreads[parentStem] : lastSuccessors[stem]
            right = threads[u]
        }
        parents[uOut] = parentStem
        threads[u] = last
        lastSuccessors[uOut] = u
        reverseThreads[last] = u

        if oldReverseThread != vIn {
            threads[oldReverseThread] = right
            reverseThreads[right] = oldReverseThread
        }
        for k in 0..<dirtyCount {
            let node = dirty[k]
            reverseThreads[threads[node]] = node
        }

        // Predecessors, directions and subtree sizes along the stem from uOut to uIn.
        var subtreeCount = 0
        let stemLastSuccessor = lastSuccessors[uOut]
        u = uOut
        while u != uIn {
            let w = parents[u]
            predecessorArcs[u] = predecessorArcs[w]
            forwards[u] = !forwards[w]
            subtreeCount &+= successorCounts[u] &- successorCounts[w]
            successorCounts[u] = subtreeCount
            lastSuccessors[w] = stemLastSuccessor
            u = w
        }
        predecessorArcs[uIn] = inArc
        forwards[uIn] = uIn == arcSources[inArc]
        successorCounts[uIn] = oldSuccessorCount

        var upLimitIn = -1
        var upLimitOut = -1
        if lastSuccessors[join] == vIn { upLimitOut = join } else { upLimitIn = join }

        u = vIn
        while u != upLimitIn && u >= 0 && lastSuccessors[u] == vIn {
            lastSuccessors[u] = lastSuccessors[uOut]
            u = parents[u]
        }
        let replacement = (join != oldReverseThread && vIn != oldReverseThread) ? oldReverseThread : lastSuccessors[uOut]
        u = vOut
        while u != upLimitOut && u >= 0 && lastSuccessors[u] == oldLastSuccessor {
            lastSuccessors[u] = replacement
            u = parents[u]
        }

        u = vIn
        while u != join {
            successorCounts[u] &+= oldSuccessorCount
            u = parents[u]
        }
        u = vOut
        while u != join {
            successorCounts[u] &-= oldSuccessorCount
            u = parents[u]
        }
    }

    private func updatePotential() {
        let potentials = potentials, threads = threads, uIn = uIn
        let sigma = forwards[uIn]
            ? potentials[vIn] - potentials[uIn] - costs[predecessorArcs[uIn]]
            : potentials[vIn] - potentials[uIn] + costs[predecessorArcs[uIn]]
        let end = threads[lastSuccessors[uIn]]
        var u = uIn
        while u != end {
            potentials[u] += sigma
            u = threads[u]
        }
    }
}
