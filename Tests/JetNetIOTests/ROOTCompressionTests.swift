import Foundation
import Testing
@testable import JetNetIO

@Suite("ROOT compression blocks")
struct ROOTCompressionTests {
    /// A ZL, an XZ and an L4 block in a row (Python zlib, lzma, lz4.block + xxhash).
    static let threeBlocks = "5a4c001e0000390000789c4bcb2c2a2e5148cac94fceb652a8cac94cd25348234a080053831405585a005c0000450000fd377a585a000004e6d6b4460200210116000000742fe5a3e00044001e5d0039994891b1699607b5f11eba3ffbbdf3b3162f4f5dff2e8f935a578ab800000000d5a2e3f0f5fe7cb400013a454dde99031fb6f37d010000000004595a4c3400330000600000320e60023530bff0ff11746869726420626c6f636b3a206c7a34207769746820636865636b73756d2e202000285073756d2e20"

    static func bytes(hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index ..< next], radix: 16)!)
            index = next
        }
        return result
    }

    @Test("several blocks of different algorithms in one object")
    func multipleBlocks() throws {
        let expected = String(repeating: "first block: zlib. ", count: 3) + String(repeating: "second block: lzma xz. ", count: 3)
            + String(repeating: "third block: lz4 with checksum. ", count: 3)
        let output = try ROOTCompression.decompress(Self.bytes(hex: Self.threeBlocks)[...], uncompressedSize: expected.utf8.count)
        #expect(String(decoding: output, as: UTF8.self) == expected)
        // Promising more bytes than the blocks hold is an error, not a short read.
        #expect(throws: ROOTError.self) { try ROOTCompression.decompress(Self.bytes(hex: Self.threeBlocks)[...], uncompressedSize: expected.utf8.count + 1) }
    }

    @Test("the old CS algorithm and unknown tags are named as unsupported")
    func unsupported() throws {
        let block: [UInt8] = Array("CS".utf8) + [8, 4, 0, 0, 4, 0, 0, 1, 2, 3, 4]
        #expect(throws: ROOTError.unsupportedCompression(algorithm: "CS")) { try ROOTCompression.decompress(block[...], uncompressedSize: 4) }
        #expect(ROOTCompression(code: 404).description == "LZ4(4)")
        #expect(ROOTCompression(code: 505).description == "ZSTD(5)")
        #expect(ROOTCompression(code: 207).description == "LZMA(7)")
        #expect(ROOTCompression(code: 101).description == "ZLIB(1)")
        #expect(ROOTCompression(code: 4).description == "default(4)")
        #expect(ROOTCompression(code: 0).description == "none")
    }
}
