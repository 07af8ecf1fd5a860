import Testing
@testable import JetNetDatasets

/// The split shuffle against `np.random.default_rng(seed).permutation(n)` (golden/rng.json).
@Suite("Permutation")
struct PermutationTests {
    static let cases: [(UInt64, [Int], [Int])] = [
        (0, [2, 4, 3, 6, 5, 0, 1], [4, 6, 2, 7, 3, 5, 9, 0, 8, 1]),
        (42, [3, 2, 6, 4, 1, 5, 0], [5, 6, 0, 7, 3, 2, 4, 9, 1, 8]),
        (12345, [4, 3, 0, 2, 1, 6, 5], [4, 8, 1, 3, 7, 9, 6, 0, 2, 5]),
        (4_294_967_301, [4, 2, 0, 6, 5, 3, 1], [6, 7, 4, 2, 5, 0, 9, 8, 3, 1]),
        (9_223_372_036_854_775_819, [4, 1, 5, 2, 3, 6, 0], [1, 8, 5, 2, 7, 4, 6, 3, 9, 0]),
    ]

    @Test("Short permutations equal numpy's", arguments: cases)
    func short(seed: UInt64, seven: [Int], ten: [Int]) {
        #expect(jetnetPermutation(7, seed: seed) == seven)
        #expect(jetnetPermutation(10, seed: seed) == ten)
        #expect(jetnetPermutation(1, seed: seed) == [0])
    }

    @Test("Long permutations: first and last 20 equal numpy's")
    func long() {
        let seed42 = jetnetPermutation(70000, seed: 42)
        #expect(Array(seed42.prefix(5)) == [68143, 31172, 6037, 29920, 45886])
        #expect(Array(seed42.suffix(5)) == [437, 46606, 34957, 5668, 22113])
        let seed0 = jetnetPermutation(177_252, seed: 0)
        #expect(Array(seed0.prefix(5)) == [6333, 122967, 77881, 103519, 42926])
        #expect(Array(seed0.suffix(5)) == [81321, 125112, 48632, 120609, 164447])
    }
}
