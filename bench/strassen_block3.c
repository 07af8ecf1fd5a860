// One level of Strassen-Winograd for ParticleNet's block-3 per-edge layers ([edges x 256] times
// [256 x 256]^T, twice per block) against the forward pass as it runs, on random inputs of the
// same shapes, with Debian's OpenBLAS on one thread, CPU seconds, best of 5.
//
// 1. The GEMM rate: one [M x 256 x 256] sgemm against the 7 [M/2 x 128 x 128] sgemms that
//    replace it (7/8 of the FLOPs), with beta = 0 (as the forward pass runs) and beta = 1.
// 2. The block: gather + ReLU, GEMM, bias + ReLU, GEMM, mean of bias + ReLU over the 16 edges of
//    each node (today's kernels) against the same with each GEMM replaced by 7 sub-GEMMs whose
//    right operands (the weights' Winograd sums) are precomputed and whose left-operand sums and
//    output combination are fused into the element-wise passes; plus the largest difference of
//    the block's outputs.
//
// Build and run (SkylakeX kernels as bench/openblas.sh picks them):
//   clang -O3 -march=native -ffp-contract=off bench/strassen_block3.c $(pkg-config --cflags --libs openblas) \
//     -o /tmp/strassen_block3 && OPENBLAS_CORETYPE=SkylakeX /tmp/strassen_block3
#include <cblas.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#pragma clang fp contract(off)

#define W 256 // block width
#define H 128 // half of it
#define K 16 // neighbours per node
#define PARTICLES 30

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static float *random_floats(long n, float scale) {
    float *p = aligned_alloc(64, (size_t)((n * 4 + 63) / 64 * 64));
    for (long i = 0; i < n; i++) p[i] = scale * ((float)rand() / (float)RAND_MAX - 0.5f);
    return p;
}

// C [m x n] = A [m x k] (row stride lda) times B^T, B [n x k] packed.
static void gemm(long m, long n, long k, const float *a, long lda, const float *b, float beta, float *c) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1, a, lda, b, k, beta, c, n);
}

// ---- Today's kernels (as in CParticleNetKernels) ----

static void gather_relu(const float *products, const int32_t *neighbours, long nodes, float *edges) {
    for (long n = 0; n < nodes; n++)
        for (long s = 0; s < K; s++) {
            const float *own = products + n * 2 * W, *other = products + (long)neighbours[n * K + s] * 2 * W + W;
            float *out = edges + (n * K + s) * W;
            for (long c = 0; c < W; c++) { float v = own[c] + other[c]; out[c] = v > 0 ? v : 0; }
        }
}

static void bias_relu(float *values, long rows, const float *bias) {
    for (long r = 0; r < rows; r++)
        for (long c = 0; c < W; c++) { float v = values[r * W + c] + bias[c]; values[r * W + c] = v > 0 ? v : 0; }
}

static void mean_bias_relu(const float *edges, long nodes, const float *bias, float *out) {
    for (long n = 0; n < nodes; n++) {
        float *t = out + n * W;
        for (long c = 0; c < W; c++) t[c] = 0;
        for (long s = 0; s < K; s++)
            for (long c = 0; c < W; c++) { float v = edges[(n * K + s) * W + c] + bias[c]; t[c] += v > 0 ? v : 0; }
        for (long c = 0; c < W; c++) t[c] *= 1.0f / K;
    }
}

// ---- Strassen-Winograd: A = [A11 A12; A21 A22] by rows (top/bottom half of the edges) and
// columns, B = W^T likewise. Left operands A11, A12, S4, A22, S1, S2, S3 (S written by the
// element-wise passes), right operands B11, B21, B22, T4, T1, T2, T3 (precomputed). ----

// The four S sums of one row pair of A.
static inline void s_terms(const float *a11, const float *a12, const float *a21, const float *a22, float *s, long row, long half) {
    float *s1 = s + row * H, *s2 = s1 + half * H, *s3 = s2 + half * H, *s4 = s3 + half * H;
    for (long c = 0; c < H; c++) {
        float v1 = a21[c] + a22[c], v2 = v1 - a11[c];
        s1[c] = v1; s2[c] = v2; s3[c] = a11[c] - a21[c]; s4[c] = a12[c] - v2;
    }
}

