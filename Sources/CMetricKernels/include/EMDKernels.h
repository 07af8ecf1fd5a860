#ifndef JETNET_EMD_KERNELS_H
#define JETNET_EMD_KERNELS_H

#include <stdbool.h>

/// The Euclidean ground distances `sqrt(dy^2 + dphi^2)` between `n0` particles at
/// `(y0[a], phi0[a])` and `n1` particles at `(y1[b], phi1[b])`, written to
/// `costs[a * stride + b]` (`stride >= n1`). The same bits as the scalar formula (no fused
/// multiply-add; the square root is correctly rounded) in every CPU version.
///
/// With `round_down`, lower bounds on those distances instead, a few times cheaper: the square
/// root in single precision, scaled down by `1 - 2^-20` to stay below the exact value.
void jetnet_emd_euclidean_costs(const double *y0, const double *phi0, long n0, const double *y1, const double *phi1,
                                long n1, double *costs, long stride, bool round_down);

#endif
