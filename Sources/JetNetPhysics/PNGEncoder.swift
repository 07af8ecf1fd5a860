import CCompression
import Foundation
import JetNetCore

/// Writes jet images (or any 2-D array) as PNG files a person can look at.
///
/// A PNG is the 8-byte signature, an `IHDR` chunk (size, 8-bit greyscale or RGB), one `IDAT`
/// chunk (the zlib-deflated rows, each preceded by filter byte 0) and `IEND`; every chunk ends
/// with the CRC-32 of its type and data.
public enum PNGEncoder {
    /// Encodes a 2-D array as a PNG.
    ///
    /// Intensities are scaled to `[0, 1]` by the largest value (linear) or, with `logScale`,
    /// by `log(v)` between the smallest and largest positive values; zero and negative pixels are
    /// the colour map's bottom. The first axis (eta in a ``JetImage``) runs upwards, the second
    /// (phi) to the right, and each array element becomes a `pixelSize x pixelSize` square.
    ///
    /// - Parameters:
    ///   - image: the values, shape `[rows, columns]`.
    ///   - colorMap: greyscale or viridis.
    ///   - logScale: map intensities logarithmically (jet images span orders of magnitude).
    ///   - pixelSize: the side of the square drawn for each element (at least 1).
    /// - Returns: the PNG file's bytes.
    /// - Throws: ``PhysicsError`` when `image` is not 2-D or empty, or `pixelSize < 1`.
    public static func encode(_ image: NDArray<Double>, colorMap: ColorMap = .viridis, logScale: Bool = false,
                              pixelSize: Int = 1) throws -> Data {
        guard image.rank == 2, image.count > 0 else {
            throw PhysicsError.wrongRank(array: "image", shape: image.shape, expected: "2 non-empty axes [rows, columns]")
        }
        guard pixelSize >= 1 else {
            throw PhysicsError.invalidArgument(name: "pixelSize", value: "\(pixelSize)", allowed: "at least 1")
        }
        let intensities = normalised(image.storage, logScale: logScale)
        let (rows, columns) = (image.shape[0], image.shape[1])
        let (width, height) = (columns * pixelSize, rows * pixelSize)
        let channels = colorMap == .greyscale ? 1 : 3
        var raw = [UInt8]()
        raw.reserveCapacity(height * (1 + width * channels))
        for y in 0..<height {
            raw.append(0)  // filter: none
            let row = rows - 1 - y / pixelSize  // the first axis runs upwards
            for x in 0..<width {
                let (r, g, b) = colorMap.rgb(intensities[row * columns + x / pixelSize])
                if channels == 1 { raw.append(r) } else { raw.append(contentsOf: [r, g, b]) }
            }
        }
        var header = Data()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header.append(contentsOf: [8, channels == 1 ? 0 : 2, 0, 0, 0])
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        png.appendChunk("IHDR", header)
        png.appendChunk("IDAT", deflate(raw))
        png.appendChunk("IEND", Data())
        return png
    }

    /// Encodes `image` and writes it to `url`.
    ///
    /// - Parameters: as ``encode(_:colorMap:logScale:pixelSize:)``, plus the file `url`.
    /// - Throws: ``PhysicsError`` for a bad image, or the file system's error.
    public static func write(_ image: NDArray<Double>, to url: URL, colorMap: ColorMap = .viridis, logScale: Bool = false,
                             pixelSize: Int = 1) throws {
        try AtomicFile.write(encode(image, colorMap: colorMap, logScale: logScale, pixelSize: pixelSize), to: url)
    }

    /// Values scaled to `[0, 1]`.
    static func normalised(_ values: [Double], logScale: Bool) -> [Double] {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let top = positive.max(), let bottom = positive.min() else { return values.map { _ in 0 } }
        if !logScale { return values.map { $0 > 0 && $0.isFinite ? $0 / top : 0 } }
        let (low, span) = (log(bottom), log(top) - log(bottom))
        // With one distinct positive value every positive pixel is at the top.
        return values.map { $0 > 0 && $0.isFinite ? (span > 0 ? (log($0) - low) / span : 1) : 0 }
    }

    /// zlib's `compress2` at the best compression level (a zlib stream, as PNG's IDAT wants).
    static func deflate(_ bytes: [UInt8]) -> Data {
        var length = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = compress2(&out, &length, bytes, uLong(bytes.count), Z_BEST_COMPRESSION)
        precondition(status == Z_OK, "zlib compress2 failed with \(status)")  // only on out-of-memory
        return Data(out[0..<Int(length)])
    }
}

extension Data {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    fileprivate mutating func appendChunk(_ type: String, _ data: Data) {
        appendBigEndian(UInt32(data.count))
        let typed = Data(type.utf8) + data
        append(typed)
        let crc = typed.withUnsafeBytes { crc32(0, $0.bindMemory(to: UInt8.self).baseAddress, uInt(typed.count)) }
        appendBigEndian(UInt32(crc))
    }
}
