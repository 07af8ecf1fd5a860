import CJetNetCAPI
import JetNetCore

/// A caller's array (`jn_array`) read into the library's arrays.
enum CArray {
    /// An input array of either floating-point type, kept in its own precision.
    enum Floating {
        case float32(NDArray<Float>)
        case float64(NDArray<Double>)
    }

    static func shape(_ array: UnsafePointer<jn_array>, name: String) throws -> [Int] {
        let description = array.pointee
        guard description.ndim >= 0, description.ndim <= 32 else {
            throw CArgumentError(message: "\(name) has \(description.ndim) axes; pass an array of 0 to 32 axes.")
        }
        let shape = (0..<Int(description.ndim)).map { Int(description.shape![$0]) }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw CArgumentError(message: "\(name) has a negative length in shape \(shape).") }
        return shape
    }

    /// Reads `array` as `T`, converting from the other precision when the dtypes differ.
    static func read<T: NDArrayElement & BinaryFloatingPoint>(
        _ array: UnsafePointer<jn_array>?, name: String, as type: T.Type = T.self
    ) throws -> NDArray<T> {
        switch try floating(array, name: name) {
        case let .float32(values): T.self == Float.self ? values as! NDArray<T> : values.map { T($0) }
        case let .float64(values): T.self == Double.self ? values as! NDArray<T> : values.map { T($0) }
        }
    }

    static func readOptional<T: NDArrayElement & BinaryFloatingPoint>(
        _ array: UnsafePointer<jn_array>?, name: String, as type: T.Type = T.self
    ) throws -> NDArray<T>? {
        guard array != nil else { return nil }
        return try read(array, name: name, as: type)
    }

    /// Reads `array` in its own precision.
    static func floating(_ array: UnsafePointer<jn_array>?, name: String) throws -> Floating {
        guard let array else { throw CArgumentError(message: "\(name) is missing; pass an array.") }
        let shape = try shape(array, name: name)
        let count = shape.reduce(1, *)
        let data = array.pointee.data
        guard count == 0 || data != nil else { throw CArgumentError(message: "\(name) has no data pointer.") }
        switch array.pointee.dtype {
        case Int32(JN_FLOAT32):
            return .float32(NDArray(shape: shape, storage: copy(data, count: count, as: Float.self)))
        case Int32(JN_FLOAT64):
            return .float64(NDArray(shape: shape, storage: copy(data, count: count, as: Double.self)))
        default:
            throw CArgumentError(message: "\(name) has element type code \(array.pointee.dtype); pass float32 or float64.")
        }
    }

    private static func copy<T>(_ data: UnsafeRawPointer?, count: Int, as type: T.Type) -> [T] {
        guard count > 0, let data else { return [] }
        return Array(UnsafeBufferPointer(start: data.assumingMemoryBound(to: T.self), count: count))
    }

    /// The C string `text`, or an error naming `name` when it is NULL.
    static func string(_ text: UnsafePointer<CChar>?, name: String) throws -> String {
        guard let text else { throw CArgumentError(message: "\(name) is missing; pass a string.") }
        return String(cString: text)
    }

    /// A `'\n'`-separated list of EFP selection conditions.
    static func selection(_ text: UnsafePointer<CChar>?) throws -> [String] {
        try string(text, name: "selection").split(separator: "\n").map(String.init)
    }

    /// A non-negative count, or an error naming the argument.
    static func count(_ value: Int64, name: String, minimum: Int64 = 0) throws -> Int {
        guard value >= minimum else { throw CArgumentError(message: "\(name) = \(value) is not allowed; it must be at least \(minimum).") }
        return Int(value)
    }
}
