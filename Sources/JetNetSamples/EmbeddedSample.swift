import Foundation

/// Realistic JetNet-format jets shipped with the package, so everything runs offline.
///
/// The files are in the real datasets' on-disk layout: `g.hdf5`, `q.hdf5`, `t.hdf5`, `w.hdf5`,
/// `z.hdf5` (2,000 jets each, 30 particles) and `g150.hdf5` … `z150.hdf5` (500 jets each,
/// 150 particles), each with `particle_features` float32 `[N, P, 4]` (etarel, phirel, ptrel,
/// mask) and `jet_features` float32 `[N, 4]` (pt, eta, mass, num_particles).
///
/// Provenance: generated with Pythia 8.318 (pp at 13 TeV) and FastJet 3.5 anti-kt R = 0.8,
/// pT-hat 950–1200 GeV, seed 20261129 (the project's reference kit). They are *not* the Zenodo
/// JetNet dataset, but they have its structure. They are stored chunked one feature at a time with
/// shuffle + gzip, which changes only the storage layout, not the values. Each file has an
/// `md5sum`-format `.md5` beside it, so the dataset loaders verify it offline (and silently).
public enum EmbeddedSample {
    /// The directory holding the embedded JetNet files, usable as a dataset directory.
    public static var jetNetDirectory: URL {
        // The copied folder is itself called `Resources`: Foundation on Linux then reports it
        // as the bundle's resource directory, on macOS it sits inside Contents/Resources.
        Bundle.module.url(forResource: "jetnet", withExtension: nil, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "jetnet", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Resources/jetnet", isDirectory: true)
    }

    /// The URL of one embedded file, for example `"g.hdf5"` or `"t150.hdf5"`.
    public static func url(_ fileName: String) -> URL {
        jetNetDirectory.appendingPathComponent(fileName)
    }
}

/// Synthetic CaloChallenge dataset 1 photon showers shipped with the package, so
/// `jetnet calo evaluate` runs offline.
///
/// `calo_1_photons_reference.hdf5` and `calo_1_photons_generated.hdf5` hold 64 showers each in
/// the challenge's exact layout: `incident_energies` float32 `[64, 1]` (powers of two from 256
/// MeV to 4 TeV) and `showers` float32 `[64, 368]` (MeV), gzip-compressed. The showers are
/// synthetic (a longitudinal profile, a radial fall-off around an off-centre core, empty and
/// sub-threshold voxels), made by `scripts/fixtures/make_calo_goldens.py`; they are not Geant4
/// showers and carry no physics.
public enum EmbeddedCaloSample {
    /// The directory holding the embedded shower files.
    public static var directory: URL {
        Bundle.module.url(forResource: "calo", withExtension: nil, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "calo", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Resources/calo", isDirectory: true)
    }

    /// The embedded reference sample (dataset 1 photons).
    public static var reference: URL { directory.appendingPathComponent("calo_1_photons_reference.hdf5") }
    /// The embedded generated sample (dataset 1 photons).
    public static var generated: URL { directory.appendingPathComponent("calo_1_photons_generated.hdf5") }
}
