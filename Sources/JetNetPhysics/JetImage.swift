import JetNetCore

/// Jet images: pt-weighted 2-D histograms of the particles in (eta, phi)
/// (jetnet's `to_image`).
public enum JetImage {
    /// Turns one jet into an image.
    ///
    /// The binning is NumPy's `histogram2d(eta, phi, bins=[size, size], range=[[-maxR, maxR],
    /// [-maxR, maxR]], weights=pt)`: `size + 1` edges from `linspace`, bins closed on the left
    /// except the last one, which is closed on both sides; particles outside the range (or with
    /// NaN coordinates) are dropped; the pt weights are summed in `Double` in particle order.
    ///
    /// - Parameters:
    ///   - jet: one jet of shape `[particles, features]`, features `[eta, phi, pt, ...]`.
    ///   - size: pixels per row and column (at least 1).
    ///   - mask: optional mask of shape `[particles]`; as in jetnet each pt is multiplied by the
    ///     mask truncated to an integer (so 0.9 counts as 0).
    ///   - maxR: half-width of the image in eta and phi (positive).
    /// - Returns: shape `[size, size]`; the first axis is eta, the second phi.
    /// - Throws: ``PhysicsError`` for a wrong rank, fewer than 3 features, a mask of the wrong
    ///   shape, `size < 1` or `maxR <= 0`.
    public static func image<T: NDArrayElement & BinaryFloatingPoint>(
        _ jet: NDArray<T>, size: Int, mask: NDArray<T>? = nil, maxR: Double = 1.0
    ) throws -> NDArray<Double> {
        guard jet.rank == 2 else {
            throw PhysicsError.wrongRank(array: "jet", shape: jet.shape, expected: "2 axes [particles, features]")
        }
        return try images(jet.reshaped([1] + jet.shape), size: size,
                          mask: mask.map { $0.reshaped([1] + $0.shape) }, maxR: maxR).reshaped([size, size])
    }

    /// Turns a batch of jets into images (see ``image(_:size:mask:maxR:)`` for the binning).
    ///
    /// - Parameters:
    ///   - jets: jets of shape `[jets, particles, features]`, features `[eta, phi, pt, ...]`.
    ///   - size: pixels per row and column (at least 1).
    ///   - mask: optional mask of shape `[jets, particles]` (truncated to integers, as jetnet).
    ///   - maxR: half-width of the image in eta and phi (positive).
    /// - Returns: shape `[jets, size, size]`.
    /// - Throws: ``PhysicsError`` for a wrong rank, fewer than 3 features, a mask of the wrong
    ///   shape, `size < 1` or `maxR <= 0`.
    public static func images<T: NDArrayElement & BinaryFloatingPoint>(
        _ jets: NDArray<T>, size: Int, mask: NDArray<T>? = nil, maxR: Double = 1.0
    ) throws -> NDArray<Double> {
        guard jets.rank == 3 else {
            throw PhysicsError.wrongRank(array: "jets", shape: jets.shape, expected: "3 axes [jets, particles, features]")
        }
        try PhysicsError.checkJets(jets.shape)
        guard size >= 1 else { throw PhysicsError.invalidArgument(name: "size", value: "\(size)", allowed: "at least 1") }
        guard maxR > 0, maxR.isFinite else {
            throw PhysicsError.invalidArgument(name: "maxR", value: "\(maxR)", allowed: "a positive finite number")
        }
        let (count, particles, width) = (jets.shape[0], jets.shape[1], jets.shape[2])
        if let mask, mask.shape != [count, particles] {
            throw PhysicsError.shapeMismatch(first: "mask", firstShape: mask.shape, second: "jets", secondShape: jets.shape)
        }
        try MemoryBudget.require(MemoryBudget.bytes(count, size, size, 8), for: "images of \(count) jets at size \(size)")
        let edges = linspace(-maxR, maxR, size + 1)
        let pixels = size * size
        var out = [Double](repeating: 0, count: count * pixels)
        jets.withUnsafeBufferPointer { input in
            for jet in 0..<count {
                for p in 0..<particles {
                    let base = (jet * particles + p) * width
                    guard let row = bin(Double(input[base]), edges),
                          let column = bin(Double(input[base + 1]), edges) else { continue }
                    // jetnet multiplies pt by mask.astype(int) in the input's precision.
                    var weight = input[base + 2]
                    if let mask { weight *= T(Int64(mask.storage[jet * particles + p].doubleValue.rounded(.towardZero))) }
                    out[jet * pixels + row * size + column] += Double(weight)
                }
            }
        }
        return NDArray(shape: [count, size, size], storage: out)
    }

    /// NumPy's `linspace(start, stop, num)`: `i * step + start`, with the last value exactly `stop`.
    static func linspace(_ start: Double, _ stop: Double, _ num: Int) -> [Double] {
        let step = (stop - start) / Double(num - 1)
        var values = (0..<num).map { Double($0) * step + start }
        values[num - 1] = stop
        return values
    }

    /// The bin of `x` among `edges` as `histogramdd` finds it (`searchsorted(side: right) - 1`,
    /// the last edge belonging to the last bin), or nil when it falls outside.
    static func bin(_ x: Double, _ edges: [Double]) -> Int? {
        guard x >= edges[0], x <= edges[edges.count - 1] else { return nil }  // also drops NaN
        if x == edges[edges.count - 1] { return edges.count - 2 }
        // Number of edges <= x, found by bisection.
        var low = 0, high = edges.count
        while low < high {
            let mid = (low + high) / 2
            if edges[mid] <= x { low = mid + 1 } else { high = mid }
        }
        return low - 1
    }
}
