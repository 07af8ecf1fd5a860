import ArgumentParser
import Foundation
import JetNet

/// `jetnet datasets`: what each dataset offers and the files it expects.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the datasets, their jet types, features and expected file names.")

    func run() throws {
        print(Self.listing())
    }

    static func listing() -> String {
        func names<Name: DatasetName>(_ type: Name.Type) -> String { Name.allCases.map(\.rawValue).joined(separator: " ") }
        let jetnetFiles30 = JetNetJetType.allCases.map { JetNetDataset.fileName(for: $0, particles: 30) }.joined(separator: " ")
        let jetnetFiles150 = JetNetJetType.allCases.map { JetNetDataset.fileName(for: $0, particles: 150) }.joined(separator: " ")
        return """
        jetnet        JetNet (jetnet.datasets.JetNet)
          jet types           \(names(JetNetJetType.self))   (or all)
          particle features   \(names(JetNetParticleFeature.self))
          jet features        \(names(JetNetJetFeature.self))
          particles           1...\(JetNetDataset.maxParticles) (files up to 30: \(jetnetFiles30))
                                        (above 30: \(jetnetFiles150))
          splits              \(DatasetSplit.allCases.map(\.rawValue).joined(separator: " "))   (fractions default 0.7,0.15,0.15; seed 42)
          Zenodo records      \(JetNetDataset.record30) (30 particles), \(JetNetDataset.record150) (150 particles)

        toptagging    Top Quark Tagging reference (jetnet.datasets.TopTagging)
          jet types           \(names(TopTaggingJetType.self))
          particle features   \(names(TopTaggingParticleFeature.self))
          jet features        \(names(TopTaggingJetFeature.self))   (E px py pz: the truth top four-momentum)
          particles           1...\(TopTaggingDataset.maxParticles)
          splits              train valid test all   (files train.h5 val.h5 test.h5)
          Zenodo record       \(TopTaggingDataset.record)

        quarkgluon    Quark Gluon jets (jetnet.datasets.QuarkGluon)
          jet types           \(names(QuarkGluonJetType.self))
          particle features   \(names(QuarkGluonParticleFeature.self))
          jet features        \(names(QuarkGluonJetFeature.self))
          particles           1...\(QuarkGluonDataset.maxParticles) (zero-padded)
          splits              \(DatasetSplit.allCases.map(\.rawValue).joined(separator: " "))   (per file)
          files               QG_jets_withbc_0.npz … QG_jets_withbc_19.npz (with b/c), QG_jets.npz, QG_jets_1.npz … QG_jets_19.npz
          Zenodo record       \(QuarkGluonDataset.record)

        jetclass      JetClass, 10 classes (particle_transformer; ROOT files read in pure Swift)
          classes (--classes) \(names(JetClassJetType.self))   (or all)
          particle features   \(names(JetClassParticleFeature.self))
          jet features        \(names(JetClassJetFeature.self))
          particles           any (default 128; zero-padded with an export `mask`)
          splits              train val test all   (folders train_100M val_5M test_20M; --files picks file numbers)
          files               <Process>_<NNN>.root: \(JetClassJetType.allCases.map(\.process).joined(separator: " "))
          Zenodo record       \(JetClassDownload.record) (`jetnet download jetclass --split val` fetches and extracts)
        """
    }
}
