import CMetricKernels

/// KPD's kernel sums from moments: with `u~ = (u, 1)`, `(gamma u.v + 1)^4` is a contraction of
/// `u~` and `v~` four times over, so `sum_{u, v} w_u w_v k(u, v)` is the contraction of the two
/// samples' symmetric fourth moments `sum_u w_u u~^(x4)`, each coordinate of a feature weighed
/// by gamma. `C(d + 4, 4)` multiply-adds per row instead of `d + 1` per pair of rows; the
/// moments are products of each row's pair products `u~_a u~_b` (`jetnet_kpd_kernel_sums`).
enum FourthMoments {
    /// The number of distinct fourth moments of `features + 1` coordinates, `C(features + 4, 4)`.
    static func count(features d: Int) -> Int {
        (d + 4) * (d + 3) * (d + 2) * (d + 1) / 24
    }

    /// The sums of `k` over the pairs `i != j` of each sample and over all pairs across.
    /// - Parameter tile: the kernel's register tile (vectors of eight pairs, pairs), nil for the
    ///   CPU's best; the sums agree to rounding whatever the tile.
    static func kernelSums(_ x: WeightedRows, _ y: WeightedRows, features d: Int,
                           tile: (vectors: Int, columns: Int)? = nil) -> (xx: Double, yy: Double, xy: Double) {
        var sums = [0.0, 0.0, 0.0]
        let allocated = x.rows.withUnsafeBufferPointer { xr in
            x.weights.withUnsafeBufferPointer { xw in
                y.rows.withUnsafeBufferPointer { yr in
                    y.weights.withUnsafeBufferPointer { yw in
                        if let tile {
                            jetnet_kpd_kernel_sums_tiled(x.source.baseAddress, xr.baseAddress, xw.baseAddress, x.count,
                                                         y.source.baseAddress, yr.baseAddress, yw.baseAddress, y.count,
                                                         x.divisors, d, Int32(tile.vectors), Int32(tile.columns), &sums)
                        } else {
                            jetnet_kpd_kernel_sums(x.source.baseAddress, xr.baseAddress, xw.baseAddress, x.count,
                                                   y.source.baseAddress, yr.baseAddress, yw.baseAddress, y.count,
                                                   x.divisors, d, &sums)
                        }
                    }
                }
            }
        }
        // Two fourth-moment vectors and a chunk of pair products: failing to get them is out of memory.
        precondition(allocated, "KPD: no memory for the fourth moments of \(d) features")
        return (sums[0], sums[1], sums[2])
    }
}
