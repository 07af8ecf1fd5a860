#include "ParticleNetHalfKernels.h"

// The float16 form of jetnet_pn_edge_mlp (ParticleNetEdgeMLP.c): the per-edge part of an
// EdgeConv block (first-layer gather + ReLU, second layer + ReLU, third layer + ReLU, mean over
// the k = 16 edges of each node) as one AVX512-FP16 pass over groups of six nodes, so that the
// per-edge activations of a group (96 edges) never leave the core's caches and the third
// layer's per-edge output is never stored.
//
// Layout: the 96 edges of a group are the lanes of three 32-lane float16 vectors (two nodes x
// 16 slots each), channels are rows: a group's activations are [channels][96] float16. Output
// channels are computed eight at a time, each channel's float16 weight broadcast from memory
// inside the FMA against the three vectors: 24 float16 accumulators in registers. Every 64
// input terms they are converted and added into float32 sums (so no float16 sum spans more than
// 64 terms, as in jetnet_pn_half_dense_bias_relu with block 64, whose rounding this kernel
// repeats step for step up to the mean); the conversions and float32 adds compete with the FMAs
// for the same ports, so fewer of them is a faster kernel. A float32 sum's low and high 16 lanes
// are one node's 16 edges, so the mean is the float32 kernel's lane-sum tree. Weights are packed
// once as [outputs / 8][inputs][8] float16 (jetnet_pn_half_pack_edge_weights).

#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>

#pragma clang diagnostic ignored "-Wpsabi"

#define HALF_TARGET __attribute__((target("avx512fp16,avx512f,avx512bw,avx512vl,avx512dq,f16c")))

#include "ParticleNetLaneShuffles.h"

enum { SLOTS = 16, VECTORS = 3, GROUP_NODES = 2 * VECTORS, LANES = SLOTS * GROUP_NODES, BLOCK = 8, TERMS = 64 };

HALF_TARGET
void jetnet_pn_half_pack_edge_weights(const float *weight, long outputs, long inputs, uint16_t *packed) {
    _Float16 *out = (_Float16 *)packed;
    for (long block = 0; block < outputs / BLOCK; block++)
        for (long i = 0; i < inputs; i++)
            for (long r = 0; r < BLOCK; r++)
                out[(block * inputs + i) * BLOCK + r] = (_Float16)weight[(block * BLOCK + r) * inputs + i];
}

// max(0, x) with the zero first: vmaxps returns its second operand when either is NaN, so a NaN
// (from a float16 overflow) reaches the output instead of turning into 0.
HALF_TARGET static inline __m512 relu(__m512 x) { return _mm512_max_ps(_mm512_setzero_ps(), x); }

// First layer of a group: out[c][16 j + s] = float16(max(products[n, c] + products[neighbour(n, s),
// width + c], 0)) for node n = first + j; lanes of nodes past the chunk are zero. The 16
// neighbours' rows are loaded whole sixteen channels at a time and transposed in registers.
HALF_TARGET static void gather_group(
    const float *products, const int32_t *neighbours, long first, long nodes, long width, _Float16 *out) {
    for (int j = 0; j < GROUP_NODES; j++) {
        long n = first + j;
        if (n >= nodes) {
            for (long c = 0; c < width; c++) _mm256_storeu_si256((__m256i *)(out + c * LANES + j * SLOTS), _mm256_setzero_si256());
            continue;
        }
        const float *own = products + n * 2 * width;
        const float *other[SLOTS];
        for (int s = 0; s < SLOTS; s++) other[s] = products + (long)neighbours[n * SLOTS + s] * 2 * width + width;
        for (long c = 0; c < width; c += 16) {
            __m512 ownPart = _mm512_loadu_ps(own + c), rows[16];
            for (int s = 0; s < SLOTS; s++) rows[s] = relu(_mm512_add_ps(ownPart, _mm512_loadu_ps(other[s] + c)));
            transpose16(rows);
            for (int l = 0; l < 16; l++)
                _mm256_storeu_ph(out + (c + l) * LANES + j * SLOTS, _mm512_cvtxps_ph(rows[l]));
        }
    }
}

// acc += w * x in every lane, w read from memory as an embedded broadcast ({1to32}): the
// compiler would otherwise broadcast with vpbroadcastw, a shuffle on a port the FMAs also need.
HALF_TARGET static inline __attribute__((always_inline)) void fma_broadcast(__m512h *acc, __m512h x, const _Float16 *w) {
    __asm__("vfmadd231ph %[w]%{1to32%}, %[x], %[acc]" : [acc] "+v"(*acc) : [x] "v"(x), [w] "m"(*w));
}

