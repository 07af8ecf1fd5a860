/// An ``NDArray`` whose element type is known only at run time, as read from a file.
public enum AnyNDArray: Sendable, Equatable {
    case float32(NDArray<Float>)
    case float64(NDArray<Double>)
    case int32(NDArray<Int32>)
    case int64(NDArray<Int64>)
    case bool(NDArray<Bool>)
    case uint8(NDArray<UInt8>)

    /// Wraps a typed array.
    public init<Element: NDArrayElement>(_ array: NDArray<Element>) {
        switch array {
        case let a as NDArray<Float>: self = .float32(a)
        case let a as NDArray<Double>: self = .float64(a)
        case let a as NDArray<Int32>: self = .int32(a)
        case let a as NDArray<Int64>: self = .int64(a)
        case let a as NDArray<Bool>: self = .bool(a)
        case let a as NDArray<UInt8>: self = .uint8(a)
        default: preconditionFailure("AnyNDArray: unsupported element type \(Element.self)")
        }
    }

    /// The extent of each axis.
    public var shape: [Int] {
        switch self {
        case .float32(let a): a.shape
        case .float64(let a): a.shape
        case .int32(let a): a.shape
        case .int64(let a): a.shape
        case .bool(let a): a.shape
        case .uint8(let a): a.shape
        }
    }

    /// The stored element type.
    public var dtype: DType {
        switch self {
        case .float32: .float32
        case .float64: .float64
        case .int32: .int32
        case .int64: .int64
        case .bool: .bool
        case .uint8: .uint8
        }
    }

    /// The array converted to `T` with NumPy's `astype` semantics.
    public func converted<T: NDArrayElement>(to type: T.Type = T.self) -> NDArray<T> {
        switch self {
        case .float32(let a): a.converted(to: T.self)
        case .float64(let a): a.converted(to: T.self)
        case .int32(let a): a.converted(to: T.self)
        case .int64(let a): a.converted(to: T.self)
        case .bool(let a): a.converted(to: T.self)
        case .uint8(let a): a.converted(to: T.self)
        }
    }
}
