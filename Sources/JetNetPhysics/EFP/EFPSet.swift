import Dispatch
import Foundation
import JetNetCore

/// A set of Energy Flow Polynomials chosen with energyflow's selection grammar, holding the
/// same graphs in the same order as energyflow 1.4.0's `EFPSet` (prime graphs first, then
/// composite ones, each in the order of energyflow's table).
///
/// ```swift
/// let set = try EFPSet("d<=4")                       // 36 EFPs, the FPD/KPD features
/// let values = try set.batchCompute(jets)            // [jets, 36]
/// let jetnetDefault = try EFPSet("n==4", "d==4", "p==1", normed: false)  // 5 EFPs
/// ```
///
/// Graphs come from energyflow's own table (bundled for d <= ``maximumDegree``). Each prime
/// graph is contracted by variable elimination (matrix-vector and matrix products, a general
/// tensor step only for dense cores such as K4), sharing intermediates across the set;
/// composite graphs are products of their prime factors.
///
/// Differences from energyflow: particles whose energy weight `z` is exactly zero (zero-pt
/// padding) are dropped before evaluating, so padded jets give finite values under every
/// measure (energyflow's `hadrdot`/`ee` divide by the zero pt and return NaN); a jet with no
/// particle left (or zero total energy when `normed`) gives 0 for every graph rather than NaN.
/// A composite graph is computed even when its prime factors are not selected (energyflow warns
/// and leaves it out of its computation).
public struct EFPSet: Sendable {
    /// The largest degree d (edges with multiplicity) in the bundled graph table.
    public static var maximumDegree: Int { (try? EFPTable.bundled.get().maximumDegree) ?? 0 }

    /// The conditions every graph of the set satisfies.
    public let selection: [EFPCondition]
    /// The graphs, in energyflow's order: the columns of ``batchCompute(_:)``'s result.
    public let graphs: [EFPGraph]
    /// The energy and angular measure.
    public let measure: EFPMeasure
    /// The meaning of the feature columns.
    public let coordinates: EFPCoordinates
    /// The angular exponent beta (> 0).
    public let beta: Double
    /// The energy exponent kappa.
    public let kappa: Double
    /// Whether energies are divided by the jet's total, `z_i = E_i^kappa / (sum E)^kappa`.
    public let normed: Bool

    private let program: EFPProgram
    /// For each graph, the program results whose product is its value.
    private let factorResults: [[Int]]

    /// The number of graphs.
    public var count: Int { graphs.count }

    /// Selects EFPs with energyflow's grammar, e.g. `EFPSet("n==4", "d==4", "p==1")`.
    ///
    /// - Parameters:
    ///   - selection: conditions such as `"d<=4"`; all must hold. The degree must be bounded by
    ///     ``maximumDegree`` (e.g. `"d<=8"`).
    ///   - measure: `.hadr` (default), `.hadrdot` or `.ee`.
    ///   - beta: angular exponent, > 0 (default 1).
    ///   - kappa: energy exponent (default 1).
    ///   - normed: normalise energies by the jet total; energyflow's `Measure` default is
    ///     `true`, jetnet passes `normed=None` (false).
    ///   - coordinates: feature meaning; `nil` means `.ptyphim` for hadronic measures and
    ///     `.epxpypz` for `.ee`, as in energyflow.
    /// - Throws: ``EFPError`` for an unreadable selection, an unbounded degree or a bad parameter.
    public init(_ selection: String..., measure: EFPMeasure = .hadr, beta: Double = 1, kappa: Double = 1,
                normed: Bool = true, coordinates: EFPCoordinates? = nil) throws {
        try self.init(selection, measure: measure, beta: beta, kappa: kappa, normed: normed, coordinates: coordinates)
    }

