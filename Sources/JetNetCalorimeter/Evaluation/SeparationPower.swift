import JetNetCore

/// The separation power (triangular discrimination, eq. 15 of arXiv:2009.03796) of two
/// density histograms over the same bins, as the official `_separation_power`:
/// `p = density * bin width`, `S = 1/2 sum (p_ref - p_gen)^2 / (p_ref + p_gen + 1e-16)`.
///
/// 0 for identical histograms, 1 for disjoint ones.
/// - Parameters:
///   - reference: the reference density, shape `[bins]`.
///   - generated: the generated density, shape `[bins]`.
///   - edges: the bin edges, shape `[bins + 1]`.
/// - Returns: the separation power.
public func separationPower(reference: [Double], generated: [Double], edges: [Double]) -> Double {
    precondition(reference.count == generated.count && edges.count == reference.count + 1, "histograms must share their bins")
    let terms = reference.indices.map { index -> Double in
        let width = edges[index + 1] - edges[index]
        let p = reference[index] * width, q = generated[index] * width
        return (p - q) * (p - q) / (p + q + 1e-16)
    }
    return 0.5 * NumPySum.sum(terms)
}
