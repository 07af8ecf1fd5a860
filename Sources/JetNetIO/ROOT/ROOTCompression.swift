import CCompression

/// A ROOT compression setting (`fCompress = algorithm * 100 + level`) and the block decoder.
///
/// ROOT compresses each object or basket as one or more blocks, each with a 9-byte header:
/// a 2-byte algorithm tag (`ZL` zlib, `XZ` lzma, `L4` lz4, `ZS` zstd, `CS` old ROOT), a
/// method byte, then the compressed and uncompressed sizes as 3-byte little-endian numbers.
/// LZ4 blocks put an 8-byte big-endian xxhash64 of the compressed bytes before the data.
public struct ROOTCompression: Sendable, Equatable, CustomStringConvertible {
    /// The algorithms ROOT writes.
    public enum Algorithm: String, Sendable, Equatable, CaseIterable {
        case none = "none", zlib = "ZLIB", lzma = "LZMA", oldROOT = "CS", lz4 = "LZ4", zstd = "ZSTD"
        /// Algorithm code 0, ROOT's "global default": zlib before ROOT 6.14, LZ4 since (the
        /// blocks name their real algorithm; uproot prints this setting as `None`).
        case globalDefault = "default"
    }

    /// The algorithm (`.none` when the level is 0).
    public let algorithm: Algorithm
    /// The level, 0 (uncompressed) to 9.
    public let level: Int

    /// Decodes ROOT's `fCompress` number (`-1` and other negative values mean "inherit"; pass the
    /// file's setting for those).
    public init(code: Int) {
        let (algorithmCode, level) = code < 0 ? (0, 0) : code.quotientAndRemainder(dividingBy: 100)
        self.level = level
        if level == 0 {
            algorithm = .none
        } else {
            switch algorithmCode {
            case 0: algorithm = .globalDefault
            case 1: algorithm = .zlib
            case 2: algorithm = .lzma
            case 3: algorithm = .oldROOT
            case 4: algorithm = .lz4
            case 5: algorithm = .zstd
            default: algorithm = .zlib
            }
        }
    }

    /// `"LZ4(4)"`, `"ZLIB(1)"` or `"none"`, as uproot prints it.
    public var description: String { algorithm == .none ? "none" : "\(algorithm.rawValue)(\(level))" }

    /// Decompresses ROOT blocks until `uncompressedSize` bytes are produced.
    ///
    /// - Parameters:
    ///   - input: the compressed bytes, shape `[n]` (one or more blocks).
    ///   - uncompressedSize: the expected total size (the key's `fObjlen`).
    /// - Returns: the uncompressed bytes, shape `[uncompressedSize]`.
    /// - Throws: ``ROOTError`` when a header is truncated, a block fails or its checksum does
    ///   not match, or the sizes do not add up.
    static func decompress(_ input: ArraySlice<UInt8>, uncompressedSize: Int) throws -> [UInt8] {
        guard uncompressedSize >= 0 else { throw ROOTError.malformed("negative uncompressed size \(uncompressedSize)") }
        var output = [UInt8]()
        var position = input.startIndex
        while position < input.endIndex && output.count < uncompressedSize {
            guard input.endIndex - position >= 9 else {
                throw ROOTError.truncated(what: "a compression header", offset: position - input.startIndex, needed: 9, available: input.endIndex - position)
            }
            let tag = String(decoding: input[position ..< position + 2], as: UTF8.self)
            let compressed = Int(input[position + 3]) | Int(input[position + 4]) << 8 | Int(input[position + 5]) << 16
            let uncompressed = Int(input[position + 6]) | Int(input[position + 7]) << 8 | Int(input[position + 8]) << 16
            position += 9
            guard compressed <= input.endIndex - position else {
                throw ROOTError.truncated(what: "a \(tag) block", offset: position - input.startIndex, needed: compressed, available: input.endIndex - position)
            }
            guard output.count + uncompressed <= uncompressedSize else {
                throw ROOTError.malformed("compressed blocks expand to more than the \(uncompressedSize) bytes the key promises")
            }
            let block = input[position ..< position + compressed]
            position += compressed
            // Decode into uninitialised memory: a damaged header may claim up to 16 MiB, and
            // zero-filling that before the block fails would be wasted work.
            let decoded = try [UInt8](unsafeUninitializedCapacity: uncompressed) { buffer, initialized in
                try block.withUnsafeBytes { source in
                    try decodeBlock(tag: tag, source: source, into: UnsafeMutableRawBufferPointer(buffer))
                }
                initialized = uncompressed
            }
            if output.isEmpty && uncompressed == uncompressedSize {
                output = decoded  // the usual case: one block
            } else {
                output.append(contentsOf: decoded)
            }
        }
        guard output.count == uncompressedSize else {
            throw ROOTError.decompressionFailed(algorithm: "ROOT", reason: "blocks gave \(output.count) bytes, the key promises \(uncompressedSize)")
        }
        return output
    }

