#include "MetricKernels.h"
#include "TargetClones.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Multiply-adds may fuse (FMA in the AVX-512 clone; multiply, then add in the others), so the
// sums' last bits depend on the CPU, as dgemm's results do; the thread count never enters.
#pragma clang fp contract(fast)

typedef double d8 __attribute__((vector_size(64)));

// The fourth moments sum_r w_r x_a x_b x_c x_e (a <= b <= c <= e, x with a 1 appended) are a
// product of each row's pair products with themselves: pair (a, b) times pair (c, e), b <= c.
// Pairs are numbered b-major, p = b (b + 1) / 2 + a, so the pairs with b <= c are a prefix; the
// moments of a vector of eight pairs are one eight-lane accumulator per pair (c, e) from its
// first pair's b on (c-major order, a suffix of the pairs), summed over the rows in registers
// (a tile of vectors x pairs (c, e), as a GEMM micro-kernel). A row's weight enters as w^(1/4)
// on each of its coordinates, the appended 1 included, so each product of four carries w once.

// Rows of pair products per chunk: a tile's rows stay in the L1 cache.
#define CHUNK_ROWS 32
// The largest tile: vectors of eight pairs x pairs (c, e); 24 accumulators of 32 registers.
#define MAX_VECTORS 4
#define MAX_COLUMNS 6

typedef struct {
    long features, width, pairs, vectors;
    /// Doubles per chunk row: the vectors and one more cache line, so that the rows of a chunk
    /// fall in different L1 sets.
    long stride;
    /// Doubles per scaled row: the coordinates, then zeros to a whole vector past them.
    long row_width;
} Shape;

static Shape shape_of(long features) {
    Shape s;
    s.features = features;
    s.width = features + 1;
    s.pairs = s.width * (s.width + 1) / 2;
    s.vectors = (s.pairs + 7) / 8;
    s.stride = 8 * s.vectors + 8;
    s.row_width = (s.width + 15) / 8 * 8;
    return s;
}

/// The b of pair p (p = b (b + 1) / 2 + a, a <= b).
static long pair_b(long p) {
    long b = (long)((sqrt(8.0 * (double)p + 1) - 1) / 2);
    while (b * (b + 1) / 2 > p) b--;
    while ((b + 1) * (b + 2) / 2 <= p) b++;
    return b;
}

/// The c-major index of pair (c, c).
static long column_offset(long width, long c) { return c * width - c * (c - 1) / 2; }

/// The first pair (c, e) whose moments vector v holds.
static long vector_start(Shape s, long v) { return column_offset(s.width, pair_b(8 * v)); }

long jetnet_kpd_moments_size(long features) {
    Shape s = shape_of(features);
    long total = 0;
    for (long v = 0; v < s.vectors; v++) total += 8 * (s.pairs - vector_start(s, v));
    return total;
}

/// One row's coordinates: its features divided by the divisors, times w^(1/4), and w^(1/4) for
/// the appended 1, into `xt` (shape `[width + 8]`, zero from `width` on). Returns w k(x, x),
/// the row's term of the diagonal.
static inline __attribute__((always_inline)) double scaled_row(const double *source, const double *divisors,
                                                              double weight, double gamma, Shape s, double *xt) {
    for (long f = 0; f < s.features; f++) xt[f] = source[f] / divisors[f];
    double squared = 0, q = sqrt(sqrt(weight));
    for (long f = 0; f < s.features; f++) squared += xt[f] * xt[f];
    for (long f = 0; f < s.features; f++) xt[f] *= q;
    xt[s.features] = q;
    double kernel = gamma * squared + 1, kernel2 = kernel * kernel;
    return weight * (kernel2 * kernel2);
}