static void gather_relu_s(const float *products, const int32_t *neighbours, long edges, float *a, float *s) {
    long half = edges / 2;
    for (long r = 0; r < half; r++) {
        for (long e = r; e < edges; e += half) {
            const float *own = products + (e / K) * 2 * W, *other = products + (long)neighbours[e] * 2 * W + W;
            for (long c = 0; c < W; c++) { float v = own[c] + other[c]; a[e * W + c] = v > 0 ? v : 0; }
        }
        s_terms(a + r * W, a + r * W + H, a + (r + half) * W, a + (r + half) * W + H, s, r, half);
    }
}

// Row r of C's four quadrants from the seven products, plus bias, ReLU.
static inline void combine_row(float *const *p, long r, const float *bias, float *c11, float *c12, float *c21, float *c22) {
    const float *p1 = p[0] + r * H, *p2 = p[1] + r * H, *p3 = p[2] + r * H, *p4 = p[3] + r * H;
    const float *p5 = p[4] + r * H, *p6 = p[5] + r * H, *p7 = p[6] + r * H;
    for (long c = 0; c < H; c++) {
        float u2 = p1[c] + p6[c], u3 = u2 + p7[c], u4 = u2 + p5[c], v;
        v = (p1[c] + p2[c]) + bias[c]; c11[c] = v > 0 ? v : 0;
        v = (u4 + p3[c]) + bias[H + c]; c12[c] = v > 0 ? v : 0;
        v = (u3 - p4[c]) + bias[c]; c21[c] = v > 0 ? v : 0;
        v = (u3 + p5[c]) + bias[H + c]; c22[c] = v > 0 ? v : 0;
    }
}

static void combine_relu_s(float *const *p, long edges, const float *bias, float *a, float *s) {
    long half = edges / 2;
    for (long r = 0; r < half; r++) {
        float *top = a + r * W, *bottom = a + (r + half) * W;
        combine_row(p, r, bias, top, top + H, bottom, bottom + H);
        s_terms(top, top + H, bottom, bottom + H, s, r, half);
    }
}

static void combine_mean(float *const *p, long edges, const float *bias, float *out) {
    long half = edges / 2, nodes = edges / K;
    float row[2 * W];
    memset(out, 0, (size_t)(nodes * W) * sizeof(float));
    for (long r = 0; r < half; r++) {
        combine_row(p, r, bias, row, row + H, row + W, row + W + H);
        float *top = out + (r / K) * W, *bottom = out + ((r + half) / K) * W;
        for (long c = 0; c < W; c++) { top[c] += row[c]; bottom[c] += row[W + c]; }
    }
    for (long i = 0; i < nodes * W; i++) out[i] *= 1.0f / K;
}

// The seven right operands, [128 x 128] each in the weight's [out, in] layout, summed in double.
static void right_operands(const float *w, float *r) {
    for (long o = 0; o < H; o++)
        for (long i = 0; i < H; i++) {
            double w11 = w[o * W + i], w12 = w[o * W + H + i], w21 = w[(H + o) * W + i], w22 = w[(H + o) * W + H + i];
            double t1 = w21 - w11, t2 = w22 - t1, t3 = w22 - w21, t4 = t2 - w12;
            double v[7] = {w11, w12, w22, t4, t1, t2, t3};
            for (int k = 0; k < 7; k++) r[k * H * H + o * H + i] = (float)v[k];
        }
}

static void seven_products(const float *a, const float *s, long edges, const float *r, float beta, float *const *p) {
    long half = edges / 2;
    const float *left[7] = {a, a + H, s + 3 * half * H, a + half * W + H, s, s + half * H, s + 2 * half * H};
    long stride[7] = {W, W, H, W, H, H, H};
    for (int i = 0; i < 7; i++) gemm(half, H, H, left[i], stride[i], r + i * H * H, beta, p[i]);
}

#define BEST_OF 5
#define TIME(best, reps, body) do { \
    for (int trial = 0; trial < BEST_OF; trial++) { \
        double t0 = cpu_seconds(); \
        for (int it = 0; it < (reps); it++) { body; } \
        double t = cpu_seconds() - t0; if (t < (best)) (best) = t; } } while (0)

