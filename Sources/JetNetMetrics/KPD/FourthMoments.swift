import CMetricKernels

/// KPD's kernel sums from moments: with `u~ = (u, 1)`, `(gamma u.v + 1)^4` is a contraction of
/// `u~` and `v~` four times over, so `sum_{u, v} w_u w_v k(u, v)` is the contraction of the two
/// samples' symmetric fourth moments `sum_u w_u u~^(x4)`, each coordinate of a feature weighed
/// by gamma. `C(d + 4, 4)` multiply-adds per row instead of `d + 1` per pair of rows.
enum FourthMoments {
    /// The number of distinct fourth moments of `features + 1` coordinates, `C(features + 4, 4)`.
    static func count(features d: Int) -> Int {
        (d + 4) * (d + 3) * (d + 2) * (d + 1) / 24
    }

    /// The symmetric fourth moments of the rows with a 1 appended, shape `[count(features:)]`.
    static func moments(_ x: WeightedRows, features d: Int) -> [Double] {
        var moments = [Double](repeating: 0, count: count(features: d))
        let allocated = x.rows.withUnsafeBufferPointer { rows in
            x.weights.withUnsafeBufferPointer { weights in
                jetnet_kpd_fourth_moments(x.source.baseAddress, rows.baseAddress, x.divisors, weights.baseAddress, x.count, d, &moments)
            }
        }
        // A few hundred kilobytes of work buffer: failing to get it is out of memory.
        precondition(allocated, "KPD: no memory for a \(d + 1) x 128 work buffer")
        return moments
    }

    /// `sum_u w_u k(u, u)`, the diagonal the within-sample sums leave out.
    static func diagonal(_ x: WeightedRows, features d: Int) -> Double {
        let gamma = 1 / Double(d)
        var sum = 0.0
        for row in 0..<x.count {
            var squared = 0.0
            for k in 0..<d {
                let value = x.value(row, k)
                squared += value * value
            }
            let kernel = gamma * squared + 1, kernel2 = kernel * kernel
            sum += x.weights[row] * (kernel2 * kernel2)
        }
        return sum
    }

    /// The sums of `k` over the pairs `i != j` of each sample and over all pairs across.
    static func kernelSums(_ x: WeightedRows, _ y: WeightedRows, features d: Int) -> (xx: Double, yy: Double, xy: Double) {
        let gamma = 1 / Double(d)
        let (mx, my) = (moments(x, features: d), moments(y, features: d))
        let xx = jetnet_kpd_moment_contraction(mx, mx, d, gamma) - diagonal(x, features: d)
        let yy = jetnet_kpd_moment_contraction(my, my, d, gamma) - diagonal(y, features: d)
        return (xx, yy, jetnet_kpd_moment_contraction(mx, my, d, gamma))
    }
}
