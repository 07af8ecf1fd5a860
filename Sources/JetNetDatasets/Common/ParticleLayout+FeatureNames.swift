import JetNetPhysics

extension ParticleLayout {
    /// The augmentation layout of particle features named as the datasets name them:
    /// JetNet's `etarel, phirel, ptrel (, mask)` (relative, jets of about 1 TeV), QuarkGluon's
    /// `pt, eta, phi` (absolute), TopTagging's `E, px, py, pz` (Cartesian), and JetClass's
    /// `part_px, part_py, part_pz, part_energy`, `part_eta, part_phi, part_pt` or
    /// `part_deta, part_dphi, part_pt` (relative angles, pt in GeV), with `part_mask`.
    ///
    /// Features that are not kinematic (`pdgid`, `part_charge`, ...) ride along unchanged.
    ///
    /// - Parameter featureNames: the particle features in the order of the last axis.
    /// - Throws: ``DatasetError/invalidRequest(_:)`` when no coordinate set is complete, or when
    ///   kinematic features outside the chosen set (such as `part_pt_log`) would be left stale.
    public init(featureNames: [String]) throws {
        func index(_ name: String) -> Int? { featureNames.firstIndex(of: name) }
        func all(_ names: [String]) -> [Int]? {
            let found = names.compactMap(index)
            return found.count == names.count ? found : nil
        }
        let mask = index("mask") ?? index("part_mask")
        let layout: ParticleLayout
        let used: [String]
        if let i = all(["etarel", "phirel", "ptrel"]) {
            (layout, used) = (.relative(eta: i[0], phi: i[1], pt: i[2], mask: mask, jetPT: 1000), ["etarel", "phirel", "ptrel"])
        } else if let i = all(["eta", "phi", "pt"]) {
            (layout, used) = (.absolute(eta: i[0], phi: i[1], pt: i[2], mask: mask), ["eta", "phi", "pt"])
        } else if let i = all(["E", "px", "py", "pz"]) {
            (layout, used) = (.cartesian(energy: i[0], px: i[1], py: i[2], pz: i[3], mask: mask), ["E", "px", "py", "pz"])
        } else if let i = all(["part_energy", "part_px", "part_py", "part_pz"]) {
            (layout, used) = (.cartesian(energy: i[0], px: i[1], py: i[2], pz: i[3], mask: mask),
                              ["part_energy", "part_px", "part_py", "part_pz"])
        } else if let i = all(["part_eta", "part_phi", "part_pt"]) {
            (layout, used) = (.absolute(eta: i[0], phi: i[1], pt: i[2], mask: mask), ["part_eta", "part_phi", "part_pt"])
        } else if let i = all(["part_deta", "part_dphi", "part_pt"]) {
            (layout, used) = (.relative(eta: i[0], phi: i[1], pt: i[2], mask: mask, jetPT: 1), ["part_deta", "part_dphi", "part_pt"])
        } else {
            throw DatasetError.invalidRequest(
                "Augmentations need particle coordinates, but the features are \(featureNames); select etarel, phirel, ptrel "
                    + "(JetNet), pt, eta, phi (QuarkGluon), E, px, py, pz (TopTagging) or part_px, part_py, part_pz, part_energy (JetClass), "
                    + "or pass a ParticleLayout.")
        }
        let stale = featureNames.filter { Self.kinematicNames.contains($0) && !used.contains($0) }
        guard stale.isEmpty else {
            throw DatasetError.invalidRequest(
                "Augmenting \(used) would leave \(stale) unchanged and so inconsistent; select only one coordinate set "
                    + "and derive the other features after augmenting.")
        }
        self = layout
    }

    /// Particle features computed from the momenta, which an augmentation would have to update.
    static let kinematicNames: Set<String> = [
        "etarel", "phirel", "ptrel", "eta", "phi", "pt", "E", "px", "py", "pz",
        "part_px", "part_py", "part_pz", "part_energy", "part_deta", "part_dphi", "part_pt", "part_eta", "part_phi",
        "part_pt_log", "part_e_log", "part_logptrel", "part_logerel", "part_deltaR",
    ]
}
