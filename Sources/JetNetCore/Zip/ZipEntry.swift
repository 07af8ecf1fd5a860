/// One file inside a ``ZipArchive``, as its central directory describes it.
public struct ZipEntry: Sendable, Equatable, Hashable {
    /// How an entry's bytes are stored.
    public enum Method: Int, Sendable {
        /// Uncompressed (zip method 0), as `numpy.savez` and PyTorch write.
        case stored = 0
        /// Raw deflate (zip method 8), as `numpy.savez_compressed` writes.
        case deflated = 8
    }

    /// The path inside the archive, with `/` separators (`"x.npy"`, `"archive/data/0"`).
    public let name: String
    /// The compression method.
    public let method: Method
    /// The size of the entry's bytes once extracted.
    public let uncompressedSize: Int
    /// The size of the entry's bytes as stored in the archive.
    public let compressedSize: Int
    /// The CRC-32 of the extracted bytes.
    public let crc32: UInt32
    /// Where the entry's local header starts in the archive.
    let localHeaderOffset: Int
}
