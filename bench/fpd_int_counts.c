// FPD's count-matrix product S = C . P (C: [200 draws, rows] bootstrap counts, P: [rows, 702]
// per-row products of 36 centred features) two ways, one thread, CPU seconds, best of 5:
//   dense: as the library's double path runs it: pair products and counts as doubles per
//     128-row chunk, one dgemm each (OpenBLAS packing included);
//   slices: the library's integer path (Sources/CMetricKernels/FPDCountSlices.c, included here):
//     per CHUNK rows, counts packed four rows per lane, and per BLOCK columns of P, the columns
//     in 30-bit fixed point as 4 signed bytes (scale from the column's bound over the sample),
//     vpdpbusd into int32 per chunk, combined exactly into int64 totals.
// Counts are those of jetnet's fpd (10 sizes 20k..50k of N = 50k rows, 20 draws each); the
// features are heavy-tailed (x^4 of uniforms, like EFPs), normalised by their maximum. Prints
// both times and the largest difference of S relative to the column's bound times the draw size
// (the quantisation's own scale) and relative to |S|.
//
// Build and run (SkylakeX kernels as bench/openblas.sh picks them):
//   clang -O2 -ISources/CMetricKernels/include bench/fpd_int_counts.c Sources/CMetricKernels/FPDPairProducts.c \
//     $(pkg-config --cflags --libs openblas) -lm -o /tmp/fpd_int_counts && \
//     OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=1 /tmp/fpd_int_counts [CHUNK]
#include "../Sources/CMetricKernels/FPDCountSlices.c"
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 50000
#define DRAWS 200
#define D 36
#define PAIRS (D * (D + 1) / 2)
#define WIDTH (PAIRS + D)
#define LANES ((DRAWS + 15) / 16 * 16)
#ifndef BLOCK
#define BLOCK 48 // columns of P sliced at a time
#endif

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static unsigned long long state = 88172645463325252ull;
static unsigned long long next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

