import Foundation
import JetNetCore
import JetNetTestSupport

/// This target's `Fixtures/` folder (see Fixtures/README.md).
let fixtures = FixtureDirectory(bundle: .module)

/// The FPD/KPD fixtures: EFP features of the reference g and t samples and jetnet's numbers.
enum FPDKPDFixture {
    /// d<=4 EFPs (jetnet's FPD/KPD features) of the g or t sample, `[2000, 36]` (stored float32).
    static func features(_ kind: String) throws -> NDArray<Double> {
        try fixtures.array("efps_d4_\(kind).npy", as: Float.self).converted(to: Double.self)
    }

    static func reference() throws -> JSON {
        // JSON5 accepts the bare `Infinity` Python's json writes for an infinite covariance.
        try fixtures.json("fpd_kpd_reference.json", allowsJSON5: true)
    }
}
