import Foundation

/// Augmentations written as text, such as `smear(strength=0.1, pt-min=0.5)`: what the CLI's
/// `--with` and the C ABI take.
extension Augmentation: CustomStringConvertible, LosslessStringConvertible {
    /// The names accepted by ``init(parsing:)``, one per ``Kind``, in the order of the spec.
    public static let names = [
        "rotate", "translate", "smear", "collinear-fill", "collinear-split", "merge", "crop", "boost",
        "pt-dropout", "input-dropout", "four-vector-scale", "four-vector-smear", "four-vector-shift",
    ]

    /// The augmentation's name, such as `"collinear-split"`.
    public var name: String {
        switch kind {
        case .rotation: "rotate"
        case .translation: "translate"
        case .smear: "smear"
        case .collinearFill: "collinear-fill"
        case .collinearSplit: "collinear-split"
        case .merge: "merge"
        case .crop: "crop"
        case .boost: "boost"
        case .ptDropout: "pt-dropout"
        case .inputDropout: "input-dropout"
        case .fourVectorScale: "four-vector-scale"
        case .fourVectorSmear: "four-vector-smear"
        case .fourVectorShift: "four-vector-shift"
        }
    }

    /// The parameters as `(name, value)` pairs, in the order of the factory's arguments.
    public var parameters: [(name: String, value: Double)] {
        switch kind {
        case .rotation, .collinearFill: []
        case .translation(let width): [("width", width)]
        case .smear(let strength, let ptMin): [("strength", strength), ("pt-min", ptMin)]
        case .collinearSplit(let maxSplits, let minPT): [("max-splits", Double(maxSplits)), ("min-pt", minPT)]
        case .merge(let maxDeltaR, let strength, let minParticles):
            [("max-delta-r", maxDeltaR), ("strength", strength), ("min-particles", Double(minParticles))]
        case .crop(let amount, let minParticles): [("amount", Double(amount)), ("min-particles", Double(minParticles))]
        case .boost(let maxBeta): [("max-beta", maxBeta)]
        case .ptDropout(let sigma), .fourVectorScale(let sigma), .fourVectorSmear(let sigma), .fourVectorShift(let sigma):
            [("sigma", sigma)]
        case .inputDropout(let probability): [("probability", probability)]
        }
    }

    /// The text form with every parameter, e.g. `"smear(strength=0.1, pt-min=0.1)"`;
    /// ``init(parsing:)`` reads it back to an equal augmentation.
    public var description: String {
        let parameters = self.parameters
        guard !parameters.isEmpty else { return name }
        return name + "(" + parameters.map { "\($0.name)=\(formatted($0.value))" }.joined(separator: ", ") + ")"
    }

