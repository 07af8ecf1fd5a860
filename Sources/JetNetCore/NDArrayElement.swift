/// A scalar that an ``NDArray`` can store.
///
/// Conversions between element types go through `Int64` when both sides are integral
/// (so large integers survive exactly) and through `Double` otherwise, as NumPy's
/// `astype` does for these types (`Bool` becomes 0 or 1; any non-zero value becomes `true`).
public protocol NDArrayElement: Sendable, Equatable, Hashable {
    /// The NumPy type of this element.
    static var dtype: DType { get }
    /// The additive identity (`0`, `0.0`, `false`), used for padding.
    static var zero: Self { get }
    /// Whether the type holds integers (or booleans) rather than floating-point values.
    static var isIntegral: Bool { get }
    /// The value as a `Double`.
    var doubleValue: Double { get }
    /// The value as an `Int64` (floating-point values truncate toward zero, like NumPy).
    var int64Value: Int64 { get }
    /// Makes an element from a `Double`.
    init(doubleValue: Double)
    /// Makes an element from an `Int64`.
    init(int64Value: Int64)
}

extension NDArrayElement {
    /// Converts any element to this element type with NumPy's `astype` semantics.
    @inlinable
    public init<Source: NDArrayElement>(converting value: Source) {
        if Source.isIntegral && Self.isIntegral {
            self.init(int64Value: value.int64Value)
        } else {
            self.init(doubleValue: value.doubleValue)
        }
    }
}

/// Floating-point elements: conversions as NumPy's `astype` (non-finite values become 0 as integers).
extension NDArrayElement where Self: BinaryFloatingPoint {
    public static var isIntegral: Bool { false }
    @inlinable public var doubleValue: Double { Double(self) }
    @inlinable public var int64Value: Int64 { isFinite ? Int64(self) : 0 }
    @inlinable public init(doubleValue: Double) { self = Self(doubleValue) }
    @inlinable public init(int64Value: Int64) { self = Self(int64Value) }
}

/// Integer elements: doubles truncate toward zero, and every integer wraps to the width, as
/// NumPy's `astype` does.
extension NDArrayElement where Self: FixedWidthInteger {
    public static var isIntegral: Bool { true }
    @inlinable public var doubleValue: Double { Double(self) }
    @inlinable public var int64Value: Int64 { Int64(truncatingIfNeeded: self) }
    @inlinable public init(doubleValue: Double) {
        self = Self(truncatingIfNeeded: Int64(exactly: doubleValue.rounded(.towardZero)) ?? 0)
    }
    @inlinable public init(int64Value: Int64) { self = Self(truncatingIfNeeded: int64Value) }
}

extension Float: NDArrayElement {
    public static var dtype: DType { .float32 }
}

extension Double: NDArrayElement {
    public static var dtype: DType { .float64 }
}

extension Int32: NDArrayElement {
    public static var dtype: DType { .int32 }
}

extension Int64: NDArrayElement {
    public static var dtype: DType { .int64 }
}

extension UInt8: NDArrayElement {
    public static var dtype: DType { .uint8 }
}

extension Bool: NDArrayElement {
    public static var dtype: DType { .bool }
    public static var zero: Bool { false }
    public static var isIntegral: Bool { true }
    @inlinable public var doubleValue: Double { self ? 1 : 0 }
    @inlinable public var int64Value: Int64 { self ? 1 : 0 }
    @inlinable public init(doubleValue: Double) { self = doubleValue != 0 }
    @inlinable public init(int64Value: Int64) { self = int64Value != 0 }
}
