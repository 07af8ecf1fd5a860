/// JetClass names parse like every other dataset's (`"Hbb,QCD"`, `"all"`).
extension JetClassJetType: JetTypeName {
    public static var datasetName: String { "JetClass" }
}

extension JetClassParticleFeature: ParticleFeatureName {
    public static var datasetName: String { "JetClass" }
}

extension JetClassJetFeature: JetFeatureName {
    public static var datasetName: String { "JetClass" }
}
