import Foundation
import JetNetCore
import JetNetTestSupport

/// This target's `Fixtures/` folder (see Fixtures/README.md).
let fixtures = FixtureDirectory(bundle: .module)

/// The physics fixtures by name: small `.npy` files and the physics golden JSON.
enum Fixture {
    static func json(_ name: String = "physics_golden") throws -> JSON {
        try fixtures.json("\(name).json")
    }

    static func floats(_ name: String) throws -> NDArray<Float> {
        try fixtures.array("\(name).npy", as: Float.self)
    }

    static func doubles(_ name: String) throws -> NDArray<Double> {
        try fixtures.array("\(name).npy", as: Double.self)
    }

    /// The first 200 JetNet g jets (order of `getData(split="all")`), `[200, 30, 4]`.
    static func gluonJets() throws -> NDArray<Float> { try floats("g30_first200") }
}

/// The number of positions where two arrays differ (and a count mismatch counts as all).
func mismatches(_ a: [Double], _ b: [Double]) -> Int {
    a.count != b.count ? max(a.count, b.count) : zip(a, b).filter { $0 != $1 }.count
}
