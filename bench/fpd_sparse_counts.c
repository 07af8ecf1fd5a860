// FPD's count-matrix product S += C . P (C: [200 draws, rows] bootstrap counts, P: [rows, 702]
// per-row products) as the library runs it (counts to doubles, one dgemm per 128-row chunk)
// against sparse kernels that skip the zero counts (about half of them). P is re-laid strip-major
// (64-row blocks, 64-column strips, a strip's rows contiguous: 32 KB, stays in L1); per strip and
// draw, 8 zmm accumulators take 8 FMAs per nonzero (row, count) with P's row as memory operands.
// The nonzeros of a draw in a block come as
//   0: a list of (row offset, count as double): 10 loads per 8 FMAs;
//   1: one 64-bit mask (rows from tzcnt), counts broadcast from the chunk's counts as doubles: 9;
//   2: one mask per count value, each value broadcast once: 8.
// Argument 2 "all" with variant 1 takes every row (no zero skipped, the loop trip fixed): the
// kernel's steady rate. Counts are those of jetnet's fpd: 10 sizes 20k..50k of N = 50k rows,
// 20 draws each, with replacement. One thread, CPU seconds, best of 5; plus the largest relative
// difference of S between dense and sparse. BLOCK must stay <= 64 (one mask bit per row).
//
// Build and run (SkylakeX kernels as bench/openblas.sh picks them):
//   clang -O3 -march=native bench/fpd_sparse_counts.c $(pkg-config --cflags --libs openblas) -lm \
//     -o /tmp/fpd_sparse_counts && for v in 0 1 2 "1 all"; do
//     OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=1 /tmp/fpd_sparse_counts $v; done
#include <cblas.h>
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 50000
#define DRAWS 200
#define WIDTH 702
#define CHUNK 128
#ifndef BLOCK
#define BLOCK 64 // rows per sparse block
#endif
#ifndef STRIP
#define STRIP 64 // columns per strip
#endif
#define STRIPS ((WIDTH + STRIP - 1) / STRIP)
#define PADDED (STRIP * STRIPS)

static int all_rows; // every row taken: the bit-mask kernel's steady rate, no loop exits

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static uint64_t state = 88172645463325252ull;
static uint64_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

// One draw's accumulators for one strip: STRIP / 8 zmm, kept in registers (always inlined).
typedef struct {
    __m512d v[STRIP / 8];
} Strip;

static inline __attribute__((always_inline)) Strip load_strip(const double *from) {
    Strip a;
#pragma clang loop unroll(full)
    for (int v = 0; v < STRIP / 8; v++) a.v[v] = _mm512_loadu_pd(from + 8 * v);
    return a;
}

static inline __attribute__((always_inline)) void store_strip(Strip a, double *to) {
#pragma clang loop unroll(full)
    for (int v = 0; v < STRIP / 8; v++) _mm512_storeu_pd(to + 8 * v, a.v[v]);
}

// a += w x row, the row's values as the FMAs' memory operands.
static inline __attribute__((always_inline)) void add_row(Strip *a, __m512d w, const double *row) {
#pragma clang loop unroll(full)
    for (int v = 0; v < STRIP / 8; v++) a->v[v] = _mm512_fmadd_pd(w, _mm512_load_pd(row + 8 * v), a->v[v]);
}

// S (stride PADDED) += C[:, chunk] . P[chunk] with P strip-major: strips[s][row][STRIP].
static void sparse_chunk(const unsigned char *counts, long k, const double *strips, double *sums,
                         int32_t *offsets, double *weights, long *starts) {
    for (long block = 0; block < k; block += BLOCK) {
        long rows = k - block < BLOCK ? k - block : BLOCK;
        // Nonzero lists per draw.
        long e = 0;
        for (long draw = 0; draw < DRAWS; draw++) {
            starts[draw] = e;
            const unsigned char *c = counts + draw * (long)N + block;
            for (long i = 0; i < rows; i++) {
                offsets[e] = (int32_t)(i * STRIP);
                weights[e] = (double)c[i];
                e += c[i] != 0;
            }
        }
        starts[DRAWS] = e;
        for (long s = 0; s < STRIPS; s++) {
            const double *p = strips + (s * k + block) * STRIP;
            for (long draw = 0; draw < DRAWS; draw++) {
                double *out = sums + draw * PADDED + s * STRIP;
                Strip acc = load_strip(out);
                for (long j = starts[draw]; j < starts[draw + 1]; j++) {
                    const double *row = p + offsets[j];
                    __m512d w = _mm512_set1_pd(weights[j]);
                    add_row(&acc, w, row);
                }
                store_strip(acc, out);
            }
        }
    }
}

