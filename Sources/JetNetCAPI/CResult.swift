import CJetNetCAPI
import JetNetCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One output array of a C ABI call.
enum COutput {
    case float32(NDArray<Float>)
    case float64(NDArray<Double>)
    case bool(NDArray<Bool>)

    var shape: [Int] {
        switch self {
        case let .float32(array): array.shape
        case let .float64(array): array.shape
        case let .bool(array): array.shape
        }
    }

    var dtype: Int32 {
        switch self {
        case .float32: Int32(JN_FLOAT32)
        case .float64: Int32(JN_FLOAT64)
        case .bool: Int32(JN_BOOL)
        }
    }

    /// Writes the elements into `destination` (C `bool` is one byte, as Swift's `Bool`).
    func copy(into destination: UnsafeMutableRawPointer) {
        switch self {
        case let .float32(array): array.withUnsafeBufferPointer { destination.copyMemory(from: $0.baseAddress!, byteCount: $0.count * 4) }
        case let .float64(array): array.withUnsafeBufferPointer { destination.copyMemory(from: $0.baseAddress!, byteCount: $0.count * 8) }
        case let .bool(array):
            let bytes = destination.assumingMemoryBound(to: UInt8.self)
            for (i, value) in array.storage.enumerated() { bytes[i] = value ? 1 : 0 }
        }
    }
}

/// The outcome of one C ABI call (`jn_result`): status, message and outputs, owned by the caller
/// until `jn_result_free`. Each call makes its own, so calls on several threads share nothing.
final class CResult {
    var status: Int32 = Int32(JN_OK)
    /// The error's message as a C string the caller may read until the result is freed.
    private(set) var message: UnsafeMutablePointer<CChar> = strdup("")
    var outputs: [COutput] = []

    deinit { free(message) }

    func fail(_ status: Int32, _ text: String) {
        self.status = status
        free(message)
        message = strdup(text)
    }

    /// Runs `body` and records its outputs, or its error's category and message.
    static func run(_ body: () throws -> [COutput]) -> OpaquePointer {
        let result = CResult()
        do {
            result.outputs = try body()
        } catch {
            result.fail(CErrorCategory.of(error), CErrorCategory.message(of: error))
        }
        return OpaquePointer(Unmanaged.passRetained(result).toOpaque())
    }

    static func from(_ pointer: OpaquePointer?) -> CResult {
        Unmanaged<CResult>.fromOpaque(UnsafeRawPointer(pointer!)).takeUnretainedValue()
    }
}

@_cdecl("jn_result_status")
public func jnResultStatus(_ result: OpaquePointer?) -> Int32 { CResult.from(result).status }

@_cdecl("jn_result_message")
public func jnResultMessage(_ result: OpaquePointer?) -> UnsafePointer<CChar>? {
    UnsafePointer(CResult.from(result).message)
}

@_cdecl("jn_result_count")
public func jnResultCount(_ result: OpaquePointer?) -> Int64 { Int64(CResult.from(result).outputs.count) }

@_cdecl("jn_result_dtype")
public func jnResultDType(_ result: OpaquePointer?, _ index: Int64) -> Int32 { CResult.from(result).outputs[Int(index)].dtype }

@_cdecl("jn_result_ndim")
public func jnResultNDim(_ result: OpaquePointer?, _ index: Int64) -> Int64 { Int64(CResult.from(result).outputs[Int(index)].shape.count) }

@_cdecl("jn_result_shape")
public func jnResultShape(_ result: OpaquePointer?, _ index: Int64, _ shape: UnsafeMutablePointer<Int64>?) {
    for (axis, length) in CResult.from(result).outputs[Int(index)].shape.enumerated() { shape![axis] = Int64(length) }
}

@_cdecl("jn_result_copy")
public func jnResultCopy(_ result: OpaquePointer?, _ index: Int64, _ destination: UnsafeMutableRawPointer?) {
    CResult.from(result).outputs[Int(index)].copy(into: destination!)
}

@_cdecl("jn_result_free")
public func jnResultFree(_ result: OpaquePointer?) {
    guard let result else { return }
    Unmanaged<CResult>.fromOpaque(UnsafeRawPointer(result)).release()
}

@_cdecl("jn_version")
public func jnVersion() -> UnsafePointer<CChar>? { CVersion.text }

enum CVersion {
    /// A C string that lives for the whole process.
    nonisolated(unsafe) static let text: UnsafePointer<CChar>? = {
        let bytes = Array(JetNetVersion.current.utf8CString)
        let storage = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        storage.initialize(from: bytes, count: bytes.count)
        return UnsafePointer(storage)
    }()
}
