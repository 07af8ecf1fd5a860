#include "MetricKernels.h"
#include "TargetClones.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

// Multiply-adds may fuse (FMA in the AVX-512 clone; multiply, then add in the others), so the
// moments' last bits depend on the CPU, as dgemm's results do; the thread count never enters.
#pragma clang fp contract(fast)

typedef double d8 __attribute__((vector_size(64)));

// Rows per chunk: sixteen vectors of eight rows, transposed so a coordinate's rows are contiguous.
#define VECTORS 16
#define CHUNK (VECTORS * 8)

/// Lane j of the result is the sum of the lanes of v[j] (an 8 x 8 transpose and add).
static inline __attribute__((always_inline)) d8 lane_sums(const d8 v[8]) {
    d8 t[4], s[2];
    for (int i = 0; i < 4; i++)
        t[i] = __builtin_shufflevector(v[2 * i], v[2 * i + 1], 0, 8, 2, 10, 4, 12, 6, 14)
            + __builtin_shufflevector(v[2 * i], v[2 * i + 1], 1, 9, 3, 11, 5, 13, 7, 15);
    for (int i = 0; i < 2; i++)
        s[i] = __builtin_shufflevector(t[2 * i], t[2 * i + 1], 0, 1, 8, 9, 4, 5, 12, 13)
            + __builtin_shufflevector(t[2 * i], t[2 * i + 1], 2, 3, 10, 11, 6, 7, 14, 15);
    return __builtin_shufflevector(s[0], s[1], 0, 1, 2, 3, 8, 9, 10, 11)
        + __builtin_shufflevector(s[0], s[1], 4, 5, 6, 7, 12, 13, 14, 15);
}

/// For the `count` (<= 8) coordinates e + j: first[e + j - c] += sum over the chunk's rows of
/// p * column[e + j], and, for `second` (next[e + j - c - 1], the triple ending in c + 1, whose
/// moments start at e = c + 1), the same with q. Each column is loaded once for both.
static inline __attribute__((always_inline)) void add_products(
    const d8 p[VECTORS], const d8 q[VECTORS], bool second, const double *columns, long c, long e, int count,
    double *first, double *next) {
    d8 acc[8] = {0}, acc2[8] = {0};
    for (int k = 0; k < VECTORS; k++)
        for (int j = 0; j < count; j++) {
            d8 x;
            memcpy(&x, columns + (e + j) * CHUNK + 8 * k, sizeof x);
            acc[j] += p[k] * x;
            if (second) acc2[j] += q[k] * x;
        }
    d8 sums = lane_sums(acc);
    for (int j = 0; j < count; j++) first[e + j - c] += sums[j];
    if (second) {
        d8 sums2 = lane_sums(acc2);
        for (int j = 0; j < count; j++)
            if (e + j > c) next[e + j - c - 1] += sums2[j];
    }
}

/// add_products for the last, shorter group, with its size known at compile time in each case.
static inline __attribute__((always_inline)) void add_products_tail(
    const d8 p[VECTORS], const d8 q[VECTORS], bool second, const double *columns, long c, long e, int count,
    double *first, double *next) {
    switch (count) {
    case 1: add_products(p, q, second, columns, c, e, 1, first, next); break;
    case 2: add_products(p, q, second, columns, c, e, 2, first, next); break;
    case 3: add_products(p, q, second, columns, c, e, 3, first, next); break;
    case 4: add_products(p, q, second, columns, c, e, 4, first, next); break;
    case 5: add_products(p, q, second, columns, c, e, 5, first, next); break;
    case 6: add_products(p, q, second, columns, c, e, 6, first, next); break;
    case 7: add_products(p, q, second, columns, c, e, 7, first, next); break;
    default: break;
    }
}

