import Foundation

/// The metrics ``Metrics/evaluate(real:gen:options:progress:)`` can run, spelled as the
/// `jetnet evaluate --metrics` flag spells them.
public enum MetricKind: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// W1 distance between jet masses.
    case w1m
    /// W1 distances between the particle features etarel, phirel, ptrel.
    case w1p
    /// W1 distances between the five `n==4, d==4, p==1` EFPs.
    case w1efp
    /// Fréchet physics distance on the 36 `d<=4` EFPs.
    case fpd
    /// Kernel physics distance on the 36 `d<=4` EFPs.
    case kpd
    /// Coverage and minimum matching distance with the EMD.
    case covMMD = "cov-mmd"
    /// Fréchet ParticleNet distance (needs a jet type with jetnet's statistics: g, q or t).
    case fpnd

    /// The name used on the command line and in tables.
    public var description: String { rawValue }

    /// The key of this metric's entry in ``EvaluationResult``'s JSON (`cov-mmd` is `cov_mmd`).
    public var jsonKey: String { rawValue.replacingOccurrences(of: "-", with: "_") }

    /// The factor by which the JetNet papers (arXiv:2211.10295, Table 2) multiply the value in
    /// their tables: W1M and W1P ×10³, W1EFP ×10⁵, FPD and KPD ×10³, COV, MMD and FPND ×1.
    public var paperScale: Double {
        switch self {
        case .w1m, .w1p, .fpd, .kpd: 1e3
        case .w1efp: 1e5
        case .covMMD, .fpnd: 1
        }
    }

    /// The table heading with the paper's unit, e.g. `"W1M ×1e3"`.
    public var heading: String {
        switch self {
        case .w1m: "W1M ×1e3"
        case .w1p: "W1P ×1e3"
        case .w1efp: "W1EFP ×1e5"
        case .fpd: "FPD ×1e3"
        case .kpd: "KPD ×1e3"
        case .covMMD: "COV / MMD"
        case .fpnd: "FPND"
        }
    }

    /// Parses a comma-separated list such as `"w1m,fpd,cov-mmd"` (`all` selects every metric;
    /// `cov_mmd` is accepted for `cov-mmd`), keeping the canonical order and dropping repeats.
    ///
    /// - Parameter list: the names, comma-separated.
    /// - Returns: the metrics in ``allCases`` order.
    /// - Throws: ``EvaluationError/unknownMetric(_:)`` for a name that is none of the above.
    public static func parseList(_ list: String) throws(EvaluationError) -> [MetricKind] {
        var chosen = Set<MetricKind>()
        for raw in list.split(separator: ",") {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
            if name == "all" { return allCases }
            guard let kind = MetricKind(rawValue: name) else { throw .unknownMetric(String(raw)) }
            chosen.insert(kind)
        }
        guard !chosen.isEmpty else { throw .unknownMetric(list) }
        return allCases.filter(chosen.contains)
    }
}
