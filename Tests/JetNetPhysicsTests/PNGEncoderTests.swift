import CCompression
import Foundation
import JetNetCore
import Testing
@testable import JetNetPhysics

@Suite("PNG encoder")
struct PNGEncoderTests {
    /// The chunks of a PNG: (type, data), checking each CRC.
    static func chunks(_ png: Data) -> [(String, [UInt8])] {
        let bytes = [UInt8](png)
        var result = [(String, [UInt8])]()
        var position = 8
        func u32(_ i: Int) -> UInt32 { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | UInt32($1) } }
        while position < bytes.count {
            let length = Int(u32(position))
            let typed = Array(bytes[(position + 4)..<(position + 8 + length)])
            let crc = UInt32(crc32(0, typed, uInt(typed.count)))
            #expect(crc == u32(position + 8 + length), "CRC of chunk at \(position)")
            result.append((String(decoding: typed[0..<4], as: UTF8.self), Array(typed[4...])))
            position += 12 + length
        }
        return result
    }

    static func inflate(_ data: [UInt8], size: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        var length = uLong(size)
        #expect(uncompress(&out, &length, data, uLong(data.count)) == Z_OK)
        return Array(out[0..<Int(length)])
    }

    @Test("Greyscale: signature, IHDR, rows with filter 0, first axis upwards, linear scale")
    func greyscale() throws {
        let image = NDArray<Double>(shape: [2, 3], storage: [0, 1, 2, 3, 4, 6])
        let png = try PNGEncoder.encode(image, colorMap: .greyscale)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let parts = Self.chunks(png)
        #expect(parts.map(\.0) == ["IHDR", "IDAT", "IEND"])
        #expect(parts[0].1 == [0, 0, 0, 3, 0, 0, 0, 2, 8, 0, 0, 0, 0])
        // Row 0 of the PNG is the last row of the array; v / 6 * 255 rounded.
        #expect(Self.inflate(parts[1].1, size: 64) == [0, 128, 170, 255, 0, 0, 43, 85])
    }

    @Test("Viridis RGB, pixel squares and log scale")
    func viridisLog() throws {
        let image = NDArray<Double>(shape: [1, 3], storage: [0, 1, 100])
        let png = try PNGEncoder.encode(image, colorMap: .viridis, logScale: true, pixelSize: 2)
        let parts = Self.chunks(png)
        #expect(parts[0].1 == [0, 0, 0, 6, 0, 0, 0, 2, 8, 2, 0, 0, 0])
        let rows = Self.inflate(parts[1].1, size: 64)
        // 0 -> bottom of the map; 1 -> log(1) = the smallest positive value -> bottom; 100 -> top.
        let bottom: [UInt8] = [68, 1, 84], top: [UInt8] = [253, 231, 37]
        let row: [UInt8] = [0] + bottom + bottom + bottom + bottom + top + top
        #expect(rows == row + row)
    }

    @Test("Colour maps at their ends and middle")
    func colorMaps() {
        #expect(ColorMap.viridis.rgb(0.5) == (33, 144, 141))
        #expect(ColorMap.viridis.rgb(2) == (253, 231, 37) && ColorMap.viridis.rgb(.nan) == (68, 1, 84))
        #expect(ColorMap.greyscale.rgb(1) == (255, 255, 255))
    }

    @Test("An all-zero image is uniformly the bottom colour; bad input throws")
    func edges() throws {
        let png = try PNGEncoder.encode(NDArray<Double>(zeros: [2, 2]), colorMap: .greyscale)
        #expect(Self.inflate(Self.chunks(png)[1].1, size: 16) == [0, 0, 0, 0, 0, 0])
        #expect(throws: PhysicsError.self) { try PNGEncoder.encode(NDArray<Double>(zeros: [4])) }
        #expect(throws: PhysicsError.self) { try PNGEncoder.encode(NDArray<Double>(zeros: [2, 2]), pixelSize: 0) }
    }
}
