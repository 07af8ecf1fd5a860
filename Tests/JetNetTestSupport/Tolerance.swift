/// Whether `a` and `b` agree to `relative` tolerance of the larger magnitude (symmetric in
/// `a` and `b`), or to `absolute` near zero.
/// - Parameters:
///   - a: one value.
///   - b: the other value.
///   - relative: the allowed difference as a fraction of `max(|a|, |b|)`.
///   - absolute: the allowed difference however small the values are.
/// - Returns: `|a - b| <= max(relative * max(|a|, |b|), absolute)`.
public func agrees(_ a: Double, _ b: Double, relative: Double, absolute: Double = 0) -> Bool {
    abs(a - b) <= max(relative * max(abs(a), abs(b)), absolute)
}

/// Whether `actual` is within `relative` of `expected` (relative to the expected value only),
/// or within `absolute` near zero.
/// - Parameters:
///   - actual: the computed value.
///   - expected: the reference value.
///   - relative: the allowed difference as a fraction of `|expected|`.
///   - absolute: the allowed difference however small `expected` is.
/// - Returns: `|actual - expected| <= max(relative * |expected|, absolute)`.
public func isClose(_ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 1e-15) -> Bool {
    abs(actual - expected) <= max(relative * abs(expected), absolute)
}
