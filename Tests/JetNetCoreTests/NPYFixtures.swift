import Foundation
import Testing
import JetNetTestSupport
@testable import JetNetCore

/// This target's `Fixtures/` folder (see Fixtures/README.md).
let fixtures = FixtureDirectory(bundle: .module)

/// The numpy-written fixtures in `Fixtures/npy` and their manifest
/// (made by `scripts/fixtures/make_npy_fixtures.py`).
enum NPYFixtures {
    struct ArrayCase: Decodable {
        let file: String?
        let descr: String
        let shape: [Int]
        let fortranOrder: Bool?
        let version: Int?
        let floatValues: [Double]
        let integerValues: [Int64]

        enum CodingKeys: String, CodingKey { case file, descr, shape, fortranOrder = "fortran_order", version, values }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            file = try container.decodeIfPresent(String.self, forKey: .file)
            descr = try container.decode(String.self, forKey: .descr)
            shape = try container.decode([Int].self, forKey: .shape)
            fortranOrder = try container.decodeIfPresent(Bool.self, forKey: .fortranOrder)
            version = try container.decodeIfPresent(Int.self, forKey: .version)
            // Integers beyond 2^53 must not pass through Double.
            if descr.dropFirst().hasPrefix("f") {
                floatValues = try container.decode([Double].self, forKey: .values)
                integerValues = []
            } else {
                integerValues = try container.decode([Int64].self, forKey: .values)
                floatValues = []
            }
        }

        /// Whether `array` holds exactly these values (bit-exact for floats, so -0.0 counts).
        func matches(_ array: AnyNDArray) -> Bool {
            guard array.shape == shape else { return false }
            switch array {
            case .float32(let a):
                return a.storage.map(\.bitPattern) == floatValues.map { Float($0).bitPattern }
            case .float64(let a):
                return a.storage.map(\.bitPattern) == floatValues.map(\.bitPattern)
            case .int32(let a): return a.storage.map { Int64($0) } == integerValues
            case .int64(let a): return a.storage == integerValues
            case .uint8(let a): return a.storage.map { Int64($0) } == integerValues
            case .bool(let a): return a.storage.map { $0 ? 1 : 0 } == integerValues
            }
        }
    }

    struct ArchiveCase: Decodable {
        let file: String
        let compressed: Bool
        let arrays: [String: ArrayCase]
    }

    struct Manifest: Decodable {
        let npy: [ArrayCase]
        let npz: [ArchiveCase]
    }

    static func url(_ name: String) -> URL { fixtures.root.appendingPathComponent("npy/\(name)") }

    static func data(_ name: String) throws -> Data { try fixtures.data("npy/\(name)") }

    // A missing or broken manifest is a broken checkout; every test using it fails loudly.
    static let manifest = try! fixtures.decode(Manifest.self, from: "npy/manifest.json")

    static func npyCase(_ file: String) -> ArrayCase {
        manifest.npy.first { $0.file == file }!
    }
}