    private static func decodeBlock(tag: String, source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) throws {
        switch tag {
        case "ZL": try inflate(source, into: target)
        case "XZ": try unxz(source, into: target)
        case "L4": try unlz4(source, into: target)
        case "ZS": try unzstd(source, into: target)
        default: throw ROOTError.unsupportedCompression(algorithm: tag.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 } ? tag : "unknown")
        }
    }

    private static func inflate(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) throws {
        var stream = z_stream()
        guard jn_inflateInit2(&stream, 15) == Z_OK else { throw ROOTError.decompressionFailed(algorithm: "ZLIB", reason: "inflateInit failed") }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(source.count)
        stream.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(target.count)
        let status = CCompression.inflate(&stream, Z_FINISH)
        guard status == Z_STREAM_END || (status == Z_OK || status == Z_BUF_ERROR) && stream.avail_out == 0 && target.count > 0 else {
            throw ROOTError.decompressionFailed(algorithm: "ZLIB", reason: "inflate returned \(status)")
        }
        guard Int(stream.total_out) == target.count else {
            throw ROOTError.decompressionFailed(algorithm: "ZLIB", reason: "got \(stream.total_out) bytes, header says \(target.count)")
        }
    }

    private static func unxz(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) throws {
        var memoryLimit: UInt64 = 1 << 30
        var inPosition = 0
        var outPosition = 0
        let status = lzma_stream_buffer_decode(
            &memoryLimit, 0, nil,
            source.baseAddress?.assumingMemoryBound(to: UInt8.self), &inPosition, source.count,
            target.baseAddress?.assumingMemoryBound(to: UInt8.self), &outPosition, target.count)
        guard status == LZMA_OK, outPosition == target.count else {
            throw ROOTError.decompressionFailed(algorithm: "LZMA", reason: "lzma status \(status.rawValue), \(outPosition) of \(target.count) bytes")
        }
    }

    private static func unlz4(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) throws {
        guard source.count >= 8 else { throw ROOTError.truncated(what: "an LZ4 checksum", offset: 0, needed: 8, available: source.count) }
        let expected = UInt64(bigEndian: source.loadUnaligned(as: UInt64.self))
        let payload = UnsafeRawBufferPointer(rebasing: source[8...])
        let computed = XXH64.hash(payload)
        guard computed == expected else { throw ROOTError.checksumMismatch(expected: expected, computed: computed) }
        guard payload.count <= Int(Int32.max), target.count <= Int(Int32.max) else { throw ROOTError.malformed("LZ4 block too large") }
        let produced = LZ4_decompress_safe(
            payload.baseAddress?.assumingMemoryBound(to: CChar.self),
            target.baseAddress?.assumingMemoryBound(to: CChar.self),
            Int32(payload.count), Int32(target.count))
        guard Int(produced) == target.count else {
            throw ROOTError.decompressionFailed(algorithm: "LZ4", reason: "got \(produced) bytes, header says \(target.count)")
        }
    }

    private static func unzstd(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) throws {
        guard let input = source.baseAddress, let output = target.baseAddress else {
            throw ROOTError.decompressionFailed(algorithm: "ZSTD", reason: "empty block")
        }
        let produced = ZSTD_decompress(output, target.count, input, source.count)
        guard ZSTD_isError(produced) == 0, produced == target.count else {
            throw ROOTError.decompressionFailed(algorithm: "ZSTD", reason: ZSTD_isError(produced) != 0 ? String(cString: ZSTD_getErrorName(produced)) : "got \(produced) bytes, header says \(target.count)")
        }
    }
}
