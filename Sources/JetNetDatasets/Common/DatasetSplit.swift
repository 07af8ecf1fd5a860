/// A part of a dataset: jetnet's `"train"`, `"valid"`, `"test"` or `"all"`.
public enum DatasetSplit: String, Sendable, CaseIterable, Codable {
    /// The first `splitFractions[0]` of the shuffled jets.
    case train
    /// The next `splitFractions[1]`.
    case valid
    /// The next `splitFractions[2]`.
    case test
    /// Every jet (no cut).
    case all

    /// jetnet's default split fractions for train, valid and test.
    public static let defaultFractions: [Double] = [0.7, 0.15, 0.15]

    /// Parses a split name.
    /// - Parameters:
    ///   - name: `"train"`, `"valid"`, `"test"` or `"all"`.
    ///   - dataset: the dataset's name, for the error message.
    /// - Throws: ``DatasetError/unknownSplit(_:dataset:valid:)``.
    public init(name: String, dataset: String = "dataset") throws {
        guard let split = DatasetSplit(rawValue: name) else {
            throw DatasetError.unknownSplit(name, dataset: dataset, valid: Self.allCases.map(\.rawValue))
        }
        self = split
    }

    /// The rows `[lcut, rcut)` of a `length`-row (shuffled) dataset that this split takes,
    /// exactly as jetnet's `getSplitting`: `cuts = int(cumsum([0] + fractions) * length)`.
    ///
    /// - Parameters:
    ///   - length: rows in the whole dataset.
    ///   - fractions: train, valid, test fractions (each >= 0, summing to at most 1).
    /// - Returns: the half-open row range.
    /// - Throws: ``DatasetError/invalidSplitFractions(_:reason:)``.
    public func rowRange(length: Int, fractions: [Double]) throws -> Range<Int> {
        try Self.validate(fractions)
        guard self != .all else { return 0..<length }
        // numpy's cumsum adds left to right in float64; astype(int) truncates toward zero.
        var cuts = [0]
        var total = 0.0
        for fraction in fractions {
            total += fraction
            cuts.append(Int((total * Double(length)).rounded(.towardZero)))
        }
        let index = [DatasetSplit.train, .valid, .test].firstIndex(of: self)!
        return cuts[index]..<max(cuts[index], cuts[index + 1])
    }

    /// Checks split fractions as jetnet does (and a little more: three non-negative values).
    /// - Throws: ``DatasetError/invalidSplitFractions(_:reason:)``.
    public static func validate(_ fractions: [Double]) throws {
        guard fractions.count == 3 else {
            throw DatasetError.invalidSplitFractions(fractions, reason: "expected 3 values, got \(fractions.count)")
        }
        guard fractions.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw DatasetError.invalidSplitFractions(fractions, reason: "fractions must be finite and >= 0")
        }
        // jetnet asserts np.sum(split_fraction) <= 1.0 (pairwise sum; same as left-to-right for 3 values).
        guard fractions.reduce(0, +) <= 1.0 else {
            throw DatasetError.invalidSplitFractions(fractions, reason: "they sum to \(fractions.reduce(0, +)), above 1")
        }
    }
}