    /// Selects EFPs with energyflow's grammar from an array of conditions, e.g. `EFPSet(["d<=5"])`.
    /// See ``init(_:measure:beta:kappa:normed:coordinates:)-(String...,_,_,_,_,_)``.
    /// - Throws: ``EFPError`` for an unreadable selection, an unbounded degree or a bad parameter.
    public init(_ selection: [String], measure: EFPMeasure = .hadr, beta: Double = 1, kappa: Double = 1,
                normed: Bool = true, coordinates: EFPCoordinates? = nil) throws {
        try self.init(conditions: selection.map(EFPCondition.init), measure: measure, beta: beta, kappa: kappa,
                      normed: normed, coordinates: coordinates)
    }

    /// Selects EFPs with parsed conditions. See ``init(_:measure:beta:kappa:normed:coordinates:)-([String],_,_,_,_,_)``.
    /// - Throws: ``EFPError`` for an unbounded degree or a bad parameter.
    public init(conditions: [EFPCondition], measure: EFPMeasure = .hadr, beta: Double = 1, kappa: Double = 1,
                normed: Bool = true, coordinates: EFPCoordinates? = nil) throws {
        guard beta > 0, beta.isFinite else { throw EFPError.invalidParameter(name: "beta", value: beta, allowed: "a finite number > 0") }
        guard kappa.isFinite else { throw EFPError.invalidParameter(name: "kappa", value: kappa, allowed: "a finite number") }
        let table = try EFPTable.bundled.get()
        let degreeBound = conditions.filter { $0.variable == .d }.compactMap { condition -> Int? in
            switch condition.comparison {
            case .equal, .lessOrEqual: condition.value
            case .less: condition.value - 1
            default: nil
            }
        }.min()
        guard let degreeBound, degreeBound <= table.maximumDegree else {
            throw EFPError.degreeBeyondTable(selection: conditions.map(\.description), maximumDegree: table.maximumDegree)
        }
        func admitted(_ graph: EFPGraph) -> Bool { conditions.allSatisfy { $0.admits(graph) } }

        let primes = table.primes.indices.filter { admitted(table.primes[$0].graph) }
        let composites = table.composites.filter { admitted($0.graph) }
        // Primes to evaluate: the selected ones, then factors of composites not selected themselves.
        var needed = primes
        var resultOf = Dictionary(uniqueKeysWithValues: primes.enumerated().map { ($1, $0) })
        for composite in composites {
            for factor in composite.factors where resultOf[factor] == nil {
                resultOf[factor] = needed.count
                needed.append(factor)
            }
        }
        self.selection = conditions
        self.graphs = primes.map { table.primes[$0].graph } + composites.map(\.graph)
        self.factorResults = primes.map { [resultOf[$0]!] } + composites.map { $0.factors.map { resultOf[$0]! } }
        self.program = EFPProgram(graphs: needed.map { (table.primes[$0].graph.n, table.primes[$0].simpleEdges) })
        self.measure = measure
        self.coordinates = coordinates ?? (measure == .ee ? .epxpypz : .ptyphim)
        self.beta = beta
        self.kappa = kappa
        self.normed = normed
    }

    /// The EFPs of one jet.
    ///
    /// - Parameter jet: shape `[particles, features]`, features as ``coordinates`` says
    ///   (`[pt, y, phi]` or `[pt, y, phi, m]`; `[E, px, py, pz]`).
    /// - Returns: one value per graph, in the order of ``graphs``.
    /// - Throws: ``EFPError/wrongRank(expected:shape:)`` or ``EFPError/wrongFeatureCount(expected:shape:)``.
    public func compute<T: NDArrayElement>(_ jet: NDArray<T>) throws -> [Double] {
        guard jet.rank == 2 else { throw EFPError.wrongRank(expected: "[particles, features]", shape: jet.shape) }
        return try batchCompute(jet.reshaped([1] + jet.shape)).storage
    }

    /// The EFPs of a batch of jets, computed in parallel (results do not depend on the thread count).
    ///
    /// - Parameter jets: shape `[jets, particles, features]`, features as ``coordinates`` says;
    ///   zero-pt padding particles contribute nothing.
    /// - Returns: shape `[jets, graphs]`, columns in the order of ``graphs``.
    /// - Throws: ``EFPError/wrongRank(expected:shape:)`` or ``EFPError/wrongFeatureCount(expected:shape:)``.
    public func batchCompute<T: NDArrayElement>(_ jets: NDArray<T>) throws -> NDArray<Double> {
        guard jets.rank == 3 else { throw EFPError.wrongRank(expected: "[jets, particles, features]", shape: jets.shape) }
        try validateFeatures(jets.shape)
        return compute(jets, featureOrder: Array(0..<jets.shape[2]))
    }

