import JetNetCore

/// Scales each feature to an absolute maximum of `norms`, then shifts it by `shifts`
/// (jetnet's `FeaturewiseLinearBounded`). The pre-scaling maxima `maxes` are derived from the
/// data when not given. A `nil` entry in `norms` or `shifts` skips that step for that feature.
///
/// ```swift
/// var norm = FeaturewiseLinearBounded(norms: [1.0], shifts: [0, 0, -0.5])
/// norm.derive(from: particles)              // maxes = max |x| per feature
/// let x = try norm.normalised(particles)    // x / max * norm + shift
/// ```
public struct FeaturewiseLinearBounded: Normalisation, Equatable {
    /// The absolute maximum each feature is scaled to; one value or one per feature.
    public var norms: [Double?]
    /// Added after scaling; one value or one per feature.
    public var shifts: [Double?]
    /// Absolute maximum of each feature before scaling; `nil` means derive.
    public var maxes: [Double]?
    /// Which features to normalise (`nil`: all).
    public var normaliseFeatures: [Bool]?

    /// Makes the normalisation.
    /// - Parameters:
    ///   - norms: target absolute maxima (one value, or one per feature; `nil` entries skip scaling).
    ///   - shifts: added after scaling (one value, or one per feature; `nil` entries skip shifting).
    ///   - maxes: pre-scaling absolute maxima, one per feature; `nil` to derive from data.
    ///   - normaliseFeatures: which features to change (`nil`: all).
    public init(norms: [Double?] = [1.0], shifts: [Double?] = [0.0], maxes: [Double]? = nil, normaliseFeatures: [Bool]? = nil) {
        self.norms = norms
        self.shifts = shifts
        self.maxes = maxes
        self.normaliseFeatures = normaliseFeatures
    }

    public var needsDeriving: Bool { maxes == nil }

    /// Sets `maxes` to the absolute maximum of each feature.
    public mutating func derive(from statistics: FeatureStatistics) {
        maxes = statistics.absoluteMax
    }

    public func normalise(_ x: inout NDArray<Float>) throws {
        try apply(&x, inverse: false)
    }

    public func inverse(_ x: inout NDArray<Float>) throws {
        try apply(&x, inverse: true)
    }

    private func apply(_ x: inout NDArray<Float>, inverse: Bool) throws {
        guard let maxes else { throw NormalisationError.notDerived("FeaturewiseLinearBounded maxes") }
        let features = x.shape.last ?? 0
        guard maxes.count == features else {
            throw NormalisationError.featureCountMismatch(parameter: "maxes", count: maxes.count, features: features)
        }
        let norm = try perFeature(norms, features: features, name: "norms")
        let shift = try perFeature(shifts, features: features, name: "shifts")
        let enabled = try perFeature(normaliseFeatures ?? [true], features: features, name: "normaliseFeatures")
        for f in 0..<features where enabled[f] {
            let m = Float(maxes[f])
            let n: Float? = norm[f].map { Float($0) }
            let s: Float? = shift[f].map { Float($0) }
            // Same operation order as jetnet: divide, multiply, add (and the reverse).
            switch (inverse, n, s) {
            case let (false, n?, s?): updateColumn(&x, feature: f, features: features) { $0 / m * n + s }
            case let (false, n?, nil): updateColumn(&x, feature: f, features: features) { $0 / m * n }
            case let (false, nil, s?): updateColumn(&x, feature: f, features: features) { $0 + s }
            case let (true, n?, s?): updateColumn(&x, feature: f, features: features) { ($0 - s) / n * m }
            case let (true, n?, nil): updateColumn(&x, feature: f, features: features) { $0 / n * m }
            case let (true, nil, s?): updateColumn(&x, feature: f, features: features) { $0 - s }
            case (_, nil, nil): break
            }
        }
    }

    public var description: String {
        var text = "Linear scaling features to feature norms \(norms.map { $0.map { "\($0)" } ?? "None" }) and (post-scaling) feature shifts \(shifts.map { $0.map { "\($0)" } ?? "None" })"
        if let maxes { text += ", with pre-scaling feature maxes \(maxes)" }
        if let normaliseFeatures { text += ", normalising features: \(normaliseFeatures)" }
        return text
    }
}
