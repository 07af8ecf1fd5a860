import JetNetCore

/// A per-feature normalisation of `[..., features]` data, jetnet's `NormaliseABC`.
///
/// Datasets call ``derive(from:)`` on the selected split when ``needsDeriving`` is true,
/// then ``normalise(_:)`` the data; ``inverse(_:)`` undoes it (for generated samples).
public protocol Normalisation: Sendable, CustomStringConvertible {
    /// Whether parameters must be derived from data before normalising.
    var needsDeriving: Bool { get }
    /// Derives the parameters from statistics of the data.
    /// - Parameter statistics: per-feature statistics of the data to be normalised.
    mutating func derive(from statistics: FeatureStatistics)
    /// Normalises in place.
    /// - Parameter x: data of shape `[..., features]`, changed in place.
    /// - Throws: ``NormalisationError``.
    func normalise(_ x: inout NDArray<Float>) throws
    /// Undoes ``normalise(_:)`` in place.
    /// - Parameter x: normalised data of shape `[..., features]`, changed in place.
    /// - Throws: ``NormalisationError``.
    func inverse(_ x: inout NDArray<Float>) throws
}

extension Normalisation {
    /// Derives the parameters from `x`.
    /// - Parameter x: data of shape `[..., features]`.
    public mutating func derive(from x: NDArray<Float>) {
        derive(from: FeatureStatistics(of: x))
    }

    /// The normalised copy of `x`.
    /// - Parameter x: data of shape `[..., features]`.
    /// - Returns: an array of the same shape.
    /// - Throws: ``NormalisationError``.
    public func normalised(_ x: NDArray<Float>) throws -> NDArray<Float> {
        var copy = x
        try normalise(&copy)
        return copy
    }

    /// The copy of `x` with the normalisation undone.
    /// - Parameter x: normalised data of shape `[..., features]`.
    /// - Returns: an array of the same shape.
    /// - Throws: ``NormalisationError``.
    public func inverted(_ x: NDArray<Float>) throws -> NDArray<Float> {
        var copy = x
        try inverse(&copy)
        return copy
    }
}

/// Expands a one-value-or-per-feature parameter list to `features` values.
func perFeature<T>(_ values: [T], features: Int, name: String) throws -> [T] {
    if values.count == 1 { return Array(repeating: values[0], count: features) }
    guard values.count == features else {
        throw NormalisationError.featureCountMismatch(parameter: name, count: values.count, features: features)
    }
    return values
}

/// Applies `body(value)` to every element of feature column `feature` (of `features`).
@inline(__always)
func updateColumn(_ x: inout NDArray<Float>, feature: Int, features: Int, _ body: (Float) -> Float) {
    x.withUnsafeMutableBufferPointer { buffer in
        var i = feature
        while i < buffer.count {
            buffer[i] = body(buffer[i])
            i += features
        }
    }
}
