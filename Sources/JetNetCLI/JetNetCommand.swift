import ArgumentParser
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
            EFPsCommand.self, ImageCommand.self,
        ])

    static func main() {
        PlainWarnings.install()
        main(nil)
    }
}
