#include "ParticleNetHalfKernels.h"

#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>
#define JETNET_HALF 1
#define HALF_TARGET __attribute__((target("avx512fp16,avx512f,avx512bw,avx512vl,avx512dq,f16c")))
#endif

#ifdef JETNET_HALF

int jetnet_pn_half_supported(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512fp16") ? 1 : 0;
}

HALF_TARGET
void jetnet_pn_half_pack_weights(const float *weight, long outputs, long inputs, uint16_t *packed) {
    _Float16 *out = (_Float16 *)packed;
    for (long start = 0; start < outputs; start += 64) {
        long panel = outputs - start >= 64 ? 64 : 32;
        for (long i = 0; i < inputs; i++) {
            for (long c = 0; c < panel; c++) out[i * panel + c] = (_Float16)weight[(start + c) * inputs + i];
        }
        out += inputs * panel;
    }
}

HALF_TARGET
void jetnet_pn_half_gather_add_relu(
    const float *products, const int32_t *neighbours, long nodes, long k, long width, uint16_t *edges) {
    for (long n = 0; n < nodes; n++) {
        const float *restrict own = products + n * 2 * width;
        for (long s = 0; s < k; s++) {
            const float *restrict other = products + (long)neighbours[n * k + s] * 2 * width + width;
            _Float16 *restrict out = (_Float16 *)edges + (n * k + s) * width;
            for (long c = 0; c < width; c++) {
                float v = own[c] + other[c];
                out[c] = (_Float16)(v > 0 ? v : 0);
            }
        }
    }
}

// acc += w * x for every lane, x read from memory as an embedded broadcast ({1to32}): the
// compiler would otherwise broadcast with vpbroadcastw, a shuffle on the port FMAs also need.
HALF_TARGET static inline __attribute__((always_inline)) void fma_broadcast(__m512h *acc, __m512h w, const _Float16 *x) {
    __asm__("vfmadd231ph %[x]%{1to32%}, %[w], %[acc]" : [acc] "+v"(*acc) : [w] "v"(w), [x] "m"(*x));
}

// One tile of MR rows and 32*NR columns: acc[r][q] (float32, 16 columns each) = the rows of
// a (lda apart) times the panel b ([inputs, 32*NR]), float16 partial sums over `block` terms.
#define TILE(MR, NR)                                                                                  \
    HALF_TARGET static inline __attribute__((always_inline)) void tile_##MR##x##NR(                    \
        const _Float16 *a, long lda, const _Float16 *b, long inputs, long block, __m512 acc[MR][2 * NR]) { \
        for (int r = 0; r < MR; r++)                                                                   \
            for (int q = 0; q < 2 * NR; q++) acc[r][q] = _mm512_setzero_ps();                          \
        for (long k0 = 0; k0 < inputs; k0 += block) {                                                  \
            long k1 = k0 + block < inputs ? k0 + block : inputs;                                       \
            __m512h h[MR][NR];                                                                         \
            for (int r = 0; r < MR; r++)                                                               \
                for (int q = 0; q < NR; q++) h[r][q] = _mm512_setzero_ph();                            \
            _Pragma("clang loop unroll_count(4)") for (long i = k0; i < k1; i++) {                     \
                __m512h w[NR];                                                                         \
                for (int q = 0; q < NR; q++) w[q] = _mm512_loadu_ph(b + i * 32 * NR + 32 * q);          \
                for (int r = 0; r < MR; r++)                                                           \
                    for (int q = 0; q < NR; q++) fma_broadcast(&h[r][q], w[q], a + r * lda + i);          \
            }                                                                                          \
            for (int r = 0; r < MR; r++)                                                               \
                for (int q = 0; q < NR; q++) {                                                         \
                    __m512i bits = _mm512_castph_si512(h[r][q]);                                       \
                    __m256h lo = _mm256_castsi256_ph(_mm512_castsi512_si256(bits));                    \
                    __m256h hi = _mm256_castsi256_ph(_mm512_extracti64x4_epi64(bits, 1));              \
                    acc[r][2 * q] = _mm512_add_ps(acc[r][2 * q], _mm512_cvtxph_ps(lo));                \
                    acc[r][2 * q + 1] = _mm512_add_ps(acc[r][2 * q + 1], _mm512_cvtxph_ps(hi));        \
                }                                                                                      \
        }                                                                                              \
    }
TILE(8, 2)
TILE(4, 2)
TILE(1, 2)
TILE(8, 1)
TILE(4, 1)
TILE(1, 1)