// acc[r][2 v + h] = sum over i of packed[i][r] * activations[i][32 v + 16 h ..< 32 v + 16 h + 16]
// for the eight output channels of one packed weight block: float16 sums over 64 input terms at
// a time, added into float32. acc[r][m] holds node m of the group.
HALF_TARGET static inline __attribute__((always_inline)) void products(
    const _Float16 *activations, const _Float16 *packed, long inputs, __m512 acc[BLOCK][2 * VECTORS]) {
    _Pragma("unroll") for (int r = 0; r < BLOCK; r++)
        _Pragma("unroll") for (int m = 0; m < 2 * VECTORS; m++) acc[r][m] = _mm512_setzero_ps();
    for (long k0 = 0; k0 < inputs; k0 += TERMS) {
        long k1 = k0 + TERMS < inputs ? k0 + TERMS : inputs;
        __m512h h[BLOCK][VECTORS];
        _Pragma("unroll") for (int r = 0; r < BLOCK; r++)
            _Pragma("unroll") for (int v = 0; v < VECTORS; v++) h[r][v] = _mm512_setzero_ph();
        for (long i = k0; i < k1; i++) {
            const _Float16 *lanes = activations + i * LANES;
            __m512h a[VECTORS];
            _Pragma("unroll") for (int v = 0; v < VECTORS; v++) a[v] = _mm512_loadu_ph(lanes + 32 * v);
            const _Float16 *weights = packed + i * BLOCK;
            _Pragma("unroll") for (int r = 0; r < BLOCK; r++)
                _Pragma("unroll") for (int v = 0; v < VECTORS; v++) fma_broadcast(&h[r][v], a[v], weights + r);
        }
        _Pragma("unroll") for (int r = 0; r < BLOCK; r++)
            _Pragma("unroll") for (int v = 0; v < VECTORS; v++) {
                __m512i bits = _mm512_castph_si512(h[r][v]);
                __m256h lo = _mm256_castsi256_ph(_mm512_castsi512_si256(bits));
                __m256h hi = _mm256_castsi256_ph(_mm512_extracti64x4_epi64(bits, 1));
                acc[r][2 * v] = _mm512_add_ps(acc[r][2 * v], _mm512_cvtxph_ps(lo));
                acc[r][2 * v + 1] = _mm512_add_ps(acc[r][2 * v + 1], _mm512_cvtxph_ps(hi));
            }
    }
}

// out[c][lanes] = float16(max(W x + b, 0)) for every output channel c.
HALF_TARGET static void hidden_layer(
    const _Float16 *in, const _Float16 *packed, const float *bias, long width, _Float16 *out) {
    for (long block = 0; block < width / BLOCK; block++) {
        __m512 acc[BLOCK][2 * VECTORS];
        products(in, packed + block * width * BLOCK, width, acc);
        for (int r = 0; r < BLOCK; r++) {
            __m512 b = _mm512_set1_ps(bias[block * BLOCK + r]);
            _Float16 *row = out + (block * BLOCK + r) * LANES;
            for (int m = 0; m < 2 * VECTORS; m++)
                _mm256_storeu_ph(row + m * SLOTS, _mm512_cvtxps_ph(relu(_mm512_add_ps(acc[r][m], b))));
        }
    }
}

// target[n][c] = scale * sum over the node's 16 edges of max(W x + b, 0)[c], in float32, for the
// group's nodes below `nodes`.
HALF_TARGET static void mean_layer(
    const _Float16 *in, const _Float16 *packed, const float *bias, long width, long first, long nodes, float scale,
    float *target, long targetStride) {
    for (long block = 0; block < width / BLOCK; block++) {
        __m512 acc[BLOCK][2 * VECTORS];
        products(in, packed + block * width * BLOCK, width, acc);
        for (int m = 0; m < 2 * VECTORS && first + m < nodes; m++) {
            __m512 rectified[BLOCK];
            for (int r = 0; r < BLOCK; r++)
                rectified[r] = relu(_mm512_add_ps(acc[r][m], _mm512_set1_ps(bias[block * BLOCK + r])));
            __m256 mean = _mm256_mul_ps(sum_lanes8(rectified), _mm256_set1_ps(scale));
            _mm256_storeu_ps(target + (first + m) * targetStride + block * BLOCK, mean);
        }
    }
}

HALF_TARGET void jetnet_pn_half_edge_mlp(
    const float *products, const int32_t *neighbours, long nodes, long width, const uint16_t *secondPacked,
    const float *secondBias, const uint16_t *thirdPacked, const float *thirdBias, uint16_t *scratch, float *target,
    long targetStride) {
    _Float16 *first = (_Float16 *)scratch, *second = first + width * LANES;
    for (long node = 0; node < nodes; node += GROUP_NODES) {
        gather_group(products, neighbours, node, nodes, width, first);
        hidden_layer(first, (const _Float16 *)secondPacked, secondBias, width, second);
        mean_layer(second, (const _Float16 *)thirdPacked, thirdBias, width, node, nodes, 1.0f / SLOTS, target,
                   targetStride);
    }
}

#else

void jetnet_pn_half_pack_edge_weights(const float *weight, long outputs, long inputs, uint16_t *packed) {
    (void)weight, (void)outputs, (void)inputs, (void)packed;
    __builtin_trap();
}

void jetnet_pn_half_edge_mlp(
    const float *products, const int32_t *neighbours, long nodes, long width, const uint16_t *secondPacked,
    const float *secondBias, const uint16_t *thirdPacked, const float *thirdBias, uint16_t *scratch, float *target,
    long targetStride) {
    (void)products, (void)neighbours, (void)nodes, (void)width, (void)secondPacked, (void)secondBias;
    (void)thirdPacked, (void)thirdBias, (void)scratch, (void)target, (void)targetStride;
    __builtin_trap();
}

#endif
