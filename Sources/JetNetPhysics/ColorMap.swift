/// How pixel intensities in `[0, 1]` become colours in a PNG.
public enum ColorMap: String, Sendable, CaseIterable {
    /// Black (0) to white (1).
    case greyscale
    /// Matplotlib's perceptually uniform viridis (dark blue to yellow), from its values at
    /// nine evenly spaced points, linearly interpolated.
    case viridis

    /// Viridis at t = 0, 1/8, ..., 1 (matplotlib's table, 8-bit).
    static let viridisStops: [(Double, Double, Double)] = [
        (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
        (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
    ]

    /// The 8-bit RGB colour of intensity `t` (clamped to `[0, 1]`; NaN counts as 0).
    public func rgb(_ t: Double) -> (UInt8, UInt8, UInt8) {
        let x = t.isNaN ? 0 : min(max(t, 0), 1)
        switch self {
        case .greyscale:
            let v = UInt8((x * 255).rounded())
            return (v, v, v)
        case .viridis:
            let position = x * Double(Self.viridisStops.count - 1)
            let lower = min(Int(position), Self.viridisStops.count - 2)
            let f = position - Double(lower)
            let (a, b) = (Self.viridisStops[lower], Self.viridisStops[lower + 1])
            func mix(_ p: Double, _ q: Double) -> UInt8 { UInt8((p + (q - p) * f).rounded()) }
            return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
        }
    }
}
