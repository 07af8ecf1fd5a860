#ifndef JETNET_METRIC_KERNELS_H
#define JETNET_METRIC_KERNELS_H

#include <stdbool.h>
#include <stdint.h>

/// Bootstrap batches one W1 walk handles at once (lanes of its sums).
#define JETNET_W1_LANES 8
/// Merged positions per partial sum of a W1 walk.
#define JETNET_W1_BLOCK 4096

/// Signed jet masses `copysign(sqrt(|m^2|), m^2)` of the jets `first..<end` of `jets`
/// (shape `[count, particles, width]`, features `[eta, phi, pt, (mass)]`, width >= 3), written to
/// `masses[first..<end]`. Float32 4-vectors sixteen particles at a time, summed in double in
/// four lanes per jet and then lane by lane; the same floats in every CPU version. Returns false
/// if some value may be NaN or infinite, or some pt is negative (the masses are then meaningless).
bool jetnet_w1_jet_masses(const float *jets, long count, long particles, long width, long first, long end, double *masses);

/// The jet-mass kernel's vector `e^x`, `sin x` and `cos x` (Cephes' single-precision polynomials,
/// about 1 ulp) of `count` floats, valid for `|x| <= 80` (exp) and `|x| <= 8192` (sin, cos); the
/// kernel takes libm outside those ranges. Exposed for accuracy tests.
void jetnet_w1_vector_exp_sincos(const float *x, long count, float *exp_out, float *sin_out, float *cos_out);

/// `sum_{c in first..<end} weights[c] kernel[c]^4`: eight partial sums (column c adds to lane
/// c - first mod 8) over whole blocks of eight, added lane by lane, then the remaining columns.
double jetnet_kpd_weighted_fourth_power_sum(const double *kernel, const double *weights, long first, long end);

/// Per-lane sums of the draw counts of the real items and of the generated items at the merged
/// positions `first..<end`. The items are `packed[k]` (a float key, see OrderedRadixSort, in the
/// high half, the jet in the low half) or, when `packed` is NULL, `tags[k]`; jets from
/// `real_jets` on are generated. `counts`: shape `[jets, JETNET_W1_LANES]`, `uint16_t` when
/// `count_bytes` is 2, else `uint32_t` — how often each batch of the lane drew the jet.
/// `real_out`, `gen_out`: `JETNET_W1_LANES` doubles each.
void jetnet_w1_count_totals(const uint64_t *packed, const double *values, const uint32_t *tags, long first, long end,
                            uint32_t real_jets, const void *counts, int count_bytes, double *real_out, double *gen_out);

/// The W1 walk over the merged positions `first..<end` (`first` a multiple of `JETNET_W1_BLOCK`),
/// for `JETNET_W1_LANES` batches at once: with `D = R m - G n` (`R`, `G` the drawn real and
/// generated items below the position, `n`, `m` the batch's totals), adds `|D| (x_k - x_{k-1})`
/// over the positions, one partial sum per block of `JETNET_W1_BLOCK` positions and lane, written
/// to `block_sums` (shape `[blocks, JETNET_W1_LANES]`). The items and counts are those of
/// `jetnet_w1_count_totals`; values from `values` (or the packed keys); `real_items`,
/// `gen_items`: `n` and `m` per lane; `real_below`, `gen_below`: `R` and `G` at `first`.
/// `D` is kept in doubles, exact while `n m < 2^53` for every lane (the caller checks).
void jetnet_w1_walk(const uint64_t *packed, const double *values, const uint32_t *tags, long first, long end,
                    uint32_t real_jets, const void *counts, int count_bytes, const double *real_items,
                    const double *gen_items, const double *real_below, const double *gen_below, double *block_sums);

/// ``jetnet_w1_walk`` with `D` in 64-bit integers, for batches with `n m` from 2^53 on.
void jetnet_w1_walk_exact(const uint64_t *packed, const double *values, const uint32_t *tags, long first, long end,
                          uint32_t real_jets, const void *counts, int count_bytes, const double *real_items,
                          const double *gen_items, const double *real_below, const double *gen_below, double *block_sums);

/// The doubles one sample's fourth moments take in ``jetnet_kpd_kernel_sums``'s layout (the
/// `C(features + 4, 4)` distinct moments and a few percent of unused lanes).
long jetnet_kpd_moments_size(long features);