/// A row's pair products b-major from its coordinates `xt` into `out` (shape `[stride]`, zero
/// past the pairs). `xt` was written a chunk earlier, so its vector loads do not wait on stores.
static inline __attribute__((always_inline)) void pair_products(const double *xt, Shape s, double *out) {
    // Whole vectors: the lanes past b read zeros or are overwritten by pair b + 1's products.
    for (long b = 0; b < s.width; b++) {
        double *pairs = out + b * (b + 1) / 2;
        for (long a = 0; a <= b; a += 8) {
            d8 x;
            memcpy(&x, xt + a, sizeof x);
            x *= xt[b];
            memcpy(pairs + a, &x, sizeof x);
        }
    }
    for (long p = s.pairs; p < 8 * s.vectors; p++) out[p] = 0;
}

/// `out[i] + 8 columns[j]` (eight lanes) `+=` the sum over the chunk's rows of pair vector
/// `v0 + i` times pair `pairs[j]`, for `i < nv`, `j < nb`.
static inline __attribute__((always_inline)) void tile(const double *chunk, long rows, long stride, long v0, int nv,
                                                       const long *pairs, const long *columns, int nb,
                                                       double *const *out) {
    d8 acc[MAX_VECTORS][MAX_COLUMNS];
    long index[MAX_COLUMNS];
#pragma clang loop unroll(full)
    for (int j = 0; j < nb; j++) index[j] = pairs[j];
#pragma clang loop unroll(full)
    for (int i = 0; i < nv; i++)
#pragma clang loop unroll(full)
        for (int j = 0; j < nb; j++) acc[i][j] = (d8){0};
    const double *row = chunk;
    for (long r = 0; r < rows; r++, row += stride) {
        d8 left[MAX_VECTORS];
#pragma clang loop unroll(full)
        for (int i = 0; i < nv; i++) memcpy(&left[i], row + 8 * (v0 + i), sizeof(d8));
#pragma clang loop unroll(full)
        for (int j = 0; j < nb; j++) {
            double right = row[index[j]];
#pragma clang loop unroll(full)
            for (int i = 0; i < nv; i++) acc[i][j] += left[i] * right;
        }
    }
#pragma clang loop unroll(full)
    for (int j = 0; j < nb; j++) {
        long column = 8 * columns[j];
#pragma clang loop unroll(full)
        for (int i = 0; i < nv; i++) {
            d8 sum;
            memcpy(&sum, out[i] + column, sizeof sum);
            sum += acc[i][j];
            memcpy(out[i] + column, &sum, sizeof sum);
        }
    }
}

#define TILE_CASE(NV, NB) \
    case (NV) * 8 + (NB): tile(chunk, rows, stride, v0, NV, pairs, columns, NB, out); break;

/// `tile` with its shape known at compile time in each case.
static inline __attribute__((always_inline)) void any_tile(const double *chunk, long rows, long stride, long v0, int nv,
                                                           const long *pairs, const long *columns, int nb,
                                                           double *const *out) {
    switch (nv * 8 + nb) {
        TILE_CASE(1, 1) TILE_CASE(1, 2) TILE_CASE(1, 3) TILE_CASE(1, 4) TILE_CASE(1, 5) TILE_CASE(1, 6)
        TILE_CASE(2, 1) TILE_CASE(2, 2) TILE_CASE(2, 3) TILE_CASE(2, 4) TILE_CASE(2, 5) TILE_CASE(2, 6)
        TILE_CASE(3, 1) TILE_CASE(3, 2) TILE_CASE(3, 3) TILE_CASE(3, 4) TILE_CASE(3, 5) TILE_CASE(3, 6)
        TILE_CASE(4, 1) TILE_CASE(4, 2) TILE_CASE(4, 3) TILE_CASE(4, 4) TILE_CASE(4, 5) TILE_CASE(4, 6)
    default: break;
    }
}

