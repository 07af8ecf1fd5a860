/// The subset of Python literal syntax used by `.npy` headers (`ast.literal_eval` input):
/// dicts, tuples, lists, strings, integers, `True`, `False` and `None`.
indirect enum PythonLiteral: Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dictionary([(key: PythonLiteral, value: PythonLiteral)])

    static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): a == b
        case let (.integer(a), .integer(b)): a == b
        case let (.boolean(a), .boolean(b)): a == b
        case (.none, .none): true
        case let (.tuple(a), .tuple(b)), let (.list(a), .list(b)): a == b
        case let (.dictionary(a), .dictionary(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// Parses one literal that spans all of `text` (surrounding whitespace allowed).
    ///
    /// - Throws: a description of the first thing that is not valid literal syntax.
    static func parse(_ text: String) throws(PythonLiteralError) -> PythonLiteral {
        var parser = Parser(characters: Array(text.unicodeScalars))
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.position == parser.characters.count else {
            throw PythonLiteralError(reason: "unexpected text after the literal at offset \(parser.position)")
        }
        return value
    }

    private struct Parser {
        let characters: [Unicode.Scalar]
        var position = 0

        mutating func skipWhitespace() {
            while position < characters.count, characters[position].properties.isWhitespace { position += 1 }
        }

        mutating func value() throws(PythonLiteralError) -> PythonLiteral {
            skipWhitespace()
            guard position < characters.count else { throw PythonLiteralError(reason: "unexpected end of text") }
            switch characters[position] {
            case "{":
                position += 1
                var pairs: [(key: PythonLiteral, value: PythonLiteral)] = []
                while true {
                    skipWhitespace()
                    if consume("}") { break }
                    let key = try value()
                    skipWhitespace()
                    guard consume(":") else { throw PythonLiteralError(reason: "expected ':' at offset \(position)") }
                    pairs.append((key, try value()))
                    skipWhitespace()
                    if consume("}") { break }
                    guard consume(",") else { throw PythonLiteralError(reason: "expected ',' or '}' at offset \(position)") }
                }
                return .dictionary(pairs)
            case "(":
                position += 1
                let (items, sawComma) = try sequence(closing: ")")
                // `(x)` is a parenthesised value, `(x,)` a one-element tuple.
                if items.count == 1 && !sawComma { return items[0] }
                return .tuple(items)
            case "[":
                position += 1
                return .list(try sequence(closing: "]").items)
            case "'", "\"":
                return .string(try string())
            default:
                return try word()
            }
        }

        mutating func consume(_ character: Unicode.Scalar) -> Bool {
            guard position < characters.count, characters[position] == character else { return false }
            position += 1
            return true
        }

        mutating func sequence(closing: Unicode.Scalar) throws(PythonLiteralError) -> (items: [PythonLiteral], sawComma: Bool) {
            var items: [PythonLiteral] = []
            var sawComma = false
            while true {
                skipWhitespace()
                if consume(closing) { return (items, sawComma) }
                items.append(try value())
                skipWhitespace()
                if consume(closing) { return (items, sawComma) }
                guard consume(",") else { throw PythonLiteralError(reason: "expected ',' or '\(closing)' at offset \(position)") }
                sawComma = true
            }
        }

        mutating func string() throws(PythonLiteralError) -> String {
            let quote = characters[position]
            position += 1
            var scalars = String.UnicodeScalarView()
            while position < characters.count {
                let character = characters[position]
                position += 1
                if character == quote { return String(scalars) }
                if character == "\\" {
                    guard position < characters.count else { break }
                    let escaped = characters[position]
                    position += 1
                    switch escaped {
                    case "n": scalars.append("\n")
                    case "t": scalars.append("\t")
                    default: scalars.append(escaped)
                    }
                } else {
                    scalars.append(character)
                }
            }
            throw PythonLiteralError(reason: "unterminated string")
        }

        mutating func word() throws(PythonLiteralError) -> PythonLiteral {
            let start = position
            while position < characters.count,
                  characters[position].properties.isAlphabetic || ("0"..."9").contains(characters[position])
                    || characters[position] == "-" || characters[position] == "+" || characters[position] == "_" {
                position += 1
            }
            var word = String(String.UnicodeScalarView(characters[start..<position]))
            switch word {
            case "True": return .boolean(true)
            case "False": return .boolean(false)
            case "None": return .none
            default: break
            }
            // Python 2 wrote long integers with an `L` suffix.
            if word.hasSuffix("L") || word.hasSuffix("l") { word.removeLast() }
            guard let integer = Int(word.filter { $0 != "_" }) else {
                throw PythonLiteralError(reason: word.isEmpty
                    ? "unexpected character '\(characters[start])' at offset \(start)"
                    : "'\(word)' is not an integer or a Python constant")
            }
            return .integer(integer)
        }
    }
}

/// Why text is not a valid Python literal.
struct PythonLiteralError: Error {
    let reason: String
}
