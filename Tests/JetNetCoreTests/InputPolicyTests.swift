import Foundation
import Testing
@testable import JetNetCore

/// Issue 12, finding 4: the one input policy for jets.
@Suite("Input policy")
struct InputPolicyTests {
    /// Three jets of two particles, `[eta, phi, pt, mask]`, all valid.
    static func jets(_ edit: (inout [Float]) -> Void = { _ in }) -> NDArray<Float> {
        var values: [Float] = [0.1, 0.2, 0.5, 1, -0.1, 0.0, 0.3, 1, 0.0, 0.1, 0.9, 1, 0, 0, 0, 0, 0.2, -0.2, 0.6, 1, 0.1, 0.1, 0.2, 1]
        edit(&values)
        return NDArray(shape: [3, 2, 4], storage: values)
    }

    @Test("Valid jets pass, with and without a mask")
    func valid() throws {
        try InputPolicy.checkJets(Self.jets(), name: "jets", minimumJets: 2, hasMask: true)
        try InputPolicy.checkJets(Self.jets { $0[3] = 0.5 }, name: "jets", hasMask: false)  // feature 3 is not a mask here
    }

    @Test("Each violation is refused with where it is", arguments: [
        (10, Float.nan, "nonFinite"), (8, Float.infinity, "nonFinite"), (6, -0.5, "negativePt"), (7, 7.5, "badMask"), (23, Float.nan, "nonFinite"),
    ] as [(Int, Float, String)])
    func violations(index: Int, value: Float, kind: String) {
        do {
            try InputPolicy.checkJets(Self.jets { $0[index] = value }, name: "gen", minimumJets: 2, hasMask: true)
            Issue.record("accepted \(value) at \(index)")
        } catch {
            let (jet, particle) = (index / 8, index % 8 / 4)
            switch (error, kind) {
            case (.nonFinite(let array, let j, let p, let f, _), "nonFinite"): #expect(array == "gen" && j == jet && p == particle && f == index % 4)
            case (.negativePt(_, let j, let p, let v), "negativePt"): #expect(j == jet && p == particle && v == Double(value))
            case (.badMask(_, let j, let p, let v), "badMask"): #expect(j == jet && p == particle && v == Double(value))
            default: Issue.record("wrong error \(error) for \(kind)")
            }
            #expect(!error.errorDescription!.contains("\n"))
        }
    }

    @Test("2-D arrays and too few jets are refused")
    func shapes() {
        #expect(throws: InputError.notJets(array: "x", shape: [2000, 90])) {
            try InputPolicy.checkJets(NDArray<Float>(zeros: [2000, 90]), name: "x")
        }
        #expect(throws: InputError.notJets(array: "x", shape: [4, 30, 2])) {
            try InputPolicy.checkJets(NDArray<Float>(zeros: [4, 30, 2]), name: "x")
        }
        #expect(throws: InputError.tooFewJets(array: "x", count: 1, needed: 2)) {
            try InputPolicy.checkJets(NDArray<Float>(zeros: [1, 30, 3]), name: "x", minimumJets: 2)
        }
    }

    @Test("Integer and boolean storage is refused, floating storage accepted")
    func dtypes() throws {
        for dtype in DType.allCases {
            if dtype == .float32 || dtype == .float64 {
                try InputPolicy.checkFloating(dtype.description, array: "f")
            } else {
                #expect(throws: InputError.notFloating(array: "f", dtype: dtype.description)) {
                    try InputPolicy.checkFloating(dtype.description, array: "f")
                }
            }
        }
    }
}
