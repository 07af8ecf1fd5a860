/// The version of JetNet for Swift, printed by `jetnet --version` and written into reports.
public enum JetNetVersion {
    /// The semantic version of this package.
    public static let current = "0.1.0"
    /// The version of the Python `jetnet` package whose behaviour this package reproduces.
    public static let reference = "jetnet 0.2.5, energyflow 1.4.0"
}
