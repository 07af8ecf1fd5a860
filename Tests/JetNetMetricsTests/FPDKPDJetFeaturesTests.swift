import Foundation
import JetNetCore
import Testing
import JetNetTestSupport
@testable import JetNetMetrics

@Suite("FPD/KPD jet features (d<=4 EFPs)", .serialized)
struct FPDKPDJetFeaturesTests {
    static let gFeatures = try! Metrics.fpdKPDJetFeatures(W1Golden.g30)
    static let genFeatures = try! Metrics.fpdKPDJetFeatures(W1Golden.smeared)

    @Test("36 EFPs per jet equal energyflow's: the fixture features and the golden fingerprints")
    func features() throws {
        let features = Self.gFeatures
        #expect(features.shape == [2000, 36])
        // energyflow computes float32 jets in float32 (jetnet passes float32), ours in Double:
        // values agree to float32 rounding, a few 1e-6 relative where EFPs cancel.
        let fixture = try FPDKPDFixture.features("g")
        var worst = 0.0
        for (a, b) in zip(features.storage, fixture.storage) { worst = Swift.max(worst, abs(a - b) / Swift.max(abs(b), 1e-30)) }
        #expect(worst < 2e-5, "largest relative difference \(worst)")
        let golden = try FPDKPDFixture.reference()["golden"]["fpd_kpd_features"]
        for (name, values) in [("g", features), ("gen", Self.genFeatures)] {
            let fingerprint = golden[name]
            #expect(agrees(values.storage.reduce(0, +), fingerprint["sum"].double, relative: 1e-7))
            for (a, b) in zip(values.storage.prefix(12), fingerprint["first"].doubles) { #expect(agrees(a, b, relative: 2e-5)) }
            for (a, b) in zip(values.storage.suffix(12), fingerprint["last"].doubles) { #expect(agrees(a, b, relative: 2e-5)) }
        }
    }

    @Test("FPD and KPD of g vs the smeared g sample equal the goldens")
    func gVersusGen() throws {
        let golden = try FPDKPDFixture.reference()["golden"]
        let fpd = try Metrics.fpd(real: Self.gFeatures, gen: Self.genFeatures)
        FPDTests.check(fpd, golden["fpd"]["g_vs_gen_defaults"].doubles)
        let kpd = try Metrics.kpd(real: Self.gFeatures, gen: Self.genFeatures)
        KPDTests.check(kpd, golden["kpd"]["g_vs_gen_defaults"].doubles, relative: 1e-7)
    }

    @Test("Bad input throws")
    func badInput() {
        #expect(throws: MetricError.self) { try Metrics.fpdKPDJetFeatures(NDArray<Float>(zeros: [30, 3])) }
        #expect(throws: MetricError.self) { try Metrics.fpdKPDJetFeatures(NDArray<Float>(zeros: [2, 30, 2])) }
    }
}
