import Foundation
import JetNetCore

/// How numbers sit on disk when they are not plain big-endian values: ROOT's `Double32_t` and
/// `Float16_t`, decoded as uproot's `AsDouble32`, `AsFloat16` and `AsDtype('>f4', 'f8')` do.
public enum ROOTValueEncoding: Sendable, Equatable {
    /// Plain big-endian values of the branch's type.
    case plain
    /// An unsigned 32-bit integer `k` standing for `low + k * (high - low) / 2^bits`
    /// (a range was given: `Double32_t x; //[0,100,16]`). `Float16_t` computes in `Float`.
    case packed(low: Double, high: Double, bits: Int, float16: Bool)
    /// An exponent byte and a 16-bit mantissa of which `bits` bits are kept (no range:
    /// `[0,0,bits]`, and `Float16_t` without brackets, 12 bits).
    case truncated(bits: Int)
    /// A 4-byte float read as a double (`Double32_t` without a range).
    case floatAsDouble

    /// Bytes per value on disk, or nil for `.plain` (the type's size).
    var storedSize: Int? {
        switch self {
        case .plain: nil
        case .packed, .floatAsDouble: 4
        case .truncated: 3
        }
    }

    /// The encoding of a `Double32_t` (`float16: false`) or `Float16_t` from the title that
    /// holds its range (`"x/d[-2.5,10,20]"`, a member comment `"[0,100,16]"`), as uproot parses it:
    /// the first bracket pair, with two or three numbers.
    static func truncatedReal(title: String, float16: Bool) -> ROOTValueEncoding {
        guard let open = title.firstIndex(of: "["), let close = title.firstIndex(of: "]"), open < close else {
            return float16 ? .truncated(bits: 12) : .floatAsDouble
        }
        let parts = title[title.index(after: open) ..< close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = parts.map(number)
        guard (2 ... 3).contains(parts.count), let low = numbers[0], let high = numbers[1] else {
            return float16 ? .truncated(bits: 12) : .floatAsDouble
        }
        var bits = 32
        if parts.count == 3 {
            guard let value = Int(parts[2]) else { return float16 ? .truncated(bits: 12) : .floatAsDouble }
            if (2 ... 32).contains(value) { bits = value }
        }
        if low == 0, high == 0 { return .truncated(bits: bits) }
        return .packed(low: low, high: high, bits: bits, float16: float16)
    }

    /// A number of a range: a literal, `pi`, or `k*pi` / `pi/k` (as ROOT allows).
    private static func number(_ text: String) -> Double? {
        if let value = Double(text) { return value }
        let compact = text.replacingOccurrences(of: " ", with: "").lowercased()
        let sign: Double = compact.hasPrefix("-") ? -1 : 1
        let body = compact.hasPrefix("-") ? String(compact.dropFirst()) : compact
        if body == "pi" { return sign * Double.pi }
        if body.hasSuffix("*pi"), let k = Double(body.dropLast(3)) { return sign * k * Double.pi }
        if body.hasPrefix("pi/"), let k = Double(body.dropFirst(3)), k != 0 { return sign * Double.pi / k }
        return nil
    }

    /// Decodes `count` encoded values starting at `byteOffset` (the caller checked bounds).
    func decode<T: NDArrayElement>(_ raw: UnsafeRawBufferPointer, byteOffset: Int, count: Int, into out: UnsafeMutablePointer<T>) {
        guard count > 0, let start = raw.baseAddress else { return }
        let base = start + byteOffset
        switch self {
        case .plain:
            preconditionFailure("plain values are decoded by ROOTValueDecoder")
        case let .packed(low, high, bits, float16):
            let scale = (high - low) / Double(UInt64(1) << bits)
            for i in 0 ..< count {
                let k = UInt32(bigEndian: base.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
                if float16 {
                    out[i] = T(converting: Float(k) * Float(scale) + Float(low))
                } else {
                    out[i] = T(doubleValue: Double(k) * scale + low)
                }
            }
        case let .truncated(bits):
            for i in 0 ..< count {
                let exponent = Int64(base.load(fromByteOffset: i * 3, as: UInt8.self))
                let mantissa = Int64(UInt16(bigEndian: base.loadUnaligned(fromByteOffset: i * 3 + 1, as: UInt16.self)))
                // As uproot: the mask keeps bits + 1 bits and the sign is bit bits + 1.
                let pattern = exponent << 23 | (mantissa & ((1 << (bits + 1)) - 1)) << (23 - bits)
                let sign: Float = mantissa & (1 << (bits + 1)) != 0 ? -1 : 1
                out[i] = T(converting: Float(bitPattern: UInt32(truncatingIfNeeded: pattern)) * sign)
            }
        case .floatAsDouble:
            for i in 0 ..< count {
                let value = Float(bitPattern: UInt32(bigEndian: base.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
                out[i] = T(doubleValue: Double(value))
            }
        }
    }
}
