import Foundation
import Testing

/// jetnet's advice ("recommended number of jets") reaches CLI users as plain one-line warnings.
@Suite("CLI warnings")
struct WarningTests {
    @Test("Each warning is one plain 'warning: ...' line on stderr, printed once however many metrics give it")
    func plainOnce() throws {
        let files = try EvaluateCommandTests.Files(jets: 60)
        defer { files.remove() }
        // W1M and W1P both warn about the sample size, with the same words; FPD warns once of its own.
        let result = try CLIRunner.run(
            ["evaluate", "--real", files.realPath, "--gen", files.genPath, "--metrics", "w1m,w1p,fpd", "--quiet"]
                + EvaluateCommandTests.quickSizes)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines == [
            "warning: Recommended number of jets for W1 estimation is 50,000 (got 60 real and 60 generated jets)",
            "warning: Recommended number of samples for FPD estimation is 50,000",
        ])
    }
}
