/// The ten JetClass jet classes, in particle_transformer's label order.
public enum JetClassJetType: String, Sendable, CaseIterable, Codable {
    case qcd = "QCD", hbb = "Hbb", hcc = "Hcc", hgg = "Hgg", h4q = "H4q"
    case hqql = "Hqql", zqq = "Zqq", wqq = "Wqq", tbqq = "Tbqq", tbl = "Tbl"

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