// The same with the nonzeros as bit masks, one per count value: rows come from tzcnt, not loads,
// and the count is one broadcast per value, so each nonzero costs only its 8 FMAs' loads of P.
static void masked_chunk(const unsigned char *counts, long k, const double *strips, double *sums,
                         uint64_t (*masks)[16], unsigned char (*values)[16], int *groups) {
    for (long block = 0; block < k; block += BLOCK) {
        long rows = k - block < BLOCK ? k - block : BLOCK;
        __mmask64 valid = rows == 64 ? ~0ull : ((1ull << rows) - 1);
        for (long draw = 0; draw < DRAWS; draw++) {
            __m512i c = _mm512_maskz_loadu_epi8(valid, counts + draw * (long)N + block);
            uint64_t left = _mm512_test_epi8_mask(c, c);
            int g = 0;
            for (int value = 1; left && value < 256; value++) {
                uint64_t m = _mm512_cmpeq_epi8_mask(c, _mm512_set1_epi8((char)value));
                if (!m) continue;
                masks[draw][g] = m, values[draw][g] = (unsigned char)value, g++;
                left &= ~m;
            }
            groups[draw] = g;
        }
        for (long s = 0; s < STRIPS; s++) {
            const double *p = strips + (s * k + block) * STRIP;
            for (long draw = 0; draw < DRAWS; draw++) {
                double *out = sums + draw * PADDED + s * STRIP;
                Strip acc = load_strip(out);
                for (int g = 0; g < groups[draw]; g++) {
                    __m512d w = _mm512_set1_pd((double)values[draw][g]);
                    for (uint64_t m = masks[draw][g]; m; m &= m - 1) {
                        const double *row = p + __builtin_ctzll(m) * STRIP;
                        add_row(&acc, w, row);
                    }
                }
                store_strip(acc, out);
            }
        }
    }
}

// Nonzeros as one bit mask per draw and block (rows from tzcnt), counts broadcast from the
// chunk's counts as doubles (which the dense path makes anyway): 9 loads per 8 FMAs, one loop
// exit per draw and strip.
static void bitmask_chunk(const unsigned char *counts, long k, const double *weights, const double *strips,
                          double *sums, uint64_t *nonzero) {
    for (long block = 0; block < k; block += BLOCK) {
        long rows = k - block < BLOCK ? k - block : BLOCK;
        __mmask64 valid = rows == 64 ? ~0ull : ((1ull << rows) - 1);
        for (long draw = 0; draw < DRAWS; draw++) {
            __m512i c = _mm512_maskz_loadu_epi8(valid, counts + draw * (long)N + block);
            nonzero[draw] = all_rows ? valid : _mm512_test_epi8_mask(c, c);
        }
        for (long s = 0; s < STRIPS; s++) {
            const double *p = strips + (s * k + block) * STRIP;
            for (long draw = 0; draw < DRAWS; draw++) {
                double *out = sums + draw * PADDED + s * STRIP;
                const double *w = weights + draw * k + block;
                Strip acc = load_strip(out);
                for (uint64_t m = nonzero[draw]; m; m &= m - 1) {
                    long r = __builtin_ctzll(m);
                    const double *row = p + r * STRIP;
                    __m512d x = _mm512_set1_pd(w[r]);
                    add_row(&acc, x, row);
                }
                store_strip(acc, out);
            }
        }
    }
}

