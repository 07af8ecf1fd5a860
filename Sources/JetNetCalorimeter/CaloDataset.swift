import Foundation

/// The four samples of the Fast Calorimeter Simulation Challenge 2022 (CaloChallenge), named
/// as the official `evaluate.py --dataset` names them.
public enum CaloDataset: String, CaseIterable, Sendable, Codable {
    /// Dataset 1, photons: 368 voxels in 5 non-empty layers of irregular binning.
    case photons1 = "1-photons"
    /// Dataset 1, charged pions: 533 voxels in 7 non-empty layers.
    case pions1 = "1-pions"
    /// Dataset 2, electrons: 45 layers x 16 angular x 9 radial bins = 6,480 voxels.
    case electrons2 = "2"
    /// Dataset 3, electrons: 45 layers x 50 angular x 18 radial bins = 40,500 voxels.
    case electrons3 = "3"

    /// Parses the official name (`1-photons`, `1-pions`, `2`, `3`).
    /// - Throws: ``CaloError/unknownDataset(_:)``.
    public init(name: String) throws {
        guard let dataset = CaloDataset(rawValue: name) else { throw CaloError.unknownDataset(name) }
        self = dataset
    }

    /// The particle name of the binning (`photon`, `pion`, `electron`).
    public var particle: String {
        switch self {
        case .photons1: "photon"
        case .pions1: "pion"
        case .electrons2, .electrons3: "electron"
        }
    }

    /// The number of voxels per shower.
    public var voxelCount: Int {
        switch self {
        case .photons1: 368
        case .pions1: 533
        case .electrons2: 6480
        case .electrons3: 40500
        }
    }

    /// The readout threshold in MeV below which the evaluation sets voxels to zero: 1 MeV for
    /// dataset 1, 0.5 keV / 0.033 (the sampling fraction) for datasets 2 and 3.
    public var threshold: Double {
        switch self {
        case .photons1, .pions1: 1.0
        case .electrons2, .electrons3: 0.5e-3 / 0.033
        }
    }

    /// Whether this is dataset 1 (irregular layers, discrete incident energies).
    public var isDataset1: Bool { self == .photons1 || self == .pions1 }

    /// The voxel geometry: dataset 1's binning files ship as resources; datasets 2 and 3 are
    /// regular and generated (edges equal to the binning files' decimals).
    /// - Throws: ``CaloError/badBinning(source:reason:)`` if a bundled binning is unreadable.
    public func geometry() throws -> CaloGeometry {
        switch self {
        case .photons1, .pions1:
            let name = "binning_dataset_1_\(self == .photons1 ? "photons" : "pions")"
            guard let url = Bundle.module.url(forResource: name, withExtension: "xml", subdirectory: "Resources") else {
                throw CaloError.badBinning(source: name + ".xml", reason: "the bundled binning file is missing from JetNetCalorimeter's resources")
            }
            return try CaloGeometry(contentsOf: url, particle: particle)
        case .electrons2:
            return CaloGeometry.regular(particle: particle, layerCount: 45, radialBins: 9, binWidthNumerator: 465, denominator: 100, alphaBins: 16)
        case .electrons3:
            return CaloGeometry.regular(particle: particle, layerCount: 45, radialBins: 18, binWidthNumerator: 2325, denominator: 1000, alphaBins: 50)
        }
    }
}