    /// ``batchCompute(_:)`` of `jets` with its features taken in `featureOrder`, read in place
    /// (as `Double`) rather than from a reordered copy, so memory stays at the input and the
    /// output.
    ///
    /// - Parameters:
    ///   - jets: shape `[jets, particles, width]`.
    ///   - featureOrder: the columns of `jets` that are the features ``coordinates`` names, in
    ///     that order (e.g. `[2, 0, 1]` for JetNet's `[eta, phi, pt]`); each below `width`.
    /// - Returns: shape `[jets, graphs]`, columns in the order of ``graphs``.
    func batchCompute<T: NDArrayElement>(_ jets: NDArray<T>, featureOrder: [Int]) throws -> NDArray<Double> {
        guard jets.rank == 3 else { throw EFPError.wrongRank(expected: "[jets, particles, features]", shape: jets.shape) }
        precondition(featureOrder.allSatisfy { (0..<jets.shape[2]).contains($0) }, "EFPSet: feature column out of range")
        try validateFeatures([jets.shape[0], jets.shape[1], featureOrder.count])
        return compute(jets, featureOrder: featureOrder)
    }

    private func validateFeatures(_ shape: [Int]) throws {
        let features = shape.last ?? 0
        switch coordinates {
        case .ptyphim:
            guard features == 3 || features == 4 else {
                throw EFPError.wrongFeatureCount(expected: "3 or 4 features [pt, y, phi, (m)]", shape: shape)
            }
        case .epxpypz:
            guard features == 4 else { throw EFPError.wrongFeatureCount(expected: "4 features [E, px, py, pz]", shape: shape) }
        }
    }

    private func compute<T: NDArrayElement>(_ input: NDArray<T>, featureOrder: [Int]) -> NDArray<Double> {
        let (jets, particles, width, features) = (input.shape[0], input.shape[1], input.shape[2], featureOrder.count)
        let graphCount = graphs.count
        let resultCount = program.results.count
        var output = [Double](repeating: 0, count: jets * graphCount)
        guard jets > 0, graphCount > 0 else { return NDArray(shape: [jets, graphCount], storage: output) }
        let evaluator = EFPMeasureEvaluator(measure: measure, coordinates: coordinates, beta: beta, kappa: kappa, normed: normed)
        let chunks = min(jets, max(1, ProcessInfo.processInfo.activeProcessorCount) * 8)
        let program = program
        let factorResults = factorResults
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                // Each chunk writes only its own rows, so sharing the base pointers is safe.
                let pointers = SharedPointers(input: input.baseAddress!, output: out.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let workspace = EFPWorkspace(program: program, capacity: particles)
                    let results = UnsafeMutablePointer<Double>.allocate(capacity: max(resultCount, 1))
                    defer { results.deallocate() }
                    featureOrder.withUnsafeBufferPointer { column in
                        for jet in (jets * chunk / chunks)..<(jets * (chunk + 1) / chunks) {
                            let base = pointers.input + jet * particles * width
                            workspace.run(measure: evaluator, count: particles, features: features,
                                          particle: { base[$0 * width + column[$1]].doubleValue }, results: results)
                            let row = pointers.output + jet * graphCount
                            for (graph, factors) in factorResults.enumerated() {
                                var value = results[factors[0]]
                                for factor in factors.dropFirst() { value *= results[factor] }
                                row[graph] = value
                            }
                        }
                    }
                }
            }
        }
        return NDArray(shape: [jets, graphCount], storage: output)
    }
}

/// Input and output base pointers handed to the parallel workers (disjoint rows per worker).
private struct SharedPointers<Element>: @unchecked Sendable {
    let input: UnsafePointer<Element>
    let output: UnsafeMutablePointer<Double>
}
