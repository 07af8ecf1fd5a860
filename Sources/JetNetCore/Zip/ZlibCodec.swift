import CCompression
import Foundation

/// Raw deflate (no zlib or gzip wrapper), as zip entries store it, and CRC-32.
enum ZlibCodec {
    /// zlib passes sizes as `UInt32`; larger buffers are fed in pieces of this size.
    private static let piece = 1 << 30

    /// CRC-32 of `bytes` (zlib's `crc32`, the checksum zip records).
    static func crc32(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32? = nil) -> UInt32 {
        var crc: uLong = previous.map { uLong($0) } ?? CCompression.crc32(0, nil, 0)
        var offset = 0
        while offset < bytes.count {
            let length = min(piece, bytes.count - offset)
            crc = CCompression.crc32(crc, bytes.baseAddress!.assumingMemoryBound(to: Bytef.self) + offset, uInt(length))
            offset += length
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// Inflates raw deflate data into `output`, stopping when `output` is full.
    ///
    /// - Returns: the number of bytes written to `output`, and whether the deflate stream ended.
    static func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ZlibFailure) -> (written: Int, finished: Bool) {
        var stream = z_stream()
        guard jn_inflateInit2(&stream, -15) == Z_OK else { throw ZlibFailure(reason: "inflateInit2 failed") }
        defer { inflateEnd(&stream) }
        var inputOffset = 0, outputOffset = 0
        while true {
            if stream.avail_in == 0 && inputOffset < input.count {
                let length = min(piece, input.count - inputOffset)
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self) + inputOffset)
                stream.avail_in = uInt(length)
                inputOffset += length
            }
            if stream.avail_out == 0 {
                guard outputOffset < output.count else { return (outputOffset, false) }
                let length = min(piece, output.count - outputOffset)
                stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self) + outputOffset
                stream.avail_out = uInt(length)
                outputOffset += length
            }
            let status = CCompression.inflate(&stream, Z_NO_FLUSH)
            let written = outputOffset - Int(stream.avail_out)
            switch status {
            case Z_STREAM_END:
                return (written, true)
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress possible: either the output is full or the input ran out.
                if stream.avail_out == 0 && outputOffset == output.count { return (written, false) }
                if stream.avail_in == 0 && inputOffset == input.count {
                    throw ZlibFailure(reason: "the compressed data ends early")
                }
                continue
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw ZlibFailure(reason: "invalid deflate data (\(message))")
            }
        }
    }

    /// Deflates `input` (raw deflate, zlib's default level, as Python's `zipfile` does).
    static func deflate(_ input: UnsafeRawBufferPointer, level: Int32 = Z_DEFAULT_COMPRESSION) -> Data {
        var stream = z_stream()
        precondition(jn_deflateInit2(&stream, level, -15) == Z_OK, "zlib deflateInit2 failed")
        defer { deflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var inputOffset = 0
        var status: Int32 = Z_OK
        repeat {
            if stream.avail_in == 0 && inputOffset < input.count {
                let length = min(piece, input.count - inputOffset)
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self) + inputOffset)
                stream.avail_in = uInt(length)
                inputOffset += length
            }
            let flush = inputOffset == input.count ? Z_FINISH : Z_NO_FLUSH
            let produced = chunk.withUnsafeMutableBufferPointer { buffer -> Int in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                status = CCompression.deflate(&stream, flush)
                return buffer.count - Int(stream.avail_out)
            }
            output.append(contentsOf: chunk[0..<produced])
        } while status != Z_STREAM_END
        return output
    }
}

/// zlib rejected the data.
struct ZlibFailure: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
