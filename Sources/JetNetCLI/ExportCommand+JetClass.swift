import ArgumentParser
import Foundation
import JetNet

/// `jetnet export jetclass`: padded particles, mask, jet features and one-hot labels to `.npz`.
extension ExportCommand {
    /// JetClass names: `--classes` (or `--jet-types`), features; `all` particle features means
    /// all 27 (stored and derived).
    func validateJetClass() throws {
        _ = try parseNames(classes ?? jetTypes, as: JetClassJetType.self, flag: "--classes")
        _ = try parseNames(particleFeatures, as: JetClassParticleFeature.self, flag: "--particle-features")
        _ = try parseNames(jetFeatures, as: JetClassJetFeature.self, flag: "--jet-features")
        _ = try jetClassFileNumbers()
    }

    private func jetClassFileNumbers() throws -> Set<Int>? {
        guard let files else { return nil }
        let numbers = files.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.allSatisfy({ $0 != nil && $0! >= 0 }) else {
            throw ValidationError("--files: JetClass takes file numbers like 0,1,2, got \(files)")
        }
        return Set(numbers.map { $0! })
    }

    /// The JetClass folder for `--split` (`val` is `val_5M`); nil searches every folder.
    private var jetClassFolder: String? {
        switch split {
        case "all": nil
        case "train": "train_100M"
        case "val", "valid": "val_5M"
        case "test": "test_20M"
        default: split
        }
    }

    func exportJetClass() throws {
        let data: JetClassDataset
        let jets: JetClassJets
        do {
            data = try JetClassDataset(
                directory: URL(fileURLWithPath: dir), split: jetClassFolder,
                jetTypes: parseNames(classes ?? jetTypes, as: JetClassJetType.self, flag: "--classes")!,
                fileNumbers: jetClassFileNumbers(), particles: particles ?? 128,
                particleFeatures: parseNames(particleFeatures, as: JetClassParticleFeature.self, flag: "--particle-features")!,
                jetFeatures: parseNames(jetFeatures, as: JetClassJetFeature.self, flag: "--jet-features")!)
            jets = try data.load()
        } catch let error as DatasetError {
            switch error {
            case .invalidParticleCount, .invalidRequest, .unknownFeature, .unknownJetType:
                throw ValidationError(error.errorDescription ?? "\(error)")
            default:
                throw error
            }
        }
        let url = URL(fileURLWithPath: out)
        do {
            try NPZFile.write([
                ("particles", AnyNDArray(jets.particles)), ("mask", AnyNDArray(jets.mask)),
                ("jets", AnyNDArray(jets.jets)), ("labels", AnyNDArray(jets.oneHotLabels)),
            ], to: url)
        } catch {
            throw DatasetError.exportFailed(path: url.path, reason: (error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
        print("Wrote \(url.path): particles \(jets.particles.shape), mask \(jets.mask.shape), jets \(jets.jets.shape), labels \(jets.oneHotLabels.shape) from \(data.files.count) files")
    }
}