int main(void) {
    openblas_set_num_threads(1);
    printf("1. GEMM rates, GFLOP/s (one [M x 256 x 256] | seven [M/2 x 128 x 128])\n");
    for (long m = 960; m <= 7680; m *= 2) {
        float *a = random_floats(m * W, 1), *w = random_floats(W * W, 0.1f), *c = random_floats(m * W, 1);
        float *r = random_floats(7 * H * H, 0.1f), *p[7];
        for (int i = 0; i < 7; i++) p[i] = random_floats(m / 2 * H, 1);
        int reps = (int)(200 * 960 / m);
        double flop = 2.0 * m * W * W * reps;
        for (float beta = 0; beta <= 1; beta += 1) {
            double full = 1e9, sub = 1e9;
            TIME(full, reps, gemm(m, W, W, a, W, w, beta, c));
            TIME(sub, reps, for (int i = 0; i < 7; i++) gemm(m / 2, H, H, a, W, r + i * H * H, beta, p[i]));
            printf("  M %5ld beta %.0f: %6.1f | %6.1f (time ratio %.3f)\n", m, beta, flop / full * 1e-9,
                   flop * 7 / 8 / sub * 1e-9, sub / full);
        }
    }
    printf("2. Block 3's per-edge layers, CPU microseconds per jet\n");
    for (long jets = 2; jets <= 8; jets *= 2) {
        long nodes = PARTICLES * jets, edges = nodes * K, half = edges / 2;
        float *products = random_floats(nodes * 2 * W, 2), *w2 = random_floats(W * W, 0.12f), *w3 = random_floats(W * W, 0.12f);
        float *b2 = random_floats(W, 0.2f), *b3 = random_floats(W, 0.2f), *r2 = random_floats(7 * H * H, 1), *r3 = random_floats(7 * H * H, 1);
        float *ea = random_floats(edges * W, 1), *eb = random_floats(edges * W, 1), *scratch = random_floats(edges * W, 1), *s = random_floats(4 * half * H, 1);
        float *out = random_floats(nodes * W, 1), *outStrassen = random_floats(nodes * W, 1), *p[7];
        for (int i = 0; i < 7; i++) p[i] = random_floats(half * H, 1);
        int32_t *neighbours = malloc((size_t)edges * sizeof(int32_t));
        for (long n = 0; n < nodes; n++)
            for (long k = 0; k < K; k++) neighbours[n * K + k] = (int32_t)((n / PARTICLES) * PARTICLES + rand() % PARTICLES);
        right_operands(w2, r2);
        right_operands(w3, r3);
        int reps = (int)(400 / jets);
        double today = 1e9, strassen = 1e9, todayGemm = 1e9, strassenGemm = 1e9, todayPasses = 1e9, strassenPasses = 1e9;
        TIME(today, reps, gather_relu(products, neighbours, nodes, ea); gemm(edges, W, W, ea, W, w2, 0, eb);
             bias_relu(eb, edges, b2); gemm(edges, W, W, eb, W, w3, 0, ea); mean_bias_relu(ea, nodes, b3, out));
        TIME(strassen, reps, gather_relu_s(products, neighbours, edges, ea, s); seven_products(ea, s, edges, r2, 0, p);
             combine_relu_s(p, edges, b2, eb, s); seven_products(eb, s, edges, r3, 0, p); combine_mean(p, edges, b3, outStrassen));
        // GEMMs alone, on the valid activations left by the last pass.
        TIME(todayGemm, reps, gemm(edges, W, W, ea, W, w2, 0, scratch); gemm(edges, W, W, eb, W, w3, 0, scratch));
        TIME(strassenGemm, reps, seven_products(ea, s, edges, r2, 0, p); seven_products(eb, s, edges, r3, 0, p));
        double diff = 0, largest = 0;
        for (long i = 0; i < nodes * W; i++) {
            if (fabs(out[i] - outStrassen[i]) > diff) diff = fabs(out[i] - outStrassen[i]);
            if (fabs(out[i]) > largest) largest = fabs(out[i]);
        }
        // The element-wise passes alone.
        TIME(todayPasses, reps, gather_relu(products, neighbours, nodes, ea); bias_relu(eb, edges, b2);
             mean_bias_relu(ea, nodes, b3, out));
        TIME(strassenPasses, reps, gather_relu_s(products, neighbours, edges, ea, s); combine_relu_s(p, edges, b2, eb, s);
             combine_mean(p, edges, b3, outStrassen));
        double perJet = 1e6 / ((double)reps * jets);
        printf("  %ld jets per call: today %.0f (GEMMs %.0f, passes %.0f) | Strassen %.0f (GEMMs %.0f, passes %.0f) | ratio %.3f | max |diff| %.1e of max |out| %.1e\n",
               jets, today * perJet, todayGemm * perJet, todayPasses * perJet, strassen * perJet, strassenGemm * perJet, strassenPasses * perJet, strassen / today, diff, largest);
    }
    return 0;
}
