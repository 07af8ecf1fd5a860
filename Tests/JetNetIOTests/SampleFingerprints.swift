import Foundation
import JetNetCore
import JetNetTestSupport

/// This target's `Fixtures/` folder (see Fixtures/README.md).
let fixtures = FixtureDirectory(bundle: .module)

/// The reference kit's fingerprints of g.hdf5 and g150.hdf5 (golden/samples.json, copied by
/// scripts/fixtures/extract_sample_fingerprints.py): what h5py + NumPy read from each dataset.
struct Fingerprint: Decodable {
    let shape: [Int]
    let dtype: String
    /// NumPy's float64 sum and sum of absolute values.
    let sum: Double
    let absSum: Double
    /// The first and last 12 values in row-major order.
    let first: [Double]
    let last: [Double]
    /// The first row of the first axis, flattened.
    let row0: [Double]
    let rowLast: [Double]

    enum CodingKeys: String, CodingKey { case shape, dtype, sum, absSum = "abs_sum", first, last, row0, rowLast = "row_last" }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        shape = try container.decode([Int].self, forKey: .shape)
        dtype = try container.decode(String.self, forKey: .dtype)
        sum = try container.decode(Double.self, forKey: .sum)
        absSum = try container.decode(Double.self, forKey: .absSum)
        first = try container.decode([Double].self, forKey: .first)
        last = try container.decode([Double].self, forKey: .last)
        row0 = try Self.flattened(container, .row0)
        rowLast = try Self.flattened(container, .rowLast)
    }

    private static func flattened(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [Double] {
        if let flat = try? container.decode([Double].self, forKey: key) { return flat }
        return try container.decode([[Double]].self, forKey: key).flatMap { $0 }
    }

    /// All fingerprints, by file name then dataset name.
    static let all: [String: [String: Fingerprint]] = {
        // A missing fixture is a broken checkout: fail every test that needs it, loudly.
        try! fixtures.decode([String: [String: Fingerprint]].self, from: "sample_fingerprints.json")
    }()
}