int main(int argc, char **argv) {
    // 0: (row, count) lists; 1: one bit mask per draw, counts as doubles; 2: one bit mask per count value.
    int variant = argc > 1 ? atoi(argv[1]) : 0;
    all_rows = argc > 2 && variant == 1;
    unsigned char *counts = calloc((size_t)DRAWS * N, 1);
    for (int size = 0; size < 10; size++) {
        long n = 20000 + size * 30000 / 9;
        for (int d = 0; d < 20; d++) {
            unsigned char *c = counts + (long)(size * 20 + d) * N;
            for (long i = 0; i < n; i++) c[next() % N]++;
        }
    }
    long nonzero = 0;
    for (long i = 0; i < (long)DRAWS * N; i++) nonzero += counts[i] != 0;
    printf("nonzero counts: %.3f\n", (double)nonzero / ((double)DRAWS * N));

    // One chunk's P (transposed, [WIDTH, CHUNK], as the library builds it), reused for every chunk.
    double *products = aligned_alloc(64, sizeof(double) * WIDTH * CHUNK);
    for (long i = 0; i < WIDTH * CHUNK; i++) products[i] = (double)(next() >> 11) * 0x1p-53 - 0.5;
    double *strips = aligned_alloc(64, sizeof(double) * PADDED * CHUNK);
    double *weights = aligned_alloc(64, sizeof(double) * DRAWS * CHUNK);
    double *dense = aligned_alloc(64, sizeof(double) * DRAWS * WIDTH);
    double *sparse = aligned_alloc(64, sizeof(double) * DRAWS * PADDED);
    int32_t *offsets = malloc(sizeof(int32_t) * DRAWS * BLOCK);
    double *values = malloc(sizeof(double) * DRAWS * BLOCK);
    long starts[DRAWS + 1];
    static uint64_t masks[DRAWS][16];
    static unsigned char groupvalues[DRAWS][16];
    static int groups[DRAWS];
    static uint64_t nonzeromask[DRAWS];

    double best_dense = 1e9, best_sparse = 1e9, best_layout = 1e9;
    for (int round = 0; round < 5; round++) {
        memset(dense, 0, sizeof(double) * DRAWS * WIDTH);
        double t0 = cpu_seconds();
        for (long start = 0; start < N; start += CHUNK) {
            long k = N - start < CHUNK ? N - start : CHUNK;
            for (long draw = 0; draw < DRAWS; draw++)
                for (long i = 0; i < k; i++) weights[draw * k + i] = (double)counts[draw * (long)N + start + i];
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, DRAWS, WIDTH, (int)k, 1, weights, (int)k, products,
                        (int)k, 1, dense, WIDTH);
        }
        double t1 = cpu_seconds();
        memset(sparse, 0, sizeof(double) * DRAWS * PADDED);
        double layout = 0;
        for (long start = 0; start < N; start += CHUNK) {
            long k = N - start < CHUNK ? N - start : CHUNK;
            double l0 = cpu_seconds();
            for (long s = 0; s < STRIPS; s++)
                for (long i = 0; i < k; i++)
                    for (long c = 0; c < STRIP; c++) {
                        long column = s * STRIP + c;
                        strips[(s * k + i) * STRIP + c] = column < WIDTH ? products[column * k + i] : 0;
                    }
            layout += cpu_seconds() - l0;
            if (variant == 1) {
                for (long draw = 0; draw < DRAWS; draw++)
                    for (long i = 0; i < k; i++) weights[draw * k + i] = (double)counts[draw * (long)N + start + i];
                bitmask_chunk(counts + start, k, weights, strips, sparse, nonzeromask);
            } else if (variant == 2) masked_chunk(counts + start, k, strips, sparse, masks, groupvalues, groups);
            else sparse_chunk(counts + start, k, strips, sparse, offsets, values, starts);
        }
        double t2 = cpu_seconds();
        if (t1 - t0 < best_dense) best_dense = t1 - t0;
        if (t2 - t1 < best_sparse) best_sparse = t2 - t1;
        if (layout < best_layout) best_layout = layout;
    }
    double worst = 0;
    for (long draw = 0; draw < DRAWS; draw++)
        for (long c = 0; c < WIDTH; c++) {
            double a = dense[draw * WIDTH + c], b = sparse[draw * PADDED + c];
            double r = fabs(a - b) / fmax(fabs(a), 1e-300);
            if (r > worst) worst = r;
        }
    double flops = 2.0 * DRAWS * WIDTH * N;
    double kernel = best_sparse - best_layout;
    printf("variant %d%s: dense (counts to doubles + dgemm per %d rows) %.4f s (%.1f GFLOP/s); sparse %.4f s = P strip-major "
           "%.4f s + lists and kernel %.4f s (%.1f GFLOP/s on the nonzeros); dense / sparse %.2fx, without the re-layout %.2fx\n",
           variant, all_rows ? " (every row)" : "", CHUNK, best_dense, flops / best_dense * 1e-9, best_sparse, best_layout, kernel,
           flops * (all_rows ? 1.0 : (double)nonzero / ((double)DRAWS * N)) / kernel * 1e-9, best_dense / best_sparse,
           best_dense / kernel);
    printf("largest relative difference: %.2e\n", worst);
    return 0;
}
