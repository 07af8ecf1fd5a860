import Foundation
import Testing

/// `--help`, `-h` and `help <subcommand>` print ArgumentParser's help and exit 0.
@Suite("Help")
struct HelpTests {
    @Test("Help requests print the command's usage and its options", arguments: [
        (["--help"], "USAGE: jetnet <subcommand>", "evaluate"),
        (["-h"], "USAGE: jetnet <subcommand>", "calo"),
        (["evaluate", "--help"], "USAGE: jetnet evaluate", "--real"),
        (["help", "evaluate"], "USAGE: jetnet evaluate", "--gen"),
        (["info", "-h"], "USAGE: jetnet info", "<file>"),
        (["calo", "evaluate", "--help"], "USAGE: jetnet calo evaluate", "--dataset"),
    ])
    func help(arguments: [String], usage: String, option: String) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains(usage), "\(result.stdout)")
        #expect(result.stdout.contains(option), "\(result.stdout)")
        #expect(!result.stdout.contains("CommandError") && !result.stderr.contains("CommandError"))
    }
}
