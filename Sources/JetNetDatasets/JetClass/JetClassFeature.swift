import Foundation

/// Per-particle features of JetClass: the stored branches and the ones particle_transformer
/// derives from them (`data/JetClass/JetClass_full.yaml` and `dataloader.py`).
public enum JetClassParticleFeature: String, Sendable, CaseIterable, Codable {
    /// Stored: the four-momentum, the (eta, phi) offsets from the jet axis, impact parameters
    /// and their errors, the charge and five particle-ID flags.
    case px = "part_px", py = "part_py", pz = "part_pz", energy = "part_energy"
    case deta = "part_deta", dphi = "part_dphi"
    case d0val = "part_d0val", d0err = "part_d0err", dzval = "part_dzval", dzerr = "part_dzerr"
    case charge = "part_charge"
    case isChargedHadron = "part_isChargedHadron", isNeutralHadron = "part_isNeutralHadron"
    case isPhoton = "part_isPhoton", isElectron = "part_isElectron", isMuon = "part_isMuon"
    // Derived, as particle_transformer computes them.
    /// `hypot(px, py)`.
    case pt = "part_pt"
    /// `asinh(pz / pt)` (the `vector` library's eta).
    case eta = "part_eta"
    /// `atan2(py, px)`.
    case phi = "part_phi"
    /// `log(pt)`.
    case ptLog = "part_pt_log"
    /// `log(energy)`.
    case energyLog = "part_e_log"
    /// `log(pt / jet_pt)`.
    case logPtRel = "part_logptrel"
    /// `log(energy / jet_energy)`.
    case logERel = "part_logerel"
    /// `hypot(deta, dphi)`.
    case deltaR = "part_deltaR"
    /// `tanh(d0val)`.
    case d0 = "part_d0"
    /// `tanh(dzval)`.
    case dz = "part_dz"
    /// 1 for real particles (0 in the padding).
    case mask = "part_mask"

    /// The stored branches this feature is computed from.
    var sourceBranches: [String] {
        switch self {
        case .pt, .phi, .ptLog: ["part_px", "part_py"]
        case .eta: ["part_px", "part_py", "part_pz"]
        case .energyLog: ["part_energy"]
        case .logPtRel: ["part_px", "part_py"]
        case .logERel: ["part_energy"]
        case .deltaR: ["part_deta", "part_dphi"]
        case .d0: ["part_d0val"]
        case .dz: ["part_dzval"]
        case .mask: ["part_energy"]
        default: [rawValue]
        }
    }

    /// The jet branches this feature needs.
    var jetBranches: [String] {
        switch self {
        case .logPtRel: ["jet_pt"]
        case .logERel: ["jet_energy"]
        default: []
        }
    }

    /// particle_transformer's `JetClass_full.yaml` input features (17, in its order).
    public static let particleTransformerFull: [JetClassParticleFeature] = [
        .ptLog, .energyLog, .logPtRel, .logERel, .deltaR, .charge, .isChargedHadron, .isNeutralHadron,
        .isPhoton, .isElectron, .isMuon, .d0, .d0err, .dz, .dzerr, .deta, .dphi,
    ]

    /// The four-momentum `(px, py, pz, energy)`.
    public static let fourMomentum: [JetClassParticleFeature] = [.px, .py, .pz, .energy]
}

/// Per-jet features stored in JetClass files.
public enum JetClassJetFeature: String, Sendable, CaseIterable, Codable {
    /// Kinematics, the particle count, the soft-drop mass and the N-subjettiness tau1…tau4.
    case pt = "jet_pt", eta = "jet_eta", phi = "jet_phi", energy = "jet_energy"
    case nparticles = "jet_nparticles", sdmass = "jet_sdmass"
    case tau1 = "jet_tau1", tau2 = "jet_tau2", tau3 = "jet_tau3", tau4 = "jet_tau4"
}