/// One chunk: every product w x_a x_b x_c x_e (a <= b <= c <= e) summed over its rows. Triples
/// (a, b, c) and (a, b, c + 1) go together, sharing the loads of the columns e.
static inline __attribute__((always_inline)) void chunk_moments(const double *columns, const double *weights, long width, double *moments) {
    d8 pa[VECTORS], pb[VECTORS], pc[VECTORS], pd[VECTORS];
    for (long a = 0; a < width; a++) {
        for (int k = 0; k < VECTORS; k++) {
            d8 w, x;
            memcpy(&w, weights + 8 * k, sizeof w);
            memcpy(&x, columns + a * CHUNK + 8 * k, sizeof x);
            pa[k] = w * x;
        }
        for (long b = a; b < width; b++) {
            for (int k = 0; k < VECTORS; k++) {
                d8 x;
                memcpy(&x, columns + b * CHUNK + 8 * k, sizeof x);
                pb[k] = pa[k] * x;
            }
            for (long c = b; c < width; c += 2) {
                bool pair = c + 1 < width;
                for (int k = 0; k < VECTORS; k++) {
                    d8 x, y;
                    memcpy(&x, columns + c * CHUNK + 8 * k, sizeof x);
                    pc[k] = pb[k] * x;
                    if (pair) {
                        memcpy(&y, columns + (c + 1) * CHUNK + 8 * k, sizeof y);
                        pd[k] = pb[k] * y;
                    }
                }
                double *first = moments, *next = moments + (width - c);
                long e = c;
                if (pair) {
                    for (; e + 8 <= width; e += 8) add_products(pc, pd, true, columns, c, e, 8, first, next);
                    add_products_tail(pc, pd, true, columns, c, e, (int)(width - e), first, next);
                    moments = next + (width - c - 1);
                } else {
                    for (; e + 8 <= width; e += 8) add_products(pc, pd, false, columns, c, e, 8, first, next);
                    add_products_tail(pc, pd, false, columns, c, e, (int)(width - e), first, next);
                    moments = next;
                }
            }
        }
    }
}

JETNET_CLONES
bool jetnet_kpd_fourth_moments(const double *source, const long *rows, const double *divisors, const double *weights,
                               long count, long features, double *moments) {
    long width = features + 1;
    // Aligned to cache lines: a vector load then never straddles two.
    double *columns = aligned_alloc(64, sizeof(double) * (size_t)(width * CHUNK + CHUNK));
    if (!columns) return false;
    double *chunk_weights = columns + width * CHUNK;
    for (long start = 0; start < count; start += CHUNK) {
        long rows_here = count - start < CHUNK ? count - start : CHUNK;
        // Gather, divide, transpose and append the 1; rows past the end weigh 0.
        for (long r = 0; r < CHUNK; r++) {
            if (r < rows_here) {
                const double *row = source + rows[start + r] * features;
                for (long f = 0; f < features; f++) columns[f * CHUNK + r] = row[f] / divisors[f];
                chunk_weights[r] = weights[start + r];
            } else {
                for (long f = 0; f < features; f++) columns[f * CHUNK + r] = 0;
                chunk_weights[r] = 0;
            }
            columns[features * CHUNK + r] = 1;
        }
        chunk_moments(columns, chunk_weights, width, moments);
    }
    free(columns);
    return true;
}

double jetnet_kpd_moment_contraction(const double *first, const double *second, long features, double gamma) {
    long width = features + 1;
    double sum = 0;
    long t = 0;
    for (long a = 0; a < width; a++)
        for (long b = a; b < width; b++)
            for (long c = b; c < width; c++)
                for (long e = c; e < width; e++, t++) {
                    // The tuple's arrangements: 4! over the factorials of its repeats.
                    int runs = (a == b) + (b == c) + (c == e);
                    double arrangements;
                    if (runs == 0) arrangements = 24;
                    else if (runs == 1) arrangements = 12;
                    else if (runs == 3) arrangements = 1;
                    else arrangements = (a == b && c == e && b != c) ? 6 : 4;
                    // gamma per coordinate that is a feature (not the appended 1).
                    int degree = (a < features) + (b < features) + (c < features) + (e < features);
                    double power = 1;
                    for (int i = 0; i < degree; i++) power *= gamma;
                    sum += arrangements * power * first[t] * second[t];
                }
    return sum;
}
