import JetNetCore

/// What a dataset's `load` returns (jetnet's `getData` pair): particle features
/// `[jets, particles, features]` and jet features `[jets, features]`.
///
/// Both arrays are always there. A feature kind that was not asked for has an empty feature
/// axis (`[jets, particles, 0]`, `[jets, 0]`), as NumPy's `x[..., []]`, where jetnet returns
/// `None`; ``ArrayExport`` and the command line leave such an array out, as jetnet does.
/// JetClass's ``JetClassJets`` follows the same rule.
public typealias DatasetArrays = (particles: NDArray<Float>, jets: NDArray<Float>)