/// Adds one sample's moments to `moments` (vector v's at `base[v]`, one lane vector per pair
/// (c, e) from `start[v]` on); returns its diagonal `sum_r w_r k(x_r, x_r)`.
static inline __attribute__((always_inline)) double sample_moments(
    const double *source, const long *rows, const double *weights, long count, const double *divisors, double gamma,
    Shape s, int group, int columns, const long *start, const long *base, const long *first_b, double *chunk, double *xt,
    double *moments) {
    double diagonal = 0;
    for (long first = 0; first < count; first += CHUNK_ROWS) {
        long rows_here = count - first < CHUNK_ROWS ? count - first : CHUNK_ROWS;
        for (long r = 0; r < rows_here; r++)
            diagonal += scaled_row(source + rows[first + r] * s.features, divisors, weights[first + r], gamma, s,
                                   xt + r * s.row_width);
        for (long r = 0; r < rows_here; r++) pair_products(xt + r * s.row_width, s, chunk + r * s.stride);
        // Vectors in groups. Vector v holds the pairs (c, e) from (its first pair's b, the same)
        // on, c-major, so pairs (c, e) that only the group's first k vectors hold take tiles of k
        // vectors.
        for (long v0 = 0; v0 < s.vectors; v0 += group) {
            int in_group = s.vectors - v0 < group ? (int)(s.vectors - v0) : group;
            double *out[MAX_VECTORS];
            for (int i = 0; i < in_group; i++) out[i] = moments + base[v0 + i] - 8 * start[v0 + i];
            for (int k = 0; k < in_group; k++) {
                long c = first_b[v0 + k], e = c;
                long end = k + 1 < in_group ? start[v0 + k + 1] : s.pairs;
                for (long column = start[v0 + k]; column < end;) {
                    long pairs[MAX_COLUMNS], columns_here[MAX_COLUMNS];
                    int count_here = 0;
                    for (; count_here < columns && column < end; count_here++, column++) {
                        pairs[count_here] = e * (e + 1) / 2 + c;
                        columns_here[count_here] = column;
                        if (++e == s.width) e = ++c;
                    }
                    any_tile(chunk, rows_here, s.stride, v0, k + 1, pairs, columns_here, count_here, out);
                }
            }
        }
    }
    return diagonal;
}

/// `sum over moments of (arrangements x gamma^degree) first second` for the pairs
/// (first, first), (second, second) and (first, second).
static inline __attribute__((always_inline)) void contractions(const double *x, const double *y, Shape s, double gamma,
                                                               const long *start, double sums[3]) {
    double powers[5] = {1, gamma, gamma * gamma, gamma * gamma * gamma, gamma * gamma * gamma * gamma};
    long last = s.width - 1;  // the appended 1
    d8 xx = {0}, yy = {0}, xy = {0};
    double xx1 = 0, yy1 = 0, xy1 = 0;
    const double *px = x, *py = y;
    for (long v = 0; v < s.vectors; v++) {
        long as[8], bs[8], top = 0;
        // Per lane, for pairs (c, e) with c past every lane's b: 4! / (2 if a == b) / (2 if
        // c == e) arrangements, gamma per feature coordinate.
        d8 distinct = {0}, equal = {0};
        for (int l = 0; l < 8; l++) {
            long p = 8 * v + l;
            if (p >= s.pairs) {
                as[l] = bs[l] = -1;
                continue;
            }
            long b = pair_b(p), a = p - b * (b + 1) / 2;
            as[l] = a;
            bs[l] = b;
            top = b;
            double weight = (a == b ? 12 : 24) * powers[(a < last) + (b < last)];
            distinct[l] = weight;
            equal[l] = weight / 2;
        }
        long c = pair_b(8 * v), e = c;
        for (long column = start[v]; column < s.pairs; column++, px += 8, py += 8) {
            d8 mx, my;
            memcpy(&mx, px, sizeof mx);
            memcpy(&my, py, sizeof my);
            if (c > top) {
                d8 k = (c == e ? equal : distinct) * powers[(c < last) + (e < last)];
                xx += k * mx * mx;
                yy += k * my * my;
                xy += k * mx * my;
            } else {
                for (int l = 0; l < 8; l++) {
                    long a = as[l], b = bs[l];
                    if (b < 0 || b > c) continue;
                    int runs = (a == b) + (b == c) + (c == e);
                    double arrangements = runs == 0 ? 24 : runs == 1 ? 12 : runs == 3 ? 1 : (a == b && c == e) ? 6 : 4;
                    double k = arrangements * powers[(a < last) + (b < last) + (c < last) + (e < last)];
                    xx1 += k * mx[l] * mx[l];
                    yy1 += k * my[l] * my[l];
                    xy1 += k * mx[l] * my[l];
                }
            }
            if (++e == s.width) e = ++c;
        }
    }
    sums[0] = xx1, sums[1] = yy1, sums[2] = xy1;
    for (int l = 0; l < 8; l++) sums[0] += xx[l], sums[1] += yy[l], sums[2] += xy[l];
}

