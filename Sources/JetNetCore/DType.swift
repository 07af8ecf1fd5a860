/// The element types an ``NDArray`` can hold, named as NumPy names them.
///
/// The raw value is NumPy's little-endian type string (`"<f4"`), which is also what
/// `.npy` headers and the CLI's `info` command print.
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
    case float32 = "<f4"
    case float64 = "<f8"
    case int32 = "<i4"
    case int64 = "<i8"
    case bool = "|b1"
    case uint8 = "|u1"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float32, .int32: 4
        case .float64, .int64: 8
        case .bool, .uint8: 1
        }
    }

    /// NumPy's short name (`float32`, `int64`, `bool`, …).
    public var description: String {
        switch self {
        case .float32: "float32"
        case .float64: "float64"
        case .int32: "int32"
        case .int64: "int64"
        case .bool: "bool"
        case .uint8: "uint8"
        }
    }
}
