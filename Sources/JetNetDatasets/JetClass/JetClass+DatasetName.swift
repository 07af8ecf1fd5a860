/// JetClass names parse like every other dataset's (`"Hbb,QCD"`, `"all"`).
extension JetClassJetType: DatasetName {
    public static var datasetName: String { "JetClass" }
    public static var kind: String { "jet type" }
}

extension JetClassParticleFeature: DatasetName {
    public static var datasetName: String { "JetClass" }
    public static var kind: String { "particle" }
}

extension JetClassJetFeature: DatasetName {
    public static var datasetName: String { "JetClass" }
    public static var kind: String { "jet" }
}
