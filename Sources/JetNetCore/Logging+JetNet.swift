import Logging

/// The logger JetNet's modules write warnings to (label `"jetnet"`).
///
/// Warnings such as jetnet's "recommended number of samples" go here; applications choose
/// where they appear with `LoggingSystem.bootstrap`. The CLI prints them on stderr.
public let jetnetLogger = Logger(label: "jetnet")
