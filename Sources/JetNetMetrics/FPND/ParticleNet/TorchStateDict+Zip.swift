import Foundation
import JetNetCore

extension TorchStateDict {
    /// The zip format of PyTorch ≥ 1.6: `<archive>/data.pkl` and one `<archive>/data/<key>`
    /// entry of raw little-endian bytes per storage (read with JetNetCore's ``ZipArchive``).
    static func readZip(_ bytes: [UInt8], path: String) throws(PickleMachine.Failure) -> TorchStateDict {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(data: Data(bytes), source: path)
        } catch {
            throw PickleMachine.Failure(reason: "it is not a readable zip archive (\(error.localizedDescription))")
        }
        guard let pickleName = archive.entryNames.first(where: { $0 == "data.pkl" || $0.hasSuffix("/data.pkl") }) else {
            throw PickleMachine.Failure(reason: "the zip archive has no data.pkl, so torch.save did not write it")
        }
        let prefix = String(pickleName.dropLast("data.pkl".count))
        if let order = try? archive.contents(of: prefix + "byteorder"), order == Data("big".utf8) {
            throw PickleMachine.Failure(reason: "it was saved on a big-endian machine, which is not supported")
        }
        let pickle: Data
        do {
            pickle = try archive.contents(of: pickleName)
        } catch {
            throw PickleMachine.Failure(reason: "its \(pickleName) cannot be read (\(error.localizedDescription))")
        }
        var machine = PickleMachine(bytes: [UInt8](pickle))
        let root = try machine.run()
        var storages: [String: [UInt8]] = [:]
        for key in collectStorages(root).keys {
            let entry = prefix + "data/" + key
            guard archive.entry(named: entry) != nil else {
                throw PickleMachine.Failure(reason: "the zip archive lacks the storage \(entry)")
            }
            do {
                storages[key] = [UInt8](try archive.contents(of: entry))
            } catch {
                throw PickleMachine.Failure(reason: "the storage \(entry) cannot be read (\(error.localizedDescription))")
            }
        }
        return try assemble(root, storages: storages)
    }
}
