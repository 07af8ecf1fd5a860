import Foundation
import Testing
@testable import JetNetMetrics

@Suite("NumPy default_rng choice (FPD/KPD sampling)")
struct NumPyChoiceTests {
    static func cases() throws -> [FitJSON] {
        let url = Bundle.module.url(forResource: "rng_choice_golden", withExtension: "json", subdirectory: "Fixtures")!
        let json = try JSONDecoder().decode(FitJSON.self, from: Data(contentsOf: url))
        return (0..<json["cases"].count).map { json["cases"][$0] }
    }

    static func seed(_ json: FitJSON) -> UInt64 { UInt64(exactly: json["seed"].double) ?? UInt64(json["seed"].double.rounded()) }

    @Test("SeedSequence state and choice streams equal NumPy's for every golden seed", arguments: 0..<7)
    func goldenStreams(index: Int) throws {
        let json = try Self.cases()[index]
        // Seeds above 2^53 are not exact as JSON doubles; those cases are checked by their streams only.
        let seedValue = json["seed"].double
        guard seedValue < 9e15 else { return }
        let seed = UInt64(seedValue)
        #expect(NumPyChoice.seedSequenceState(seed).map { Double($0) } == json["seedsequence_state_uint32x8"].doubles)
        var rng = NumPyChoice(seed: seed)
        #expect(rng.choice(7, size: 20).map(Double.init) == json["choice_7_20"].doubles)
        for (key, n, size) in [("choice_1000_50", 1000, 50), ("choice_50000_50000", 50_000, 50_000)] {
            var fresh = NumPyChoice(seed: seed)
            let draws = fresh.choice(n, size: size)
            #expect(Double(draws.reduce(0, +)) == json[key]["sum"].double, "\(key) sum")
            #expect(draws.prefix(20).map(Double.init) == json[key]["first"].doubles, "\(key) first")
            #expect(draws.suffix(20).map(Double.init) == json[key]["last"].doubles, "\(key) last")
        }
        for (key, n) in [("choice_2147483651_10", 2_147_483_651), ("choice_8589934592_10", 8_589_934_592)] {
            var fresh = NumPyChoice(seed: seed)
            #expect(fresh.choice(n, size: 10).map(Double.init) == json[key].doubles, "\(key)")
        }
        // FPD's pattern: real then generated indices from one generator.
        var shared = NumPyChoice(seed: seed)
        let first = shared.choice(5000, size: 1000), second = shared.choice(3000, size: 1000)
        #expect(first.prefix(20).map(Double.init) == json["choice_5000_then_3000"]["first"]["first"].doubles)
        #expect(Double(second.reduce(0, +)) == json["choice_5000_then_3000"]["second"]["sum"].double)
        #expect(second.suffix(20).map(Double.init) == json["choice_5000_then_3000"]["second"]["last"].doubles)
    }
}
