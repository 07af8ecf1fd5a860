import ArgumentParser
import Foundation
import JetNet

/// `jetnet`: datasets, physics utilities and evaluation metrics for jets, on files.
@main
struct JetNetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jetnet",
        abstract: "Datasets, physics utilities and evaluation metrics for machine learning on jets.",
        version: "\(JetNetVersion.current) (reproduces \(JetNetVersion.reference))",
        subcommands: [
            EvaluateCommand.self, InfoCommand.self, ConvertCommand.self, DatasetsCommand.self, DownloadCommand.self, ExportCommand.self,
            EFPsCommand.self, ImageCommand.self, AugmentCommand.self, CaloCommand.self,
        ])

    /// ArgumentParser's entry point, plus plain one-line warnings, the removal of half-written
    /// temporaries on SIGINT, SIGTERM and SIGHUP, and one-line messages for every error
    /// (``ErrorMessage``).
    static func main() {
        PlainWarnings.install()
        AtomicFile.removeTemporariesOnTermination()
        var command: ParsableCommand
        do { command = try parseAsRoot() } catch { exit(withError: error) }
        do { try command.run() } catch { exit(withError: ErrorMessage.presentable(error)) }
    }
}