/// KPD's kernel sums of one batch from the samples' symmetric fourth moments, with
/// `k(u, v) = (u.v / features + 1)^4`: `sums[0] = sum_{i != j} k(x_i, x_j)`, `sums[1]` the same
/// for y, `sums[2] = sum_{i, j} k(x_i, y_j)`, over the drawn rows with repeats. Row `r` of x is
/// row `x_rows[r]` of `x_source` (shape `[*, features]` row-major) divided by `divisors`
/// (shape `[features]`), drawn `x_weights[r]` times (shape `[x_count]` both); y likewise. The
/// moments of `(x, 1)` take `C(features + 4, 4)` multiply-adds per distinct row. Returns false
/// if its work buffers (about `2 jetnet_kpd_moments_size(features) + 32 features^2 / 2` doubles)
/// cannot be allocated.
bool jetnet_kpd_kernel_sums(const double *x_source, const long *x_rows, const double *x_weights, long x_count,
                            const double *y_source, const long *y_rows, const double *y_weights, long y_count,
                            const double *divisors, long features, double sums[3]);

/// ``jetnet_kpd_kernel_sums`` with its register tile given: `vectors` (1-4) vectors of eight
/// pairs by `columns` (1-6) pairs. The CPU's best (4 x 6 with AVX-512) is what
/// ``jetnet_kpd_kernel_sums`` uses; tests run the others.
bool jetnet_kpd_kernel_sums_tiled(const double *x_source, const long *x_rows, const double *x_weights, long x_count,
                                  const double *y_source, const long *y_rows, const double *y_weights, long y_count,
                                  const double *divisors, long features, int vectors, int columns, double sums[3]);

/// FPD's count product, one chunk of `count` rows: `columns` holds the centred features
/// feature by feature (shape `[features, count]`); writes, for every pair `a <= b` in order, the
/// products `columns[a][i] * columns[b][i]` (shape `[features (features + 1) / 2, count]`).
void jetnet_fpd_pair_products(const double *columns, long features, long count, double *out);

/// FPD's count product: `draws` rows of `count` byte counts, `stride` bytes apart, as doubles
/// (shape `[draws, count]`).
void jetnet_fpd_counts_to_doubles(const unsigned char *counts, long stride, long draws, long count, double *out);

/// As `jetnet_fpd_counts_to_doubles` for half-byte counts: draw `k`'s counts are the low (even
/// `k`) or high (odd `k`) halves of the bytes of row `k / 2`.
void jetnet_fpd_nibble_counts_to_doubles(const unsigned char *counts, long stride, long draws, long count, double *out);

/// FPD's integer count product (FPDCountSlices.c): each column of `P` in fixed point, split into
/// this many signed bytes (base 256)...
#define JETNET_FPD_SLICES 4
/// ... holding this many bits below the column's bound (the top byte keeps room for the sign and
/// the carries of rounding to digits in [-128, 127]).
#define JETNET_FPD_SLICE_BITS 30
/// Non-zero when this CPU runs the integer count product (AVX-512 with VNNI).
int jetnet_fpd_slices_supported(void);

/// The slices of one chunk's `P`, columns `first..<end`: `columns` holds the centred features
/// feature by feature (shape `[features, count]`, `count` a multiple of 16); column `c` of `P`
/// (the pairs `a <= b` in order, then the features) times `scales[c]` (a power of two, so that it
/// stays within `2^JETNET_FPD_SLICE_BITS` in magnitude) is rounded to an integer and written as
/// `JETNET_FPD_SLICES` bytes, least significant first (shape `[end - first, JETNET_FPD_SLICES, count]`).
/// Only where jetnet_fpd_slices_supported() is non-zero.
void jetnet_fpd_product_slices(const double *columns, long features, long count, const double *scales,
                               long first, long end, signed char *out);

/// The counts of rows `0..<count` (`counts` points at the first; byte counts `[draws, stride]`,
/// or half-byte counts `[(draws + 1) / 2, stride]` when `bits` is 4) as four rows per 32-bit lane
/// (shape `[padded / 4, lanes, 4]`), zero for draws from `draws` to `lanes` and rows from `count`
/// to `padded` (a multiple of 4).
void jetnet_fpd_pack_counts(const unsigned char *counts, long stride, long draws, int bits, long count, long padded,
                            long lanes, unsigned char *out);

/// `totals[c][lane] += sum over rows i < count of packed[i][lane] * (sum over j of slices[c][j][i] * 256^j)`
/// for every column `c < width` (slices as jetnet_fpd_product_slices writes them; `count` a
/// multiple of 4 and at most 65536, `lanes` of 16; totals shape `[width, lanes]`), exactly.
/// Only where jetnet_fpd_slices_supported() is non-zero.
void jetnet_fpd_slice_products(const unsigned char *packed, long lanes, const signed char *slices, long width,
                               long count, long long *totals);

#endif
