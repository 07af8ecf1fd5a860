import Foundation
import JetNetCore

/// Reads the EFP fixtures (see Fixtures/README.md and scripts/fixtures/make_efp_fixtures.py).
enum EFPFixtures {
    static func url(_ name: String, _ ext: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures")
            ?? Bundle.module.url(forResource: name, withExtension: ext)!
    }

    /// A little-endian float32/float64 C-order .npy file as Double values and its shape.
    /// (Minimal reader so these tests do not depend on the NPY module.)
    static func npy(_ name: String) throws -> (shape: [Int], values: [Double]) {
        let data = try Data(contentsOf: url(name, "npy"))
        let bytes = [UInt8](data)
        let major = bytes[6]
        let headerLength = major == 1 ? Int(bytes[8]) | Int(bytes[9]) << 8
            : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        let start = major == 1 ? 10 : 12
        let header = String(decoding: bytes[start..<(start + headerLength)], as: UTF8.self)
        let shapeText = header.components(separatedBy: "'shape': (")[1].components(separatedBy: ")")[0]
        let shape = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let count = shape.reduce(1, *)
        let body = data.subdata(in: (start + headerLength)..<data.count)
        precondition(header.contains("'fortran_order': False"))
        if header.contains("'<f4'") {
            let floats = body.withUnsafeBytes { Array($0.bindMemory(to: Float.self).prefix(count)) }
            return (shape, floats.map(Double.init))
        }
        precondition(header.contains("'<f8'"), "unsupported dtype in \(header)")
        return (shape, body.withUnsafeBytes { Array($0.bindMemory(to: Double.self).prefix(count)) })
    }

    /// The first 100 g jets (etarel, phirel, ptrel), float32 as stored.
    static func gJets() throws -> NDArray<Float> {
        let (shape, values) = try npy("efp_g100")
        return NDArray(shape: shape, storage: values.map { Float($0) })
    }

    /// The first 20 t jets (etarel, phirel, ptrel), float32 as stored.
    static func tJets() throws -> NDArray<Float> {
        let (shape, values) = try npy("efp_t20")
        return NDArray(shape: shape, storage: values.map { Float($0) })
    }

    struct GoldenSet: Decodable {
        let count: Int
        let graphs: [[[Int]]]
        let specs: [[Int]]
    }

    struct Golden: Decodable {
        let sets: [String: GoldenSet]
    }

    static func golden() throws -> Golden {
        try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url("efp_golden", "json")))
    }
}

/// Largest relative difference |a/b - 1| (absolute when b is 0).
func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "lengths \(a.count) and \(b.count) differ")
    var worst = 0.0
    for (x, y) in zip(a, b) {
        let difference = y == 0 ? abs(x) : abs(x / y - 1)
        if !(difference <= worst) { worst = difference.isNaN ? .infinity : difference }
    }
    return worst
}
