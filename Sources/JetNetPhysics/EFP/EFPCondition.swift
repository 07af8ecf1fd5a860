/// One condition of an EFP selection, energyflow's `sel` grammar: `"d<=4"`, `"n==4"`, `"p==1"`.
///
/// The variable is one of the graph specs energyflow tabulates (see ``EFPGraph``):
/// `n` vertices, `e` simple edges, `d` edges with multiplicity, `v` maximum valency,
/// `k` index within (n, d), `c` variable-elimination complexity (also spelled `chi`),
/// `p` prime factors (connected components), `h` valency-1 vertices.
/// Spaces are ignored, as in energyflow; the tuple form `("d<=", 4)` is `EFPCondition("d<=", 4)`.
public struct EFPCondition: Sendable, Hashable, CustomStringConvertible {
    /// A graph variable a condition can test.
    public enum Variable: String, Sendable, CaseIterable {
        case n, e, d, v, k, c, p, h
    }

    /// A comparison, with energyflow's spellings.
    public enum Comparison: String, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        /// Whether `lhs` compares to `rhs` this way.
        public func holds(_ lhs: Int, _ rhs: Int) -> Bool {
            switch self {
            case .equal: lhs == rhs
            case .notEqual: lhs != rhs
            case .less: lhs < rhs
            case .lessOrEqual: lhs <= rhs
            case .greater: lhs > rhs
            case .greaterOrEqual: lhs >= rhs
            }
        }
    }

    /// The tested variable.
    public let variable: Variable
    /// How the variable compares to ``value``.
    public let comparison: Comparison
    /// The integer the variable is compared to.
    public let value: Int

    /// Makes a condition from its parts.
    public init(_ variable: Variable, _ comparison: Comparison, _ value: Int) {
        self.variable = variable
        self.comparison = comparison
        self.value = value
    }

    /// Parses energyflow's tuple form, e.g. `EFPCondition("d<=", 4)`.
    /// - Throws: ``EFPError`` when the text is not a variable followed by a comparison.
    public init(_ prefix: String, _ value: Int) throws {
        try self.init(prefix + String(value))
    }

    /// Parses a condition such as `"d<=4"` or `"n == 4"`.
    /// - Parameter text: variable, comparison and a non-negative integer; spaces are ignored.
    /// - Throws: ``EFPError/unparseableSelection(_:)``, ``EFPError/unknownVariable(_:selection:)``
    ///   or ``EFPError/unknownComparison(_:selection:)``.
    public init(_ text: String) throws {
        let s = Array(text.filter { $0 != " " })
        var i = 0
        // energyflow's `(\w+)(<|>|==|!=|<=|>=)(\d+)$`: a word, an operator, digits to the end.
        while i < s.count, s[i].isLetter || s[i].isNumber || s[i] == "_" { i += 1 }
        let name = String(s[0..<i])
        var j = i
        while j < s.count, "<>=!".contains(s[j]) { j += 1 }
        let op = String(s[i..<j])
        let digits = String(s[j...])
        guard !name.isEmpty, !op.isEmpty, !digits.isEmpty, digits.allSatisfy(\.isASCII), let number = Int(digits), number >= 0
        else { throw EFPError.unparseableSelection(text) }
        guard let comparison = Comparison(rawValue: op) else { throw EFPError.unknownComparison(op, selection: text) }
        let variable: Variable
        if name == "chi" {
            variable = .c
        } else if let known = Variable(rawValue: name) {
            variable = known
        } else {
            throw EFPError.unknownVariable(name, selection: text)
        }
        self.init(variable, comparison, number)
    }

    /// Whether a graph satisfies this condition.
    public func admits(_ graph: EFPGraph) -> Bool {
        comparison.holds(graph.spec(variable), value)
    }

    /// The condition in energyflow's spelling, e.g. `d<=4`.
    public var description: String { "\(variable.rawValue)\(comparison.rawValue)\(value)" }
}
