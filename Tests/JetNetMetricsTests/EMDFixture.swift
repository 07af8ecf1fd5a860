import Foundation
import JetNetCore

/// Tests/JetNetMetricsTests/Fixtures/emd.json (see scripts/fixtures/emd_fixtures.py).
struct EMDFixture: Decodable {
    struct Flow: Decodable {
        let value: Double
        let flow: [[Double]]
    }
    struct Extra: Decodable {
        let padded_g4: [[[Double]]]
        let padded_t4: [[[Double]]]
        let shifted_t4: [[[Double]]]
        let emds_padded: [[Double]]
        let emds_padded_norm: [[Double]]
        let emds_shifted_periodic_R08_beta05: [[Double]]
        let emd_t1_g1_flow: Flow
        let tie0: [[Double]]
        let tie1: [[Double]]
        let emd_tie_flow: Flow

        enum CodingKeys: String, CodingKey {
            case padded_g4, padded_t4, shifted_t4, emds_padded, emds_padded_norm
            case emds_shifted_periodic_R08_beta05 = "emds_shifted_periodic_R0.8_beta0.5"
            case emd_t1_g1_flow, tie0, tie1, emd_tie_flow
        }
    }

    let g12: [[[Double]]]
    let t10: [[[Double]]]
    let emds_g12_t10_R1: [[Double]]
    let emds_g12_t10_R04_beta2: [[Double]]
    let emd_g0_t0_norm: Double
    let emd_g1_t1_flow: Flow
    let cov_mmd_g_vs_t_seed0_50x3: [Double]
    let cov_mmd_g_vs_t_seed7_50x3: [Double]
    let cov_mmd_g_vs_smeared_seed0_defaults: [Double]
    let cov_mmd_g_vs_smeared_seed7_defaults: [Double]
    let extra: Extra

    enum CodingKeys: String, CodingKey {
        case g12, t10, emds_g12_t10_R1
        case emds_g12_t10_R04_beta2 = "emds_g12_t10_R0.4_beta2"
        case emd_g0_t0_norm, emd_g1_t1_flow, extra
        case cov_mmd_g_vs_t_seed0_50x3, cov_mmd_g_vs_t_seed7_50x3
        case cov_mmd_g_vs_smeared_seed0_defaults, cov_mmd_g_vs_smeared_seed7_defaults
    }

    static let shared: EMDFixture = {
        try! fixtures.decode(EMDFixture.self, from: "emd.json")
    }()
}

/// `[jets][particles][features]` as an `[jets, particles, features]` array.
func jetArray<Element: NDArrayElement>(_ jets: [[[Element]]]) -> NDArray<Element> {
    NDArray(shape: [jets.count, jets.first?.count ?? 0, jets.first?.first?.count ?? 3],
            storage: jets.flatMap { $0.flatMap { $0 } })
}

/// `[particles][features]` as a `[particles, features]` array.
func jetArray(_ jet: [[Double]]) -> NDArray<Double> {
    NDArray(shape: [jet.count, jet.first?.count ?? 3], storage: jet.flatMap { $0 })
}
