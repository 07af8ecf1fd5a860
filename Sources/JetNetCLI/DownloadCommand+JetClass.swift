import ArgumentParser
import Foundation
import JetNet

/// `jetnet download jetclass --split val`: the JetClass tarballs, MD5-verified and extracted.
extension DownloadCommand {
    func jetClassSplit() throws -> JetClassDownload.Split {
        guard let value = JetClassDownload.Split(rawValue: split == "valid" ? "val" : split) else {
            throw ValidationError("--split: JetClass has val, test and train, got \(split)")
        }
        return value
    }

    func downloadJetClass(client: ZenodoClient) throws {
        let parts = try self.parts.map { text in
            try text.split(separator: ",").map {
                guard let part = Int($0), (0 ..< 10).contains(part) else { throw ValidationError("--parts: numbers 0…9, got \(text)") }
                return part
            }
        }
        let files = try JetClassDownload.fetch(jetClassSplit(), into: URL(fileURLWithPath: dir), parts: parts, client: client)
        print("Extracted \(files.count) JetClass files under \(dir)")
    }
}