JETNET_CLONES
bool jetnet_kpd_kernel_sums_tiled(const double *x_source, const long *x_rows, const double *x_weights, long x_count,
                                  const double *y_source, const long *y_rows, const double *y_weights, long y_count,
                                  const double *divisors, long features, int vectors, int columns, double sums[3]) {
    Shape s = shape_of(features);
    long size = jetnet_kpd_moments_size(features);
    double gamma = 1 / (double)features;
    // One block, cache-line aligned: the chunk's pair products, the scaled row, both samples' moments.
    long chunk_doubles = CHUNK_ROWS * s.stride, xt_doubles = CHUNK_ROWS * s.row_width;
    size_t doubles = (size_t)(chunk_doubles + xt_doubles + 2 * size);
    // malloc, aligned by hand: glibc did not hand a freed aligned_alloc block of this size to the
    // next call, so every worker's blocks stayed resident.
    void *allocation = malloc(sizeof(double) * doubles + 64);
    double *block = allocation ? (double *)(((uintptr_t)allocation + 63) & ~(uintptr_t)63) : NULL;
    long *info = malloc(sizeof(long) * (size_t)(3 * s.vectors));
    if (!block || !info) {
        free(allocation);
        free(info);
        return false;
    }
    double *chunk = block, *xt = block + chunk_doubles, *mx = xt + xt_doubles, *my = mx + size;
    memset(xt, 0, sizeof(double) * (size_t)(xt_doubles + 2 * size));
    long *start = info, *base = info + s.vectors, *first_b = info + 2 * s.vectors;
    for (long v = 0, total = 0; v < s.vectors; v++) {
        start[v] = vector_start(s, v);
        base[v] = total;
        total += 8 * (s.pairs - start[v]);
    }
    for (long v = 0; v < s.vectors; v++) first_b[v] = pair_b(8 * v);
    int group = vectors < 1 ? 1 : vectors > MAX_VECTORS ? MAX_VECTORS : vectors;
    int tile_columns = columns < 1 ? 1 : columns > MAX_COLUMNS ? MAX_COLUMNS : columns;
    double dx = sample_moments(x_source, x_rows, x_weights, x_count, divisors, gamma, s, group, tile_columns, start, base,
                               first_b, chunk, xt, mx);
    double dy = sample_moments(y_source, y_rows, y_weights, y_count, divisors, gamma, s, group, tile_columns, start, base,
                               first_b, chunk, xt, my);
    double all[3];
    contractions(mx, my, s, gamma, start, all);
    sums[0] = all[0] - dx;
    sums[1] = all[1] - dy;
    sums[2] = all[2];
    free(allocation);
    free(info);
    return true;
}

bool jetnet_kpd_kernel_sums(const double *x_source, const long *x_rows, const double *x_weights, long x_count,
                            const double *y_source, const long *y_rows, const double *y_weights, long y_count,
                            const double *divisors, long features, double sums[3]) {
#if defined(__x86_64__) && defined(__clang__)
    __builtin_cpu_init();
    int vectors = __builtin_cpu_supports("avx512f") ? 4 : 1;
    int columns = __builtin_cpu_supports("avx2") ? 6 : 3;
#else
    int vectors = 1, columns = 6;
#endif
    return jetnet_kpd_kernel_sums_tiled(x_source, x_rows, x_weights, x_count, y_source, y_rows, y_weights, y_count,
                                        divisors, features, vectors, columns, sums);
}
