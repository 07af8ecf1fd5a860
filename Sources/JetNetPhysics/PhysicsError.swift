import Foundation

/// What can go wrong when a physics utility is given arrays a user passed in.
public enum PhysicsError: Error, LocalizedError, Equatable, Sendable {
    /// An array has a number of axes the function does not accept.
    case wrongRank(array: String, shape: [Int], expected: String)
    /// An array's last axis holds fewer features than the function needs.
    case tooFewFeatures(array: String, shape: [Int], needed: Int)
    /// Two arrays that must agree in shape do not.
    case shapeMismatch(first: String, firstShape: [Int], second: String, secondShape: [Int])
    /// A scalar argument is outside its allowed range.
    case invalidArgument(name: String, value: String, allowed: String)
    /// An augmentation's text or parameters cannot be used.
    case invalidAugmentation(text: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .wrongRank(array, shape, expected):
            "\(array) has shape \(shape) but must have \(expected); pass one jet as [particles, features] or a batch as [jets, particles, features]."
        case let .tooFewFeatures(array, shape, needed):
            "\(array) has shape \(shape) but its last axis must hold at least \(needed) features; put them in JetNet order [eta, phi, pt, (mass)]."
        case let .shapeMismatch(first, firstShape, second, secondShape):
            "\(first) has shape \(firstShape) but \(second) has shape \(secondShape); make their shapes agree as documented."
        case let .invalidArgument(name, value, allowed):
            "\(name) = \(value) is not allowed; it must be \(allowed)."
        case let .invalidAugmentation(text, reason):
            "Augmentation '\(text)' cannot be used: \(reason)."
        }
    }
}

extension PhysicsError {
    /// Checks that `shape` describes one jet `[particles, features]` or a batch
    /// `[jets, particles, features]` with at least `features` features.
    static func checkJets(_ shape: [Int], name: String = "jets", features: Int = 3) throws {
        guard shape.count == 2 || shape.count == 3 else {
            throw PhysicsError.wrongRank(array: name, shape: shape, expected: "2 or 3 axes")
        }
        guard shape[shape.count - 1] >= features else {
            throw PhysicsError.tooFewFeatures(array: name, shape: shape, needed: features)
        }
    }
}
