import Foundation
import JetNetIO

extension CaloDataset {
    /// The Zenodo record holding the dataset's files (DOIs 10.5281/zenodo.8099322, 6366270,
    /// 6366323).
    public var zenodoRecord: Int {
        switch self {
        case .photons1, .pions1: 8_099_322
        case .electrons2: 6_366_270
        case .electrons3: 6_366_323
        }
    }

    /// The files meant for training, in order.
    public var trainingFiles: [String] {
        switch self {
        case .photons1: ["dataset_1_photons_1.hdf5"]
        case .pions1: ["dataset_1_pions_1.hdf5"]
        case .electrons2: ["dataset_2_1.hdf5"]
        case .electrons3: ["dataset_3_1.hdf5", "dataset_3_2.hdf5"]
        }
    }

    /// The files that make the evaluation's reference sample, in order (dataset 3's spans two).
    public var referenceFiles: [String] {
        switch self {
        case .photons1: ["dataset_1_photons_2.hdf5"]
        case .pions1: ["dataset_1_pions_2.hdf5"]
        case .electrons2: ["dataset_2_2.hdf5"]
        case .electrons3: ["dataset_3_3.hdf5", "dataset_3_4.hdf5"]
        }
    }

    /// Finds the dataset's reference (or training) files in `directory`, downloading them from
    /// Zenodo and verifying their MD5 as the jet datasets do: a file verified once is checked
    /// against its `.md5` sidecar offline.
    ///
    /// - Parameters:
    ///   - directory: the data directory.
    ///   - reference: the reference files (true) or the training files (false).
    ///   - download: whether missing or unverified files may be downloaded.
    ///   - client: the Zenodo client (injectable for tests).
    /// - Returns: the files' URLs, in order.
    /// - Throws: ``CaloError/download(_:)`` with the reason and how to fix it.
    public func files(
        in directory: URL, reference: Bool = true, download: Bool = false, client: ZenodoClient = ZenodoClient()
    ) throws -> [URL] {
        let names = reference ? referenceFiles : trainingFiles
        let hint = "Pass `download: true` (or run `jetnet calo download --dataset \(rawValue) --dir \(directory.path)`) to fetch it from Zenodo record \(zenodoRecord)."
        return try names.map { name in
            do {
                return try client.ensureFile(name, record: zenodoRecord, in: directory, download: download, hint: hint)
            } catch let error as DownloadError {
                throw CaloError.download(error.errorDescription ?? "\(error)")
            }
        }
    }
}
