import Foundation
import JetNetCore

/// Reads the EFP fixtures (see Fixtures/README.md and scripts/fixtures/make_efp_fixtures.py).
enum EFPFixtures {
    /// A .npy fixture as Double values and its shape.
    static func npy(_ name: String) throws -> (shape: [Int], values: [Double]) {
        let array = try Fixture.doubles(name)
        return (array.shape, array.storage)
    }

    /// The first 100 g jets in jetnet's getData order (etarel, phirel, ptrel), float32 as stored.
    static func gJets() throws -> NDArray<Float> {
        try Fixture.gluonJets().rows(0..<100).selectingLast([0, 1, 2])
    }

    /// The first 20 t jets (etarel, phirel, ptrel), float32 as stored.
    static func tJets() throws -> NDArray<Float> {
        try Fixture.floats("efp_t20")
    }

    struct GoldenSet: Decodable {
        let count: Int
        let graphs: [[[Int]]]
        let specs: [[Int]]
    }

    struct Golden: Decodable {
        let sets: [String: GoldenSet]
    }

    static func golden() throws -> Golden {
        try fixtures.decode(Golden.self, from: "efp_golden.json")
    }
}

/// Largest relative difference |a/b - 1| (absolute when b is 0).
func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "lengths \(a.count) and \(b.count) differ")
    var worst = 0.0
    for (x, y) in zip(a, b) {
        let difference = y == 0 ? abs(x) : abs(x / y - 1)
        if !(difference <= worst) { worst = difference.isNaN ? .infinity : difference }
    }
    return worst
}
