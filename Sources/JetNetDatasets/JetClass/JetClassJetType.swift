/// The ten JetClass jet classes, in particle_transformer's label order.
///
/// QCD jets come from Z(->nunu)+jets; H->bb, cc, gg, WW->4q, WW->lnuqq; Z->qq; W->qq; t->bqq;
/// t->blnu.
public enum JetClassJetType: String, Sendable, CaseIterable, Codable {
    /// Light-quark and gluon jets (`ZJetsToNuNu_*`).
    case qcd = "QCD"
    /// H -> bb, cc, gg, WW -> 4q, WW -> l nu q q.
    case hbb = "Hbb", hcc = "Hcc", hgg = "Hgg", h4q = "H4q", hqql = "Hqql"
    /// Z -> qq, W -> qq.
    case zqq = "Zqq", wqq = "Wqq"
    /// t -> bqq, t -> b l nu.
    case tbqq = "Tbqq", tbl = "Tbl"

    /// The label branch (`"label_Hbb"`).
    public var labelBranch: String { "label_" + rawValue }

    /// The process name that starts the class's file names (`HToBB_000.root`).
    public var process: String {
        switch self {
        case .qcd: "ZJetsToNuNu"
        case .hbb: "HToBB"
        case .hcc: "HToCC"
        case .hgg: "HToGG"
        case .h4q: "HToWW4Q"
        case .hqql: "HToWW2Q1L"
        case .zqq: "ZToQQ"
        case .wqq: "WToQQ"
        case .tbqq: "TTBar"
        case .tbl: "TTBarLep"
        }
    }

    /// The class index (0 for QCD … 9 for Tbl), the position of its one-hot label.
    public var index: Int { Self.allCases.firstIndex(of: self)! }

    /// Parses `"Hbb"`, `"label_Hbb"` or the process name `"HToBB"` (case-insensitive).
    public init?(name: String) {
        let lowered = name.lowercased()
        guard let match = Self.allCases.first(where: {
            $0.rawValue.lowercased() == lowered || $0.labelBranch.lowercased() == lowered || $0.process.lowercased() == lowered
        }) else { return nil }
        self = match
    }
}
