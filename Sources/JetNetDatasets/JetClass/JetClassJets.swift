import JetNetCore

/// Jets read from JetClass files: padded particle features, mask, jet features and labels.
public struct JetClassJets: Sendable, Equatable {
    /// Particle features `[jets, particles, features]` in the requested feature order, zero
    /// beyond each jet's particles (and truncated to `particles`, keeping the first ones).
    public var particles: NDArray<Float>
    /// `[jets, particles]`: true where a real particle sits.
    public var mask: NDArray<Bool>
    /// Jet features `[jets, features]` in the requested order.
    public var jets: NDArray<Float>
    /// The class index of each jet `[jets]` (0 = QCD … 9 = Tbl, ``JetClassJetType/index``).
    public var labels: NDArray<Int32>

    /// The number of jets.
    public var count: Int { labels.count }

    /// One-hot labels `[jets, 10]` (particle_transformer's `y`).
    public var oneHotLabels: NDArray<Float> {
        var values = [Float](repeating: 0, count: count * JetClassJetType.allCases.count)
        for (row, label) in labels.storage.enumerated() { values[row * 10 + Int(label)] = 1 }
        return NDArray(shape: [count, 10], storage: values)
    }

    /// Joins parts read one after another.
    static func concatenate(_ parts: [JetClassJets]) -> JetClassJets {
        precondition(!parts.isEmpty)
        if parts.count == 1 { return parts[0] }
        return JetClassJets(
            particles: NDArray.concatenate(parts.map(\.particles)), mask: NDArray.concatenate(parts.map(\.mask)),
            jets: NDArray.concatenate(parts.map(\.jets)), labels: NDArray.concatenate(parts.map(\.labels)))
    }
}
