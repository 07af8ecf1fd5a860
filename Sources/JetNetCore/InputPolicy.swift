import Foundation

/// The one policy for jets handed to the library's metrics and to every `jetnet` command, in
/// one place so they cannot drift apart:
///
/// - jets are 3-D, `[jets, particles, features]` in JetNet order `[eta, phi, pt, (mask)]`;
/// - every value is finite (no NaN, no infinity);
/// - pt (feature 2) is never negative;
/// - a mask (feature 3, where the input has one) is exactly 0 or 1;
/// - a metric compares at least 2 jets on each side;
/// - files hold floating-point arrays: integer and boolean arrays are refused (see
///   ``checkFloating(_:array:)``), because jets stored as integers are almost always the wrong
///   array (labels, counts) and their silent conversion gave meaningless metrics.
///
/// The element-generic checks are `@inlinable` so that callers in other modules get them
/// specialised for `Float` and `Double`: unspecialised, each value goes through witness tables,
/// and checking a million jets' features took longer than the metric itself.
public enum InputPolicy {
    /// Checks jets against the policy.
    ///
    /// - Parameters:
    ///   - jets: shape `[jets, particles, features]`, features `[eta, phi, pt, (mask)]`.
    ///   - name: how messages name the array (`"generated jets"`).
    ///   - minimumJets: the fewest jets allowed (2 for a metric).
    ///   - hasMask: the fourth feature is a 0/1 particle mask.
    /// - Throws: ``InputError`` for the first violation.
    @inlinable
    public static func checkJets<T: NDArrayElement & BinaryFloatingPoint>(
        _ jets: NDArray<T>, name: String, minimumJets: Int = 1, hasMask: Bool = false
    ) throws(InputError) {
        try checkJetShape(jets.shape, name: name, minimumJets: minimumJets)
        let (count, particles, features) = (jets.shape[0], jets.shape[1], jets.shape[2])
        let checksMask = hasMask && features >= 4
        let violation: InputError? = jets.withUnsafeBufferPointer { values in
            for jet in 0..<count {
                for particle in 0..<particles {
                    let base = (jet * particles + particle) * features
                    for feature in 0..<features where !values[base + feature].isFinite {
                        return .nonFinite(array: name, jet: jet, particle: particle, feature: feature, value: "\(values[base + feature])")
                    }
                    if values[base + 2] < 0 {
                        return .negativePt(array: name, jet: jet, particle: particle, value: Double(values[base + 2]))
                    }
                    if checksMask, values[base + 3] != 0, values[base + 3] != 1 {
                        return .badMask(array: name, jet: jet, particle: particle, value: Double(values[base + 3]))
                    }
                }
            }
            return nil
        }
        if let violation { throw violation }
    }

    /// The shape part of ``checkJets(_:name:minimumJets:hasMask:)``, for kernels whose own pass
    /// over the values flags violations (then they call ``checkJets(_:name:minimumJets:hasMask:)``
    /// to name the first one).
    ///
    /// - Parameters:
    ///   - shape: the jets' shape, `[jets, particles, features >= 3]`.
    ///   - name: how messages name the array.
    ///   - minimumJets: the fewest jets allowed.
    /// - Throws: ``InputError/notJets(array:shape:)`` or ``InputError/tooFewJets(array:count:needed:)``.
    public static func checkJetShape(_ shape: [Int], name: String, minimumJets: Int = 1) throws(InputError) {
        guard shape.count == 3, shape[2] >= 3 else { throw .notJets(array: name, shape: shape) }
        guard shape[0] >= minimumJets else { throw .tooFewJets(array: name, count: shape[0], needed: minimumJets) }
    }

    /// Checks a particle mask given apart from the jets: every value exactly 0 or 1.
    ///
    /// - Parameters:
    ///   - mask: shape `[jets, particles]` (or `[jets, particles, 1]`).
    ///   - name: how messages name the mask.
    ///   - particles: particles per jet, to name the first bad value by jet and particle.
    /// - Throws: ``InputError/badMask(array:jet:particle:value:)``.
    @inlinable
    public static func checkMask<T: NDArrayElement & BinaryFloatingPoint>(_ mask: NDArray<T>, name: String, particles: Int) throws(InputError) {
        let bad: Int? = mask.withUnsafeBufferPointer { values in values.firstIndex { $0 != 0 && $0 != 1 } }
        if let bad {
            throw .badMask(array: name, jet: bad / max(1, particles), particle: bad % max(1, particles), value: Double(mask.storage[bad]))
        }
    }

