import Foundation
import JetNet
import JetNetTestSupport
import Testing

@Suite("jetnet calo")
struct CaloCommandTests {
    @Test("evaluate on the embedded sample: a row per histogram and FPD/KPD x1e3; JSON equals the library")
    func embedded() throws {
        let table = try CLIRunner.run(["calo", "evaluate", "--quiet"])
        #expect(table.exitCode == 0, "\(table.stderr)")
        #expect(table.stdout.contains("dataset 1-photons"))
        #expect(table.lines.contains { $0.hasPrefix("FPD (x10^3)") })
        #expect(table.lines.contains { $0.hasPrefix("KPD (x10^3)") })
        #expect(table.lines.contains { $0.hasPrefix("Voxel distribution") })

        let json = try CLIRunner.run(["calo", "evaluate", "--quiet", "--json", "--no-fpd-kpd"])
        #expect(json.exitCode == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let powers = try #require(object["separationPowers"] as? [String: Any])
        let expected = try CaloEvaluation.run(
            dataset: .photons1, reference: ShowerSample(urls: [EmbeddedCaloSample.reference]),
            generated: ShowerSample(urls: [EmbeddedCaloSample.generated]), options: CaloEvaluationOptions(fpdKPD: false))
        #expect(powers.count == expected.histograms.count)
        for histogram in expected.histograms {
            if let power = histogram.separationPower {
                #expect(agrees(powers[histogram.name] as? Double ?? .nan, power, relative: 1e-14), "\(histogram.name)")
            } else {
                #expect(powers[histogram.name] is NSNull, "\(histogram.name)")
            }
        }
        #expect(object["fpd"] == nil)
        #expect(object["referenceShowers"] as? Int == 64)
    }

    @Test("files, a reference in two files, and the HTML report (written whole)")
    func filesAndReport() throws {
        let folder = try makeTemporaryDirectory("calo-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.html")
        let result = try CLIRunner.run([
            "calo", "evaluate", "--dataset", "1-photons", "--gen", EmbeddedCaloSample.generated.path,
            "--reference", EmbeddedCaloSample.reference.path, "--reference", EmbeddedCaloSample.reference.path,
            "--no-fpd-kpd", "--quiet", "--report", report.path,
        ])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(128 showers)"))
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("</html>"))
        #expect(html.contains("Layer 12, generated [MeV]"))
        #expect(html.contains("EC Eta layer 1"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"])
    }

    @Test("bad input: exit codes and one-line reasons")
    func badInput() throws {
        let wrong = try CLIRunner.run(["calo", "evaluate", "--dataset", "2", "--gen", EmbeddedCaloSample.generated.path,
                                       "--reference", EmbeddedCaloSample.reference.path, "--quiet"])
        #expect(wrong.exitCode != 0)
        #expect(wrong.stderr.contains("368 voxels per shower but dataset 2 has 6480"), "\(wrong.stderr)")
        let half = try CLIRunner.run(["calo", "evaluate", "--gen", EmbeddedCaloSample.generated.path])
        #expect(half.exitCode == 64, "\(half.stderr)")
        let unknown = try CLIRunner.run(["calo", "evaluate", "--dataset", "4"])
        #expect(unknown.exitCode == 64)
    }
}
