import ArgumentParser
import Foundation
import JetNet

/// The datasets the CLI knows, by the names used on the command line.
enum DatasetKind: String, CaseIterable, ExpressibleByArgument {
    case jetnet, toptagging, quarkgluon, jetclass
}

/// Parses a comma-separated list of names of a dataset's jet types or features, turning
/// unknown names into a `ValidationError` (exit code 64). `none` selects nothing.
func parseNames<Name: DatasetName>(_ text: String?, as type: Name.Type, flag: String) throws -> [Name]? {
    guard let text else { return nil }
    if text == "none" { return [] }
    do {
        return try Name.parse(commaSeparated: text)
    } catch let error as DatasetError {
        throw ValidationError("\(flag): \(error.errorDescription ?? "\(error)")")
    }
}

/// Parses `--split-fractions 0.7,0.15,0.15`.
func parseFractions(_ text: String?) throws -> [Double]? {
    guard let text else { return nil }
    let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard values.count == 3, values.allSatisfy({ $0 != nil }) else {
        throw ValidationError("--split-fractions: expected three numbers like 0.7,0.15,0.15, got \(text)")
    }
    let fractions = values.map { $0! }
    do { try DatasetSplit.validate(fractions) } catch let error as DatasetError {
        throw ValidationError("--split-fractions: \(error.errorDescription ?? "\(error)")")
    }
    return fractions
}

/// Parses one split name (or, with `allowList`, a comma-separated list for TopTagging).
func parseSplits(_ text: String?, dataset: String) throws -> [DatasetSplit]? {
    guard let text else { return nil }
    do {
        return try text.split(separator: ",").map { try DatasetSplit(name: String($0), dataset: dataset) }
    } catch let error as DatasetError {
        throw ValidationError("--split: \(error.errorDescription ?? "\(error)")")
    }
}
