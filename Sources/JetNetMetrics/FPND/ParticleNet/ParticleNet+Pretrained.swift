import Foundation

extension ParticleNet {
    /// Where jetnet's FPND resources are in this module's bundle.
    static let resourceDirectory = "Resources/fpnd/jetnet/30_particles"

    /// The URL of a bundled FPND resource, or `badResource` if the bundle lacks it.
    static func resourceURL(_ name: String, extension pathExtension: String) throws(MetricError) -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: pathExtension, subdirectory: resourceDirectory) else {
            throw .badResource(
                path: "\(resourceDirectory)/\(name).\(pathExtension)",
                reason: "the JetNetMetrics resource bundle lacks it; rebuild the package so SwiftPM copies Resources/")
        }
        return url
    }

    /// jetnet's pretrained FPND network, read once from the bundled state dict and then shared.
    private static let pretrained: Result<ParticleNet, MetricError> = Result { () throws(MetricError) -> ParticleNet in
        let weights = try TorchStateDict(contentsOf: try resourceURL("pnet_state_dict", extension: "pt"))
        return try ParticleNet(stateDict: weights)
    }

    /// jetnet's pretrained `_ParticleNet(30, 3)` (`fpnd_resources/jetnet/30_particles/pnet_state_dict.pt`),
    /// trained on JetNet jets with 30 particles and features `[etarel, phirel, ptrel]` after
    /// `JetNet.fpnd_norm`; its logits are for the jet types g, q, t, w, z.
    ///
    /// - Returns: the network (loaded on first use, then cached).
    /// - Throws: ``MetricError/badResource(path:reason:)`` if the bundled weights are missing.
    public static func jetNetPretrained() throws(MetricError) -> ParticleNet {
        try pretrained.get()
    }
}
