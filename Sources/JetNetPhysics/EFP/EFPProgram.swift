/// A straight-line program that evaluates a set of prime EFP graphs on one jet by variable
/// elimination, with every intermediate tensor shared between graphs that need it.
///
/// Each graph is contracted one vertex at a time (greedy: fewest neighbours first, as
/// energyflow's `ve.py` einsum path does). Eliminating a vertex with one neighbour is a
/// matrix-vector product, with two neighbours a matrix product `A diag(z) B`; only cores
/// such as K4 need a general tensor step. Intermediates are keyed by a canonical expression
/// (and the expression of their transpose), so e.g. `theta diag(z) theta`, computed once, serves
/// the triangle, the 4-cycle and every graph that contains them.
struct EFPProgram: Sendable {
    /// A matrix (or vector) operand: a slot read as stored or transposed.
    struct Operand: Sendable, Hashable {
        let slot: Int
        let transposed: Bool
    }

    /// One input of a general elimination step: a slot and the step variable on each axis.
    struct TensorFactor: Sendable, Hashable {
        let slot: Int
        /// Variable of each axis: `0..<outputRank` are output axes, `outputRank` is summed over.
        let axisVariables: [Int]
    }

    /// One instruction; its result is the slot with the instruction's index.
    enum Operation: Sendable, Hashable {
        /// The energies z (vector).
        case energies
        /// The angles raised to a power, elementwise (matrix).
        case angles(power: Int)
        /// Elementwise product of vectors or of (oriented) matrices.
        case hadamard([Operand])
        /// `y_i = sum_j A_ij x_j`.
        case matrixVector(Operand, vector: Int)
        /// `C_ik = sum_j A_ij x_j B_jk`; `symmetric` when C equals its transpose.
        case matrixDiagonalMatrix(Operand, vector: Int, Operand, symmetric: Bool)
        /// `sum_i x_i` (scalar).
        case sum(vector: Int)
        /// General step: sum over one variable of a product of tensors.
        case eliminate(outputRank: Int, factors: [TensorFactor])
    }

    private(set) var operations: [Operation] = []
    /// Tensor rank of each slot (0 scalar, 1 vector, 2 matrix, ...).
    private(set) var ranks: [Int] = []
    /// Slot holding each compiled graph's value (a scalar).
    private(set) var results: [Int] = []

    private var expressions: [String] = []
    private var transposedExpressions: [String?] = []
    private var slotForExpression: [String: Int] = [:]

    /// Compiles the given prime graphs (as simple edges with multiplicities) into one program.
    init(graphs: [(vertices: Int, edges: [EFPTable.WeightedEdge])]) {
        for graph in graphs {
            results.append(compile(vertices: graph.vertices, edges: graph.edges))
        }
    }

    // MARK: - Slots and sharing

    /// Returns the slot of an expression, emitting the operation if it is new.
    private mutating func slot(_ expression: String, transposed: String?, rank: Int, _ operation: @autoclosure () -> Operation) -> Int {
        if let existing = slotForExpression[expression] { return existing }
        let index = operations.count
        operations.append(operation())
        ranks.append(rank)
        expressions.append(expression)
        transposedExpressions.append(transposed)
        slotForExpression[expression] = index
        return index
    }

    /// A matrix result: reuses a slot holding it or its transpose; returns the factor with
    /// its scope in the order the slot stores it.
    private mutating func matrix(_ expression: String, transposed: String, scope: [Int],
                                 _ operation: (_ symmetric: Bool) -> Operation) -> Factor {
        if let existing = slotForExpression[expression] { return Factor(slot: existing, scope: scope) }
        if let existing = slotForExpression[transposed] { return Factor(slot: existing, scope: scope.reversed()) }
        let symmetric = expression == transposed
        let made = slot(expression, transposed: transposed, rank: 2, operation(symmetric))
        return Factor(slot: made, scope: scope)
    }

    /// A factor of the elimination: a slot whose axes belong to `scope` (vertex labels).
    private struct Factor {
        let slot: Int
        let scope: [Int]
    }

    /// The operand reading a matrix factor with rows `row` and columns `column`, and its expression.
    private func oriented(_ factor: Factor, row: Int, column: Int) -> (Operand, String, String) {
        precondition(Set(factor.scope) == [row, column])
        let transposed = factor.scope[0] != row
        let stored = expressions[factor.slot]
        let flipped = transposedExpressions[factor.slot] ?? "T(\(stored))"
        return (Operand(slot: factor.slot, transposed: transposed),
                transposed ? flipped : stored, transposed ? stored : flipped)
    }

    // MARK: - Variable elimination of one graph

