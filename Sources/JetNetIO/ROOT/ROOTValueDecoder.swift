import JetNetCore

/// Converts runs of big-endian ROOT values into Swift elements.
enum ROOTValueDecoder {
    /// Decodes `count` values of `type` starting at `byteOffset` (the caller checked bounds).
    ///
    /// Same-width same-kind pairs (`float` to `Float`, `int32_t` to `Int32`…) are byte swaps;
    /// other pairs convert through `Int64` or `Double` like NumPy's `astype`.
    static func decode<T: NDArrayElement>(_ raw: UnsafeRawBufferPointer, byteOffset: Int, count: Int, type: ROOTLeafType, into out: UnsafeMutablePointer<T>) {
        guard count > 0, let start = raw.baseAddress else { return }
        let base = start + byteOffset
        let target = UnsafeMutableRawPointer(out)
        switch (type, T.dtype) {
        case (.float32, .float32), (.int32, .int32), (.uint32, .int32):
            let words = target.assumingMemoryBound(to: UInt32.self)
            for i in 0 ..< count { words[i] = UInt32(bigEndian: base.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
        case (.float64, .float64), (.int64, .int64), (.uint64, .int64):
            let words = target.assumingMemoryBound(to: UInt64.self)
            for i in 0 ..< count { words[i] = UInt64(bigEndian: base.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) }
        case (.uint8, .uint8), (.int8, .uint8):
            target.copyMemory(from: base, byteCount: count)
        case (.bool, .bool), (.uint8, .bool), (.int8, .bool):
            let bytes = target.assumingMemoryBound(to: UInt8.self)
            for i in 0 ..< count { bytes[i] = base.load(fromByteOffset: i, as: UInt8.self) != 0 ? 1 : 0 }
        default:
            for i in 0 ..< count { out[i] = value(base, i, type) }
        }
    }

    @inline(__always)
    private static func value<T: NDArrayElement>(_ base: UnsafeRawPointer, _ i: Int, _ type: ROOTLeafType) -> T {
        switch type {
        case .bool: return T(converting: base.load(fromByteOffset: i, as: UInt8.self) != 0)
        case .int8: return T(int64Value: Int64(base.load(fromByteOffset: i, as: Int8.self)))
        case .uint8: return T(int64Value: Int64(base.load(fromByteOffset: i, as: UInt8.self)))
        case .int16: return T(int64Value: Int64(Int16(bigEndian: base.loadUnaligned(fromByteOffset: i * 2, as: Int16.self))))
        case .uint16: return T(int64Value: Int64(UInt16(bigEndian: base.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))))
        case .int32: return T(converting: Int32(bigEndian: base.loadUnaligned(fromByteOffset: i * 4, as: Int32.self)))
        case .uint32: return T(int64Value: Int64(UInt32(bigEndian: base.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))))
        case .int64: return T(converting: Int64(bigEndian: base.loadUnaligned(fromByteOffset: i * 8, as: Int64.self)))
        case .uint64:
            let raw = UInt64(bigEndian: base.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
            // Values above Int64.max keep their magnitude as floating point.
            return T.isIntegral || raw <= UInt64(Int64.max) ? T(int64Value: Int64(bitPattern: raw)) : T(doubleValue: Double(raw))
        case .float32: return T(converting: Float(bitPattern: UInt32(bigEndian: base.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))))
        case .float64: return T(doubleValue: Double(bitPattern: UInt64(bigEndian: base.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))))
        }
    }
}