int main(int argc, char **argv) {
    long chunk = argc > 1 ? atol(argv[1]) : 512;  // rows per integer chunk, a multiple of 16
    unsigned char *counts = calloc((size_t)DRAWS * N, 1);
    long sizes[DRAWS];
    for (int size = 0; size < 10; size++) {
        long n = 20000 + size * 30000 / 9;
        for (int d = 0; d < 20; d++) {
            unsigned char *c = counts + (long)(size * 20 + d) * N;
            for (long i = 0; i < n; i++) c[next() % N]++;
            sizes[size * 20 + d] = n;
        }
    }
    // Centred features x[N][D]: heavy-tailed, normalised by the maximum.
    double *x = malloc(sizeof(double) * N * D), bound[D], mean[D] = {0};
    for (long i = 0; i < N * D; i++) {
        double u = (double)(next() >> 11) * 0x1p-53;
        x[i] = u * u * u * u * (1 + (i % D));
    }
    for (long i = 0; i < N * D; i++) mean[i % D] += x[i] / N;
    for (int a = 0; a < D; a++) bound[a] = 0;
    for (long i = 0; i < N * D; i++) {
        x[i] -= mean[i % D];
        if (fabs(x[i]) > bound[i % D]) bound[i % D] = fabs(x[i]);
    }
    double scales[WIDTH], columnBound[WIDTH];
    for (int a = 0, c = 0; a < D; a++)
        for (int b = a; b < D; b++, c++) columnBound[c] = bound[a] * bound[b];
    for (int a = 0; a < D; a++) columnBound[PAIRS + a] = bound[a];
    for (int c = 0; c < WIDTH; c++) scales[c] = ldexp(1, JETNET_FPD_SLICE_BITS - ilogb(columnBound[c]) - 1);

    const long dense_chunk = 128;
    double *columns = aligned_alloc(64, sizeof(double) * D * (chunk > dense_chunk ? chunk : dense_chunk));
    double *products = aligned_alloc(64, sizeof(double) * WIDTH * dense_chunk);
    double *weights = aligned_alloc(64, sizeof(double) * DRAWS * dense_chunk);
    double *dense = aligned_alloc(64, sizeof(double) * DRAWS * WIDTH);
    signed char *slices = aligned_alloc(64, (size_t)BLOCK * JETNET_FPD_SLICES * chunk);
    unsigned char *packed = aligned_alloc(64, (size_t)LANES * chunk);
    long long *totals = aligned_alloc(64, sizeof(long long) * WIDTH * LANES);

    double best_dense = 1e9, best_int = 1e9, best_quant = 1e9, best_pack = 1e9;
    for (int round = 0; round < 5; round++) {
        memset(dense, 0, sizeof(double) * DRAWS * WIDTH);
        double t0 = cpu_seconds();
        for (long start = 0; start < N; start += dense_chunk) {
            long k = N - start < dense_chunk ? N - start : dense_chunk;
            for (long i = 0; i < k; i++)
                for (int a = 0; a < D; a++) columns[a * k + i] = x[(start + i) * D + a];
            jetnet_fpd_pair_products(columns, D, k, products);
            memcpy(products + PAIRS * k, columns, sizeof(double) * D * k);
            jetnet_fpd_counts_to_doubles(counts + start, N, DRAWS, k, weights);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, DRAWS, WIDTH, (int)k, 1, weights, (int)k, products,
                        (int)k, 1, dense, WIDTH);
        }
        double t1 = cpu_seconds(), quant = 0, pack = 0;
        memset(totals, 0, sizeof(long long) * WIDTH * LANES);
        for (long start = 0; start < N; start += chunk) {
            long k = N - start < chunk ? N - start : chunk, padded = (k + 15) / 16 * 16;
            double q0 = cpu_seconds();
            for (long i = 0; i < padded; i++)
                for (int a = 0; a < D; a++) columns[a * padded + i] = i < k ? x[(start + i) * D + a] : 0;
            double q1 = cpu_seconds();
            jetnet_fpd_pack_counts(counts + start, N, DRAWS, 8, k, padded, LANES, packed);
            double q2 = cpu_seconds();
            quant += q1 - q0, pack += q2 - q1;
            for (long first = 0; first < WIDTH; first += BLOCK) {
                long end = first + BLOCK < WIDTH ? first + BLOCK : WIDTH;
                double s0 = cpu_seconds();
                jetnet_fpd_product_slices(columns, D, padded, scales, first, end, slices);
                quant += cpu_seconds() - s0;
                jetnet_fpd_slice_products(packed, LANES, slices, end - first, padded, totals + first * LANES);
            }
        }
        double t2 = cpu_seconds();
        if (t1 - t0 < best_dense) best_dense = t1 - t0;
        if (t2 - t1 < best_int) best_int = t2 - t1;
        if (quant < best_quant) best_quant = quant;
        if (pack < best_pack) best_pack = pack;
    }
    double worst_bound = 0, worst_value = 0;
    for (long draw = 0; draw < DRAWS; draw++)
        for (long c = 0; c < WIDTH; c++) {
            double a = dense[draw * WIDTH + c], b = (double)totals[c * LANES + draw] / scales[c];
            double e = fabs(a - b);
            if (e / (sizes[draw] * columnBound[c]) > worst_bound) worst_bound = e / (sizes[draw] * columnBound[c]);
            if (e / fabs(a) > worst_value) worst_value = e / fabs(a);
        }
    double flops = 2.0 * DRAWS * WIDTH * N;
    printf("dense: %.4f s (%.1f GFLOP/s); slices (%ld rows per chunk): %.4f s = products to slices %.4f s + packing "
           "counts %.4f s + vpdpbusd and totals %.4f s (%d columns at a time); dense / slices %.2fx\n",
           best_dense, flops / best_dense * 1e-9, chunk, best_int, best_quant, best_pack,
           best_int - best_quant - best_pack, BLOCK, best_dense / best_int);
    printf("largest difference of S: %.2e of size x column bound (rounding bound 2^-%d = %.2e), %.2e of |S|\n",
           worst_bound, JETNET_FPD_SLICE_BITS + 1, ldexp(1, -JETNET_FPD_SLICE_BITS - 1), worst_value);
    return 0;
}
