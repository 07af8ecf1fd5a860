import Foundation
import JetNetCore
import JetNetIO

/// Reads entry ranges of one JetClass file into padded arrays, reading only the branches the
/// requested features need and only the baskets holding the entries.
struct JetClassReader: Sendable {
    let file: JetClassFile
    let tree: TTree

    init(file: JetClassFile) throws {
        self.file = file
        do {
            tree = try ROOTFile(url: file.url).tree(named: "tree")
        } catch let error as ROOTError {
            throw DatasetError.corruptFile(path: file.url.path, reason: error.errorDescription ?? "\(error)")
        }
    }

    /// Jets in the file.
    var entries: Int { tree.entries }

    /// Reads entries `range`.
    func read(_ range: Range<Int>, particles: Int, particleFeatures: [JetClassParticleFeature], jetFeatures: [JetClassJetFeature]) throws -> JetClassJets {
        do {
            return try readThrowingROOTErrors(range, particles: particles, particleFeatures: particleFeatures, jetFeatures: jetFeatures)
        } catch let error as ROOTError {
            throw DatasetError.corruptFile(path: file.url.path, reason: error.errorDescription ?? "\(error)")
        }
    }

    private func readThrowingROOTErrors(_ range: Range<Int>, particles: Int, particleFeatures: [JetClassParticleFeature], jetFeatures: [JetClassJetFeature]) throws -> JetClassJets {
        let n = range.count
        // Particle branches: every one needed, once; they must agree on the particle counts.
        var needed = Set(particleFeatures.flatMap(\.sourceBranches))
        if needed.isEmpty { needed.insert("part_energy") }  // counts are needed for the mask
        var columns: [String: JaggedArray<Float>] = [:]
        var offsets: [Int]?
        for name in needed.sorted() {
            let column = try tree.readJagged(branch: name, as: Float.self, entries: range)
            if let offsets, offsets != column.offsets {
                throw DatasetError.corruptFile(path: file.url.path, reason: "branch \(name) has different particle counts than the other part_* branches")
            }
            offsets = column.offsets
            columns[name] = column
        }
        let offsetsOfJets = offsets!
        var jetColumns: [String: [Float]] = [:]
        for name in Set(jetFeatures.map(\.rawValue) + particleFeatures.flatMap(\.jetBranches)) {
            jetColumns[name] = try tree.read(branch: name, as: Float.self, entries: range).storage
        }

        // Labels: the label branch that is set (particle_transformer's one-hot `y`); the file
        // name's class when a file has no label branches.
        var labels = [Int32](repeating: Int32(file.jetType.index), count: n)
        var best = [Float](repeating: 0, count: n)
        for type in JetClassJetType.allCases {
            guard (try? tree.branch(named: type.labelBranch)) != nil else { continue }
            let values = try tree.read(branch: type.labelBranch, as: Float.self, entries: range).storage
            for row in 0 ..< n where values[row] > best[row] {
                best[row] = values[row]
                labels[row] = Int32(type.index)
            }
        }

        let featureCount = particleFeatures.count
        var values = [Float](repeating: 0, count: n * particles * featureCount)
        var mask = [Bool](repeating: false, count: n * particles)
        let px = columns["part_px"]?.values ?? [], py = columns["part_py"]?.values ?? [], pz = columns["part_pz"]?.values ?? []
        let energy = columns["part_energy"]?.values ?? []
        let jetPt = jetColumns["jet_pt"] ?? [], jetEnergy = jetColumns["jet_energy"] ?? []
        for row in 0 ..< n {
            let start = offsetsOfJets[row]
            let kept = min(particles, offsetsOfJets[row + 1] - start)
            for j in 0 ..< kept {
                let source = start + j
                mask[row * particles + j] = true
                let base = (row * particles + j) * featureCount
                for (k, feature) in particleFeatures.enumerated() {
                    let value: Float
                    switch feature {
                    case .pt: value = hypotf(px[source], py[source])
                    case .eta: value = asinhf(pz[source] / hypotf(px[source], py[source]))
                    case .phi: value = atan2f(py[source], px[source])
                    case .ptLog: value = logf(hypotf(px[source], py[source]))
                    case .energyLog: value = logf(energy[source])
                    case .logPtRel: value = logf(hypotf(px[source], py[source]) / jetPt[row])
                    case .logERel: value = logf(energy[source] / jetEnergy[row])
                    case .deltaR: value = hypotf(columns["part_deta"]!.values[source], columns["part_dphi"]!.values[source])
                    case .d0: value = tanhf(columns["part_d0val"]!.values[source])
                    case .dz: value = tanhf(columns["part_dzval"]!.values[source])
                    case .mask: value = 1
                    default: value = columns[feature.rawValue]!.values[source]
                    }
                    values[base + k] = value
                }
            }
        }
        var jets = [Float](repeating: 0, count: n * jetFeatures.count)
        for (k, feature) in jetFeatures.enumerated() {
            let column = jetColumns[feature.rawValue]!
            for row in 0 ..< n { jets[row * jetFeatures.count + k] = column[row] }
        }
        return JetClassJets(
            particles: NDArray(shape: [n, particles, featureCount], storage: values),
            mask: NDArray(shape: [n, particles], storage: mask),
            jets: NDArray(shape: [n, jetFeatures.count], storage: jets),
            labels: NDArray(shape: [n], storage: labels))
    }
}
