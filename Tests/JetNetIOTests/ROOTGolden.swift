import Foundation
import Testing
@testable import JetNetIO

/// One branch of uproot's reading of the fixture files (Fixtures/root/root.json).
struct ROOTGoldenBranch: Sendable, CustomTestStringConvertible {
    let file: String
    let tree: String
    let branch: String
    let typeName: String
    let flatCount: Int?
    let flatSum: Double?
    let flatFirst: [Double]
    let flatLast: [Double]
    let countsFirst: [Int]?
    let countsSum: Int?
    let entry0: [Double]?
    /// Entry 0 of object branches: one record per object, nested fields joined by dots
    /// (`["fP.fX": …, "fE": …]`).
    let entry0Records: [[String: Double]]?
    let uprootFailed: Bool
    var innerCountsFirst: [Int]? = nil
    var innerCountsSum: Int? = nil

    /// Equality that treats NaN as equal to NaN (uproot's values include NaNs).
    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    var testDescription: String { "\(file):\(tree)/\(branch)" }

    /// Checks all values (flattened as awkward flattens) and counts per entry against uproot's.
    func expectMatches(flat: [Double], counts: [Int]?, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(flat.count == flatCount, sourceLocation: sourceLocation)
        let sum = flat.reduce(0, +)
        if flatSum!.isNaN {
            #expect(sum.isNaN, sourceLocation: sourceLocation)
        } else {
            #expect(abs(sum - flatSum!) <= 1e-9 * max(1, abs(flatSum!)), sourceLocation: sourceLocation)
        }
        #expect(Self.same(Array(flat.prefix(10)), flatFirst), sourceLocation: sourceLocation)
        #expect(Self.same(Array(flat.suffix(10)), flatLast), sourceLocation: sourceLocation)
        if let countsFirst {
            #expect(counts.map { Array($0.prefix(20)) } == countsFirst, sourceLocation: sourceLocation)
            #expect(counts?.reduce(0, +) == countsSum, sourceLocation: sourceLocation)
        }
    }

    static func url(_ file: String) -> URL {
        try! fixtures.url("root/\(file)")
    }

    static let all = load("root.json")
    /// The structure fixtures (ROOT-written files and scikit-hep-testdata picks).
    static let structures = load("structures.json")

    static func load(_ golden: String) -> [ROOTGoldenBranch] {
        let data = try! Data(contentsOf: url(golden))
        let json = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        var result: [ROOTGoldenBranch] = []
        let files = json["files"] as! [String: Any]
        for file in files.keys.sorted() {
            let trees = (files[file] as! [String: Any])["trees"] as! [String: Any]
            for tree in trees.keys.sorted() {
                let branches = (trees[tree] as! [String: Any])["branches"] as! [String: Any]
                for name in branches.keys.sorted() {
                    let b = branches[name] as! [String: Any]
                    var golden = ROOTGoldenBranch(
                        file: file, tree: tree, branch: name, typeName: b["typename"] as! String,
                        flatCount: b["flat_count"] as? Int, flatSum: b["flat_sum"].map(number),
                        flatFirst: (b["flat_first"] as? [Any])?.map(number) ?? [],
                        flatLast: (b["flat_last"] as? [Any])?.map(number) ?? [],
                        countsFirst: b["counts_first"] as? [Int], countsSum: b["counts_sum"] as? Int,
                        entry0: b["entry0"].flatMap(numbers), entry0Records: b["entry0"].flatMap(records), uprootFailed: b["error"] != nil || b["note"] != nil)
                    golden.innerCountsFirst = b["inner_counts_first"] as? [Int]
                    golden.innerCountsSum = b["inner_counts_sum"] as? Int
                    result.append(golden)
                }
            }
        }
        return result
    }

    /// A number or a list of numbers (nil for objects such as TLorentzVector records).
    static func numbers(_ value: Any) -> [Double]? {
        if let list = value as? [Any] {
            let converted = list.compactMap { $0 is NSNumber || $0 is String ? number($0) : nil }
            return converted.count == list.count ? converted : nil
        }
        return value is NSNumber || value is String ? [number(value)] : nil
    }

    /// uproot's records (a dict, or a list of dicts) flattened to dotted field paths.
    static func records(_ value: Any) -> [[String: Double]]? {
        func flatten(_ dict: [String: Any], _ prefix: String, into out: inout [String: Double]) {
            for (key, item) in dict {
                if let inner = item as? [String: Any] { flatten(inner, prefix + key + ".", into: &out) } else { out[prefix + key] = number(item) }
            }
        }
        let dicts: [[String: Any]]
        if let dict = value as? [String: Any] {
            dicts = [dict]
        } else if let list = value as? [Any], list.allSatisfy({ $0 is [String: Any] }), !list.isEmpty {
            dicts = list.map { $0 as! [String: Any] }
        } else {
            return nil
        }
        return dicts.map { dict in
            var out: [String: Double] = [:]
            flatten(dict, "", into: &out)
            return out
        }
    }

    static func number(_ value: Any) -> Double {
        if let text = value as? String { return Double(text)! }
        return (value as! NSNumber).doubleValue
    }

    /// Tree entry counts from the golden, per (file, tree).
    static let treeEntries: [String: Int] = {
        let data = try! Data(contentsOf: url("root.json"))
        let json = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        var result: [String: Int] = [:]
        for (file, f) in json["files"] as! [String: Any] {
            for (tree, t) in (f as! [String: Any])["trees"] as! [String: Any] {
                result[file + ":" + tree] = (t as! [String: Any])["entries"] as? Int
            }
        }
        return result
    }()
}