    /// Reads one augmentation: a name, optionally followed by `(name=value, ...)`; parameters
    /// left out take the defaults of the factories (weaver's augmentations have none and need
    /// theirs).
    ///
    /// - Parameter text: e.g. `"rotate"`, `"smear(pt-min=0.5)"`, `"pt-dropout(sigma=2)"`.
    /// - Throws: ``PhysicsError/invalidAugmentation(text:reason:)`` for an unknown name or
    ///   parameter, a missing required parameter, or a value out of range.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var name = trimmed
        var given: [String: Double] = [:]
        if let open = trimmed.firstIndex(of: "(") {
            guard trimmed.hasSuffix(")") else {
                throw PhysicsError.invalidAugmentation(text: text, reason: "a '(' needs a closing ')' at the end")
            }
            name = String(trimmed[..<open]).trimmingCharacters(in: .whitespacesAndNewlines)
            let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            for item in inner.split(separator: ",") {
                let pair = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
                guard pair.count == 2, let value = Double(pair[1]) else {
                    throw PhysicsError.invalidAugmentation(text: text, reason: "'\(item)' is not name=number")
                }
                guard given.updateValue(value, forKey: pair[0]) == nil else {
                    throw PhysicsError.invalidAugmentation(text: text, reason: "'\(pair[0])' is given twice")
                }
            }
        }
        var reader = ParameterReader(text: text, given: given)
        let augmentation: Augmentation
        switch name {
        case "rotate": augmentation = .rotation()
        case "translate": augmentation = .translation(width: try reader.value("width", default: 1))
        case "smear":
            augmentation = .smear(strength: try reader.value("strength", default: 0.1), ptMin: try reader.value("pt-min", default: 0.1))
        case "collinear-fill": augmentation = .collinearFill()
        case "collinear-split":
            augmentation = .collinearSplit(maxSplits: try reader.count("max-splits", default: 20), minPT: try reader.value("min-pt", default: 0))
        case "merge":
            augmentation = .merge(
                maxDeltaR: try reader.value("max-delta-r", default: 0.05), strength: try reader.value("strength", default: 0.2),
                minParticles: try reader.count("min-particles", default: 10))
        case "crop":
            augmentation = .crop(amount: try reader.count("amount", default: 10), minParticles: try reader.count("min-particles", default: 10))
        case "boost": augmentation = .boost(maxBeta: try reader.value("max-beta", default: 0.002))
        case "pt-dropout": augmentation = .ptDropout(sigma: try reader.value("sigma", default: nil))
        case "input-dropout": augmentation = .inputDropout(probability: try reader.value("probability", default: nil))
        case "four-vector-scale": augmentation = .fourVectorScale(sigma: try reader.value("sigma", default: nil))
        case "four-vector-smear": augmentation = .fourVectorSmear(sigma: try reader.value("sigma", default: nil))
        case "four-vector-shift": augmentation = .fourVectorShift(sigma: try reader.value("sigma", default: nil))
        default:
            throw PhysicsError.invalidAugmentation(
                text: text, reason: "unknown augmentation '\(name)'; use one of \(Self.names.joined(separator: ", "))")
        }
        if let unused = reader.unused.first {
            let known = augmentation.parameters.map(\.name)
            throw PhysicsError.invalidAugmentation(
                text: text, reason: "'\(name)' has no parameter '\(unused)'"
                    + (known.isEmpty ? " (it takes none)" : "; it takes \(known.joined(separator: ", "))"))
        }
        try augmentation.validate()
        self = augmentation
    }

    /// `LosslessStringConvertible`: ``init(parsing:)`` returning `nil` instead of throwing.
    public init?(_ description: String) {
        guard let parsed = try? Augmentation(parsing: description) else { return nil }
        self = parsed
    }

    /// Rejects parameters outside their meaningful range.
    /// - Throws: ``PhysicsError/invalidAugmentation(text:reason:)`` naming the parameter.
    public func validate() throws {
        for (name, value) in parameters where !value.isFinite {
            throw PhysicsError.invalidAugmentation(text: description, reason: "\(name) must be finite")
        }
        func require(_ condition: Bool, _ reason: String) throws {
            if !condition { throw PhysicsError.invalidAugmentation(text: description, reason: reason) }
        }
        switch kind {
        case .rotation, .collinearFill: break
        case .translation(let width): try require(width >= 0, "width must be >= 0")
        case .smear(let strength, let ptMin):
            try require(strength >= 0, "strength must be >= 0")
            try require(ptMin > 0, "pt-min must be > 0 (it bounds strength / pt)")
        case .collinearSplit(let maxSplits, let minPT):
            try require(maxSplits >= 0, "max-splits must be >= 0")
            try require(minPT >= 0, "min-pt must be >= 0")
        case .merge(let maxDeltaR, let strength, let minParticles):
            try require(maxDeltaR >= 0, "max-delta-r must be >= 0")
            try require(strength >= 0, "strength must be >= 0")
            try require(minParticles >= 1, "min-particles must be >= 1")
        case .crop(let amount, let minParticles):
            try require(amount >= 0, "amount must be >= 0")
            try require(minParticles >= 1, "min-particles must be >= 1")
        case .boost(let maxBeta): try require(maxBeta >= 0 && maxBeta < 1, "max-beta must be in [0, 1)")
        case .ptDropout(let sigma), .fourVectorScale(let sigma), .fourVectorSmear(let sigma), .fourVectorShift(let sigma):
            try require(sigma >= 0, "sigma must be >= 0")
        case .inputDropout(let probability): try require((0...1).contains(probability), "probability must be in [0, 1]")
        }
    }
}

/// Hands out the parameters of one parsed augmentation and remembers which were used.
private struct ParameterReader {
    let text: String
    var given: [String: Double]

    var unused: [String] { given.keys.sorted() }

    mutating func value(_ name: String, default fallback: Double?) throws -> Double {
        if let value = given.removeValue(forKey: name) { return value }
        guard let fallback else {
            throw PhysicsError.invalidAugmentation(text: text, reason: "'\(name)' has no default; write e.g. \(name)=0.1")
        }
        return fallback
    }

    mutating func count(_ name: String, default fallback: Int) throws -> Int {
        let value = try value(name, default: Double(fallback))
        guard value == value.rounded(), abs(value) < 1e9 else {
            throw PhysicsError.invalidAugmentation(text: text, reason: "'\(name)' must be a whole number, not \(value)")
        }
        return Int(value)
    }
}

/// A parameter as written back: whole numbers without a fractional part.
private func formatted(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
}
