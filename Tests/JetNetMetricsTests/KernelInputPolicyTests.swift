import Foundation
import JetNetCore
import JetNetPhysics
import Testing
@testable import JetNetMetrics

/// Every public metric kernel applies the one ``InputPolicy`` that `Metrics.evaluate` applies:
/// the same typed `InputError`, naming the array, jet, particle and value, whichever entry
/// point the jets come through.
@Suite struct KernelInputPolicyTests {
    enum Violation: String, CaseIterable, Sendable {
        case nan, negativePt, badMask, oneJet
    }

    /// The public kernels, each called with valid real jets and the generated side given.
    enum Kernel: String, CaseIterable, Sendable {
        case w1m, w1p, w1efp, covMMD, fpnd, efps, fpd, kpd

        /// Jet kernels take `[jets, 30, 3]` jets; FPD and KPD per-jet features `[jets, 4]`.
        var takesFeatures: Bool { self == .fpd || self == .kpd }
        /// Only W1P takes a particle mask apart from the jets.
        var takesMask: Bool { self == .w1p }
        /// How the error names the generated side.
        var genName: String { takesFeatures ? "generated features" : self == .efps ? "jets" : "generated jets" }

        func run(gen: NDArray<Float>, genMask: NDArray<Float>?) throws {
            let real = KernelInputPolicyTests.jets(count: 20)
            switch self {
            case .w1m: _ = try Metrics.w1m(real: real, gen: gen, samples: 10, batches: 2)
            case .w1p: _ = try Metrics.w1p(real: real, gen: gen, genMask: genMask, samples: 10, batches: 2)
            case .w1efp: _ = try Metrics.w1efp(real: real, gen: gen, samples: 10, batches: 2)
            case .covMMD: _ = try Metrics.covMMD(real: real, gen: gen, samples: 5, batches: 2)
            case .fpnd: _ = try Metrics.fpnd(gen: gen, jetType: "g")
            case .efps: _ = try JetNetPhysics.efps(gen)
            case .fpd, .kpd:
                let features = { (jets: NDArray<Float>) in
                    NDArray<Double>(shape: [jets.shape[0], 4], storage: (0 ..< jets.shape[0] * 4).map { Double(jets.storage[$0]) })
                }
                if self == .fpd {
                    _ = try Metrics.fpd(real: features(real), gen: features(gen), minSamples: 5, maxSamples: 10, batches: 2, points: 2)
                } else {
                    _ = try Metrics.kpd(real: features(real), gen: features(gen), samples: 5, batches: 2)
                }
            }
        }
    }

    /// `count` valid jets `[count, 30, 3]`: eta, phi in (-0.4, 0.4), pt in (0, 0.1].
    static func jets(count: Int) -> NDArray<Float> {
        NDArray(shape: [count, 30, 3], storage: (0 ..< count * 90).map { index in
            let value = Float((index * 7919) % 1000) / 1000
            return index % 3 == 2 ? 0.001 + value / 10 : value * 0.8 - 0.4
        })
    }

    /// Kernel × violation pairs that apply: negative pt to jets only (features have no pt),
    /// a bad mask to W1P only, one jet to every metric (EFPs are per jet: one jet is fine).
    static let cases: [(Kernel, Violation)] = Kernel.allCases.flatMap { kernel in
        Violation.allCases.compactMap { violation in
            switch violation {
            case .negativePt where kernel.takesFeatures, .badMask where !kernel.takesMask, .oneJet where kernel == .efps: nil
            default: (kernel, violation)
            }
        }
    }

    @Test("each public kernel refuses what the input policy refuses, with the policy's typed error", arguments: cases)
    func refuses(kernel: Kernel, violation: Violation) throws {
        var gen = Self.jets(count: 20)
        var mask: NDArray<Float>? = kernel.takesMask ? NDArray(shape: [20, 30], storage: [Float](repeating: 1, count: 600)) : nil
        let name = kernel.genName
        let expected: InputError
        switch violation {
        case .nan:
            // Jets: jet 1, particle 2, feature 0. Features ([jets, 4], the jets' first values):
            // flat index 4, which is jet 0, particle 1, feature 1 of the jets.
            if kernel.takesFeatures { gen[0, 1, 1] = .nan } else { gen[1, 2, 0] = .nan }
            expected = kernel.takesFeatures
                ? .nonFiniteFeature(array: name, jet: 1, feature: 0, value: "nan")
                : .nonFinite(array: name, jet: 1, particle: 2, feature: 0, value: "nan")
        case .negativePt:
            gen[1, 2, 2] = -1
            expected = .negativePt(array: name, jet: 1, particle: 2, value: -1)
        case .badMask:
            mask?[1, 2] = 0.5
            expected = .badMask(array: "genMask", jet: 1, particle: 2, value: 0.5)
        case .oneJet:
            gen = gen.rows(0 ..< 1)
            mask = mask?.rows(0 ..< 1)
            expected = .tooFewJets(array: name, count: 1, needed: 2)
        }
        #expect(throws: expected) { try kernel.run(gen: gen, genMask: mask) }
    }

    @Test("valid jets pass the policy in every kernel (the refusals above are not blanket refusals)",
          arguments: Kernel.allCases.filter { $0 != .fpnd })
    func accepts(kernel: Kernel) throws {
        let mask: NDArray<Float>? = kernel.takesMask ? NDArray(shape: [20, 30], storage: [Float](repeating: 1, count: 600)) : nil
        try kernel.run(gen: Self.jets(count: 20), genMask: mask)
    }
}
