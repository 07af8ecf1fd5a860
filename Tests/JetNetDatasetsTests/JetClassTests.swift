import Foundation
import Testing
import JetNetTestSupport
import JetNetCore
@testable import JetNetDatasets

@Suite("JetClass")
struct JetClassTests {
    static let directory = try! fixtures.url("jetclass")

    struct Expected: Decodable {
        struct File: Decodable {
            let file: String
            let labels: [Int]
            let counts: [Int]
            let jets: [[Double]]
            let feature_sums: [Double]
            let first_particle: [Double]
            let last_row_16: [Double]
        }
        let files: [File]
    }

    static let expected = try! fixtures.decode(Expected.self, from: "jetclass/expected.json")

    @Test("files are found by class and number, in class order")
    func fileSelection() throws {
        let all = try JetClassFile.find(in: Self.directory)
        #expect(all.map(\.url.lastPathComponent) == ["ZJetsToNuNu_000.root", "HToBB_000.root", "HToBB_001.root", "TTBarLep_000.root"])
        #expect(try JetClassFile.find(in: Self.directory, split: "val_5M", jetTypes: [.hbb], numbers: [1]).map(\.number) == [1])
        #expect(throws: DatasetError.self) { try JetClassFile.find(in: Self.directory, jetTypes: [.wqq]) }
        #expect(JetClassJetType(name: "label_Tbl") == .tbl && JetClassJetType(name: "HToWW2Q1L") == .hqql && JetClassJetType(name: "hbb") == .hbb)
        #expect(JetClassJetType.allCases.map(\.index) == Array(0 ..< 10))
    }

    @Test("labels, jet features and every particle feature equal particle_transformer's")
    func eagerMatchesReference() throws {
        let data = try JetClassDataset(directory: Self.directory, particleFeatures: JetClassParticleFeature.allCases)
        let jets = try data.load()
        let files = Self.expected.files
        #expect(jets.labels.storage.map(Int.init) == files.flatMap(\.labels))
        #expect(jets.jets.storage.map(Double.init) == files.flatMap { $0.jets.flatMap { $0 } })
        let total = files.flatMap(\.labels).count
        #expect(total == 11)
        #expect(jets.particles.shape == [total, 128, 27])
        #expect(jets.mask.storage.filter { $0 }.count == files.flatMap(\.counts).reduce(0) { $0 + min($1, 128) })
        let onehot = jets.oneHotLabels
        #expect(onehot.shape == [total, 10] && onehot.storage.reduce(0, +) == Float(total) && onehot[1, 0] == 1 && onehot[total - 1, 9] == 1)

        var row = 0
        for file in files {
            let part = jets.particles.rows(row ..< row + file.labels.count)
            for feature in 0 ..< 27 {
                var sum = 0.0
                for value in part.selectingLast([feature]).storage { sum += Double(value) }
                #expect(isClose(sum, file.feature_sums[feature], relative: 1e-5, absolute: 1e-5), "\(file.file) \(JetClassParticleFeature.allCases[feature].rawValue)")
            }
            for feature in 0 ..< 27 {
                #expect(isClose(Double(part[0, 0, feature]), file.first_particle[feature], relative: 1e-6, absolute: 1e-6))
            }
            let last = part.shape[0] - 1
            #expect((0 ..< 16).map { Double(part[last, $0, 0]) } == file.last_row_16)
            row += file.labels.count
        }
    }

    @Test("padding and truncation to N particles, with the mask")
    func padAndTruncate() throws {
        let data = try JetClassDataset(directory: Self.directory, jetTypes: [.hbb], fileNumbers: [1], particles: 16,
                                       particleFeatures: [.px, .mask], jetFeatures: [.nparticles])
        let jets = try data.load()
        #expect(jets.particles.shape == [2, 16, 2])
        let file = Self.expected.files.first { $0.file == "HToBB_001.root" }!
        #expect(file.counts == [140, 2])
        #expect(jets.mask.storage == Array(repeating: true, count: 16) + [true, true] + Array(repeating: false, count: 14))
        #expect((0 ..< 16).map { Double(jets.particles[1, $0, 0]) } == file.last_row_16)
        #expect((2 ..< 16).allSatisfy { jets.particles[1, $0, 0] == 0 && jets.particles[1, $0, 1] == 0 })
        #expect(jets.jets.storage == [140, 2])
    }

    @Test("streaming batches across files equal the eager read", arguments: [1, 3, 4, 7, 64])
    func streamingEqualsEager(size: Int) throws {
        let data = try JetClassDataset(directory: Self.directory, particles: 40, particleFeatures: JetClassParticleFeature.particleTransformerFull)
        let eager = try data.load()
        var iterator = data.batches(size: size)
        var parts: [JetClassJets] = []
        while let batch = try iterator.next() {
            #expect(batch.count <= size)
            parts.append(batch)
        }
        #expect(parts.count == (11 + size - 1) / size)
        #expect(JetClassJets.concatenate(parts) == eager)
    }

    @Test("jetsPerFile limits each file")
    func jetsPerFile() throws {
        let data = try JetClassDataset(directory: Self.directory, jetsPerFile: 1)
        let jets = try data.load()
        #expect(jets.labels.storage == [0, 1, 1, 9])
        var iterator = data.batches(size: 3)
        #expect(try iterator.next()?.count == 3)
        #expect(try iterator.next()?.count == 1)
        #expect(try iterator.next() == nil)
    }

    @Test("bad requests and damaged files throw DatasetError")
    func badInput() throws {
        #expect(throws: DatasetError.invalidParticleCount(0)) { try JetClassDataset(directory: Self.directory, particles: 0) }
        let scratch = temporaryURL("-jetclass-bad")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let original = try Data(contentsOf: Self.directory.appendingPathComponent("val_5M/HToBB_000.root"))
        try original.prefix(original.count / 2).write(to: scratch.appendingPathComponent("HToBB_000.root"))
        let data = try JetClassDataset(directory: scratch)
        #expect(throws: DatasetError.self) { try data.load() }
    }

    @Test("tarball list and tar extraction")
    func tarballs() throws {
        #expect(JetClassDownload.tarballs(.train).count == 10)
        #expect(JetClassDownload.tarballs(.val).first?.md5 == "7235ccb577ed85023ea3ab4d5e6160cf")
        #expect(JetClassDownload.tarballs(.test).first?.url.absoluteString == "https://zenodo.org/record/6619768/files/JetClass_Pythia_test_20M.tar")
    }
}
