#include "MetricKernels.h"
#include "TargetClones.h"

// Plain loops over contiguous rows, vectorised per CPU version by the clones. Every value is one
// multiplication, one conversion, or a division then a subtraction (never fused), so all versions
// give the same bits.

JETNET_CLONES
void jetnet_fpd_centred_columns(const double *rows, long features, const double *divisors, const double *shift,
                                long count, long stride, double *columns) {
    // Feature by feature: contiguous stores, strided loads from a chunk that stays in cache.
    for (long a = 0; a < features; a++) {
        double *to = columns + a * stride;
        const double *from = rows + a;
        if (divisors) {
            const double divisor = divisors[a], mean = shift[a];
            for (long i = 0; i < count; i++) to[i] = from[i * features] / divisor - mean;
        } else {
            for (long i = 0; i < count; i++) to[i] = from[i * features];
        }
        for (long i = count; i < stride; i++) to[i] = 0;
    }
}

JETNET_CLONES
void jetnet_fpd_pair_products(const double *columns, long features, long count, double *out) {
    for (long a = 0; a < features; a++) {
        const double *first = columns + a * count;
        for (long b = a; b < features; b++) {
            const double *second = columns + b * count;
            for (long i = 0; i < count; i++) out[i] = first[i] * second[i];
            out += count;
        }
    }
}

JETNET_CLONES
void jetnet_fpd_counts_to_doubles(const unsigned char *counts, long stride, long draws, long count, double *out) {
    for (long draw = 0; draw < draws; draw++) {
        const unsigned char *from = counts + draw * stride;
        double *to = out + draw * count;
        for (long i = 0; i < count; i++) to[i] = (double)from[i];
    }
}

JETNET_CLONES
void jetnet_fpd_nibble_counts_to_doubles(const unsigned char *counts, long stride, long draws, long count, double *out) {
    for (long draw = 0; draw < draws; draw++) {
        const unsigned char *from = counts + (draw / 2) * stride;
        const int shift = 4 * (int)(draw % 2);
        double *to = out + draw * count;
        for (long i = 0; i < count; i++) to[i] = (double)((from[i] >> shift) & 15);
    }
}