    /// Checks per-jet features (FPD's and KPD's `[jets, features]` inputs): finite values and
    /// enough jets.
    ///
    /// - Parameters:
    ///   - features: shape `[jets, features]`.
    ///   - name: how messages name the array.
    ///   - minimumJets: the fewest jets (rows) allowed (2 for a metric).
    /// - Throws: ``InputError/tooFewJets(array:count:needed:)`` or
    ///   ``InputError/nonFiniteFeature(array:jet:feature:value:)``.
    @inlinable
    public static func checkJetFeatures<T: NDArrayElement & BinaryFloatingPoint>(
        _ features: NDArray<T>, name: String, minimumJets: Int = 2
    ) throws(InputError) {
        let rows = features.shape.first ?? 0
        guard rows >= minimumJets else { throw .tooFewJets(array: name, count: rows, needed: minimumJets) }
        let width = max(1, features.count / max(1, rows))
        let bad: Int? = features.withUnsafeBufferPointer { values in values.firstIndex { !$0.isFinite } }
        if let bad {
            throw .nonFiniteFeature(array: name, jet: bad / width, feature: bad % width, value: "\(features.storage[bad])")
        }
    }

    /// Refuses arrays stored as integers or booleans where jets (floating point) are expected.
    ///
    /// - Parameters:
    ///   - dtype: the stored element type's name (`"int64"`, `"float32"`).
    ///   - array: how messages name the array (usually its file).
    /// - Throws: ``InputError/notFloating(array:dtype:)``.
    public static func checkFloating(_ dtype: String, array: String) throws(InputError) {
        guard dtype.hasPrefix("float") else { throw .notFloating(array: array, dtype: dtype) }
    }
}

/// Why jets were refused by the ``InputPolicy``.
public enum InputError: Error, LocalizedError, Equatable, Sendable {
    /// Not `[jets, particles, features >= 3]`.
    case notJets(array: String, shape: [Int])
    /// Fewer jets than the computation needs.
    case tooFewJets(array: String, count: Int, needed: Int)
    /// NaN or infinity.
    case nonFinite(array: String, jet: Int, particle: Int, feature: Int, value: String)
    /// NaN or infinity in per-jet features (FPD, KPD).
    case nonFiniteFeature(array: String, jet: Int, feature: Int, value: String)
    /// A negative pt.
    case negativePt(array: String, jet: Int, particle: Int, value: Double)
    /// A mask value other than 0 or 1.
    case badMask(array: String, jet: Int, particle: Int, value: Double)
    /// Integer or boolean storage.
    case notFloating(array: String, dtype: String)

    public var errorDescription: String? {
        switch self {
        case let .notJets(array, shape):
            "\(array) has shape \(shape) but jets are [jets, particles, features >= 3] in JetNet order [eta, phi, pt, (mask)]; reshape a single jet to [1, particles, features]."
        case let .tooFewJets(array, count, needed):
            "\(array) holds \(count) jet\(count == 1 ? "" : "s") but at least \(needed) are needed; pass more jets."
        case let .nonFinite(array, jet, particle, feature, value):
            "\(array) holds \(value) at jet \(jet), particle \(particle), feature \(feature); remove or fix non-finite values first."
        case let .nonFiniteFeature(array, jet, feature, value):
            "\(array) holds \(value) at jet \(jet), feature \(feature); remove or fix non-finite values first."
        case let .negativePt(array, jet, particle, value):
            "\(array) has a negative pt (\(value)) at jet \(jet), particle \(particle); pt (feature 2) must be >= 0. Check the feature order [eta, phi, pt, (mask)]."
        case let .badMask(array, jet, particle, value):
            "\(array) has mask value \(value) at jet \(jet), particle \(particle); the mask (feature 3) must be 0 or 1. Check the feature order [eta, phi, pt, mask]."
        case let .notFloating(array, dtype):
            "\(array) stores \(dtype) values, but jets must be floating point (float32 or float64); convert with array.astype('float32') if the values really are jets."
        }
    }
}
