#ifndef JETNET_METRIC_KERNELS_H
#define JETNET_METRIC_KERNELS_H

#include <stdbool.h>

/// Signed jet masses `copysign(sqrt(|m^2|), m^2)` of the jets `first..<end` of `jets`
/// (shape `[jets, particles, width]`, features `[eta, phi, pt, (mass)]`, width >= 3), written to
/// `masses[first..<end]`. Float32 4-vectors four particles at a time, summed in double per lane
/// and then lane by lane; the same floats in every CPU version. Returns false if some value
/// may be NaN or infinite, or some pt is negative (the masses are then meaningless).
bool jetnet_w1_jet_masses(const float *jets, long particles, long width, long first, long end, double *masses);

/// The jet-mass kernel's vector `e^x`, `sin x` and `cos x` (Cephes' single-precision polynomials,
/// about 1 ulp) of `count` floats, valid for `|x| <= 80` (exp) and `|x| <= 8192` (sin, cos); the
/// kernel takes libm outside those ranges. Exposed for accuracy tests.
void jetnet_w1_vector_exp_sincos(const float *x, long count, float *exp_out, float *sin_out, float *cos_out);

/// `sum_{c in first..<end} weights[c] kernel[c]^4`: eight partial sums (column c adds to lane
/// c - first mod 8) over whole blocks of eight, added lane by lane, then the remaining columns.
double jetnet_kpd_weighted_fourth_power_sum(const double *kernel, const double *weights, long first, long end);

/// Adds the symmetric fourth moments of the rows, each with a 1 appended
/// (`width = features + 1` coordinates), to `moments`: for every `a <= b <= c <= e` below `width`,
/// in that lexicographic order, `sum_r weights[r] x_ra x_rb x_rc x_re`; shape
/// `[(width + 3)(width + 2)(width + 1) width / 24]`. `rows` has shape `[count, features]`
/// row-major, `weights` shape `[count]`. Returns false if its work buffer cannot be allocated.
bool jetnet_kpd_fourth_moments(const double *rows, const double *weights, long count, long features, double *moments);

/// `sum_{i, j} (gamma u_i.v_j + 1)^4` (weighted) from the two samples' fourth moments of
/// ``jetnet_kpd_fourth_moments``: each moment pair times its number of arrangements
/// and gamma to the number of feature coordinates in it.
double jetnet_kpd_moment_contraction(const double *first, const double *second, long features, double gamma);

#endif