// Epilogues: float16 bias + ReLU rows, or the scaled bias + ReLU added into each row's node. The
// ReLU is max(0, x) with the zero first, so that a NaN from a float16 overflow is kept (vmaxps
// returns its second operand when either is NaN).
HALF_TARGET static inline __attribute__((always_inline)) void store_half(
    const __m512 *acc, int quads, const float *bias, _Float16 *out) {
    for (int q = 0; q < quads; q++) {
        __m512 v = _mm512_max_ps(_mm512_setzero_ps(), _mm512_add_ps(acc[q], _mm512_loadu_ps(bias + 16 * q)));
        _mm256_storeu_ph(out + 16 * q, _mm512_cvtxps_ph(v));
    }
}

HALF_TARGET static inline __attribute__((always_inline)) void add_mean(
    const __m512 *acc, int quads, const float *bias, __m512 scale, int first, float *out) {
    for (int q = 0; q < quads; q++) {
        __m512 v = _mm512_max_ps(_mm512_setzero_ps(), _mm512_add_ps(acc[q], _mm512_loadu_ps(bias + 16 * q)));
        v = _mm512_mul_ps(v, scale);
        if (!first) v = _mm512_add_ps(v, _mm512_loadu_ps(out + 16 * q));
        _mm512_storeu_ps(out + 16 * q, v);
    }
}

// Tiles of MR rows of one panel from row r on, each row through the epilogue (`out`: the mean
// into the node rows, else float16 rows of `output`).
#define ROW_TILES(MR, NR)                                                                                      \
    for (; r + MR <= rows; r += MR) {                                                                           \
        __m512 acc[MR][2 * NR];                                                                                 \
        tile_##MR##x##NR(input + r * inputs, inputs, panel, inputs, block, acc);                                \
        for (int t = 0; t < MR; t++) {                                                                          \
            if (out) add_mean(acc[t], 2 * NR, bias + column, scaled, (r + t) % k == 0,                          \
                              out + (r + t) / k * outStride + column);                                          \
            else store_half(acc[t], 2 * NR, bias + column, output + (r + t) * outputs + column);                \
        }                                                                                                       \
    }

// Every row of [rows, inputs] times one panel of 32*NR columns starting at `column`.
#define DENSE_PANEL(NR)                                                                                        \
    HALF_TARGET static void dense_panel_##NR(                                                                   \
        const _Float16 *input, long rows, long inputs, const _Float16 *panel, long column, const float *bias,    \
        long block, _Float16 *output, long outputs, long k, float scale, float *out, long outStride) {         \
        __m512 scaled = _mm512_set1_ps(scale);                                                                  \
        long r = 0;                                                                                             \
        ROW_TILES(8, NR)                                                                                        \
        ROW_TILES(4, NR)                                                                                        \
        ROW_TILES(1, NR)                                                                                        \
    }
DENSE_PANEL(2)
DENSE_PANEL(1)

HALF_TARGET static void dense(
    const uint16_t *input, long rows, long inputs, const uint16_t *packed, long outputs, const float *bias,
    long block, uint16_t *output, long k, float scale, float *out, long outStride) {
    const _Float16 *panel = (const _Float16 *)packed;
    for (long column = 0; column < outputs; column += 64) {
        if (outputs - column >= 64) {
            dense_panel_2((const _Float16 *)input, rows, inputs, panel, column, bias, block, (_Float16 *)output,
                          outputs, k, scale, out, outStride);
            panel += inputs * 64;
        } else {
            dense_panel_1((const _Float16 *)input, rows, inputs, panel, column, bias, block, (_Float16 *)output,
                          outputs, k, scale, out, outStride);
            panel += inputs * 32;
        }
    }
}

void jetnet_pn_half_dense_bias_relu(
    const uint16_t *input, long rows, long inputs, const uint16_t *packed, long outputs, const float *bias,
    long block, uint16_t *output) {
    dense(input, rows, inputs, packed, outputs, bias, block, output, 1, 1, 0, 0);
}

void jetnet_pn_half_dense_mean_bias_relu(
    const uint16_t *input, long nodes, long k, long inputs, const uint16_t *packed, long outputs,
    const float *bias, long block, float scale, float *out, long outStride) {
    dense(input, nodes * k, inputs, packed, outputs, bias, block, 0, k, scale, out, outStride);
}

#else

int jetnet_pn_half_supported(void) { return 0; }
void jetnet_pn_half_pack_weights(const float *weight, long outputs, long inputs, uint16_t *packed) {}
void jetnet_pn_half_gather_add_relu(
    const float *products, const int32_t *neighbours, long nodes, long k, long width, uint16_t *edges) {}
void jetnet_pn_half_dense_bias_relu(
    const uint16_t *input, long rows, long inputs, const uint16_t *packed, long outputs, const float *bias,
    long block, uint16_t *output) {}
void jetnet_pn_half_dense_mean_bias_relu(
    const uint16_t *input, long nodes, long k, long inputs, const uint16_t *packed, long outputs,
    const float *bias, long block, float scale, float *out, long outStride) {}

#endif
