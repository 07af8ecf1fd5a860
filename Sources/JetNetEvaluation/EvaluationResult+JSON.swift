import Foundation
import JetNetMetrics

/// The stable JSON form: each metric under its ``MetricKind/jsonKey`` with the field names
/// jetnet users know (`value`/`std` for W1M, `values`/`stds` for W1P and W1EFP, `value`/`error`
/// for FPD and KPD, `cov`/`mmd`, `value` for FPND).
extension EvaluationResult: Codable {
    enum CodingKeys: String, CodingKey {
        case w1m, w1p, w1efp, fpd, kpd, covMMD = "cov_mmd", fpnd, inputs, seed, version
    }

    private struct ValueStd: Codable {
        var value: Double
        var std: Double
    }

    private struct ValuesStds: Codable {
        var values: [Double]
        var stds: [Double]
    }

    private struct Value: Codable {
        var value: Double
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputs = try container.decode(Inputs.self, forKey: .inputs)
        seed = try container.decode(UInt64.self, forKey: .seed)
        version = try container.decode(String.self, forKey: .version)
        w1m = try container.decodeIfPresent(ValueStd.self, forKey: .w1m).map { MetricValue(value: $0.value, error: $0.std) }
        w1p = try container.decodeIfPresent(ValuesStds.self, forKey: .w1p).map { MetricValues(values: $0.values, errors: $0.stds) }
        w1efp = try container.decodeIfPresent(ValuesStds.self, forKey: .w1efp).map { MetricValues(values: $0.values, errors: $0.stds) }
        fpd = try container.decodeIfPresent(MetricValue.self, forKey: .fpd)
        kpd = try container.decodeIfPresent(MetricValue.self, forKey: .kpd)
        covMMD = try container.decodeIfPresent(CovMMD.self, forKey: .covMMD)
        fpnd = try container.decodeIfPresent(Value.self, forKey: .fpnd)?.value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inputs, forKey: .inputs)
        try container.encode(seed, forKey: .seed)
        try container.encode(version, forKey: .version)
        try container.encodeIfPresent(w1m.map { ValueStd(value: $0.value, std: $0.error) }, forKey: .w1m)
        try container.encodeIfPresent(w1p.map { ValuesStds(values: $0.values, stds: $0.errors) }, forKey: .w1p)
        try container.encodeIfPresent(w1efp.map { ValuesStds(values: $0.values, stds: $0.errors) }, forKey: .w1efp)
        try container.encodeIfPresent(fpd, forKey: .fpd)
        try container.encodeIfPresent(kpd, forKey: .kpd)
        try container.encodeIfPresent(covMMD, forKey: .covMMD)
        try container.encodeIfPresent(fpnd.map { Value(value: $0) }, forKey: .fpnd)
    }

    /// The JSON form (keys sorted, pretty-printed when asked).
    ///
    /// - Parameter pretty: indent the output.
    /// - Returns: UTF-8 JSON.
    public func jsonData(pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(self)
    }

    /// Reads the JSON form back.
    ///
    /// - Parameter data: what ``jsonData(pretty:)`` (or `jetnet evaluate --json`) wrote.
    /// - Returns: the result.
    /// - Throws: `DecodingError` when the data is not such JSON.
    public static func decode(_ data: Data) throws -> EvaluationResult {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(EvaluationResult.self, from: data)
    }
}