    private mutating func compile(vertices: Int, edges: [EFPTable.WeightedEdge]) -> Int {
        let energies = slot("z", transposed: nil, rank: 1, .energies)
        var factors = (0..<vertices).map { Factor(slot: energies, scope: [$0]) }
        for edge in edges {
            let angles = slot("t\(edge.weight)", transposed: "t\(edge.weight)", rank: 2, .angles(power: edge.weight))
            factors.append(Factor(slot: angles, scope: [edge.u, edge.v]))
        }
        var remaining = Set(0..<vertices)
        var scalars: [Int] = []
        while !remaining.isEmpty {
            func neighbours(_ vertex: Int) -> Set<Int> {
                var set = Set<Int>()
                for factor in factors where factor.scope.contains(vertex) { set.formUnion(factor.scope) }
                set.remove(vertex)
                return set
            }
            let vertex = remaining.min { a, b in
                let (na, nb) = (neighbours(a).count, neighbours(b).count)
                return na != nb ? na < nb : a < b
            }!
            remaining.remove(vertex)
            let outputs = neighbours(vertex).sorted()
            var involved = factors.filter { $0.scope.contains(vertex) }
            factors.removeAll { $0.scope.contains(vertex) }
            involved = mergeSameScope(involved)

            let vector = involved.first { $0.scope == [vertex] }!
            let matrices = involved.filter { $0.scope.count == 2 }
            let vectorExpression = expressions[vector.slot]
            if outputs.isEmpty {
                scalars.append(slot("S(\(vectorExpression))", transposed: nil, rank: 0, .sum(vector: vector.slot)))
            } else if outputs.count == 1, involved.count == 2, matrices.count == 1 {
                let (operand, text, _) = oriented(matrices[0], row: outputs[0], column: vertex)
                let made = slot("MV(\(text)|\(vectorExpression))", transposed: nil, rank: 1,
                                .matrixVector(operand, vector: vector.slot))
                factors.append(Factor(slot: made, scope: outputs))
            } else if outputs.count == 2, involved.count == 3, matrices.count == 2 {
                let (u, x) = (outputs[0], outputs[1])
                let left = matrices.first { $0.scope.contains(u) }!
                let right = matrices.first { $0.scope.contains(x) }!
                let (a, aText, aFlipped) = oriented(left, row: u, column: vertex)
                let (b, bText, bFlipped) = oriented(right, row: vertex, column: x)
                let expression = "MDM(\(aText)|\(vectorExpression)|\(bText))"
                let transposed = "MDM(\(bFlipped)|\(vectorExpression)|\(aFlipped))"
                factors.append(matrix(expression, transposed: transposed, scope: [u, x]) { symmetric in
                    .matrixDiagonalMatrix(a, vector: vector.slot, b, symmetric: symmetric)
                })
            } else {
                factors.append(generalStep(vertex: vertex, outputs: outputs, involved: involved))
            }
        }
        precondition(factors.isEmpty && scalars.count == 1, "EFPProgram: graph is not connected")
        return scalars[0]
    }

    /// Multiplies factors over the same vertex set into one (vectors and matrices only).
    private mutating func mergeSameScope(_ factors: [Factor]) -> [Factor] {
        var groups: [[Int]: [Factor]] = [:]
        var order: [[Int]] = []
        for factor in factors {
            let key = factor.scope.sorted()
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(factor)
        }
        var merged: [Factor] = []
        for key in order {
            let group = groups[key]!
            if group.count == 1 || key.count > 2 {
                merged += group
                continue
            }
            if key.count == 1 {
                let parts = group.map { (Operand(slot: $0.slot, transposed: false), expressions[$0.slot]) }
                    .sorted { $0.1 < $1.1 }
                let made = slot("H(\(parts.map(\.1).joined(separator: ",")))", transposed: nil, rank: 1,
                                .hadamard(parts.map(\.0)))
                merged.append(Factor(slot: made, scope: key))
            } else {
                let parts = group.map { oriented($0, row: key[0], column: key[1]) }
                let sorted = parts.sorted { $0.1 < $1.1 }
                let expression = "H(\(sorted.map(\.1).joined(separator: ",")))"
                let transposed = "H(\(parts.map(\.2).sorted().joined(separator: ",")))"
                merged.append(matrix(expression, transposed: transposed, scope: key) { _ in
                    .hadamard(sorted.map(\.0))
                })
            }
        }
        return merged
    }

    /// A general elimination step (cost M^(outputs + 1)), for cores no matrix product covers.
    private mutating func generalStep(vertex: Int, outputs: [Int], involved: [Factor]) -> Factor {
        func describe(_ variableOf: [Int: Int]) -> ([TensorFactor], String) {
            let tensorFactors = involved.map { factor in
                TensorFactor(slot: factor.slot, axisVariables: factor.scope.map { variableOf[$0]! })
            }
            let text = tensorFactors.map { "\(expressions[$0.slot]){\($0.axisVariables.map(String.init).joined(separator: ","))}" }
                .sorted().joined(separator: ",")
            return (tensorFactors, "G\(outputs.count)(\(text))")
        }
        var variableOf = [vertex: outputs.count]
        for (index, output) in outputs.enumerated() { variableOf[output] = index }
        let (tensorFactors, expression) = describe(variableOf)
        let operation = Operation.eliminate(outputRank: outputs.count, factors: tensorFactors)
        if outputs.count == 2 {
            var swapped = variableOf
            (swapped[outputs[0]], swapped[outputs[1]]) = (1, 0)
            let transposed = describe(swapped).1
            return matrix(expression, transposed: transposed, scope: outputs) { _ in operation }
        }
        return Factor(slot: slot(expression, transposed: nil, rank: outputs.count, operation), scope: outputs)
    }
}
