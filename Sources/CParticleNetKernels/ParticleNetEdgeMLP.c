#include "ParticleNetKernels.h"

// The per-edge part of an EdgeConv block (first-layer gather + ReLU, second layer + ReLU, third
// layer + ReLU, mean over the k = 16 edges of each node) as one AVX-512 pass over groups of
// three nodes, so that the per-edge activations of a group (48 edges) never leave the core's
// caches and the third layer's per-edge output is never stored.
//
// Layout: the 48 edges of a group are the vector lanes (three nodes x 16 slots), channels are
// rows: a group's activations are [channels][48]. The output channels are computed eight at a
// time, each channel's weights broadcast against three 16-edge vectors, 24 accumulators in
// registers. A layer's output block is then already in the layout the next layer reads.
// Weights are packed once as [outputs / 8][inputs][8] (jetnet_pn_pack_edge_weights).

enum { SLOTS = 16, GROUP_NODES = 3, LANES = SLOTS * GROUP_NODES, BLOCK = 8 };

void jetnet_pn_pack_edge_weights(const float *weight, long outputs, long inputs, float *packed) {
    for (long block = 0; block < outputs / BLOCK; block++)
        for (long i = 0; i < inputs; i++)
            for (long r = 0; r < BLOCK; r++)
                packed[(block * inputs + i) * BLOCK + r] = weight[(block * BLOCK + r) * inputs + i];
}

void jetnet_pn_pack_node_weights(const float *weight, long outputs, long inputs, float *packed) {
    for (long block = 0; block < outputs / 64; block++)
        for (long i = 0; i < inputs; i++)
            for (long l = 0; l < 64; l++) packed[(block * inputs + i) * 64 + l] = weight[(block * 64 + l) * inputs + i];
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#pragma clang diagnostic ignored "-Wpsabi"

int jetnet_pn_edge_mlp_supported(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f");
}

#define AVX512 __attribute__((target("avx512f")))

#include "ParticleNetLaneShuffles.h"

// acc[r][v] = sum over i of packed[i][r] * activations[i][16 v ..< 16 v + 16], for the eight
// output channels of one packed weight block.
#define EDGE_MLP_PRODUCTS(acc, activations, packed, inputs)                                   \
    __m512 acc[BLOCK][GROUP_NODES];                                                           \
    _Pragma("unroll") for (int r = 0; r < BLOCK; r++)                                         \
        _Pragma("unroll") for (int v = 0; v < GROUP_NODES; v++) acc[r][v] = _mm512_setzero_ps(); \
    for (long i_ = 0; i_ < (inputs); i_++) {                                                     \
        const float *lanes_ = (activations) + i_ * LANES;                                          \
        __m512 a0 = _mm512_loadu_ps(lanes_), a1 = _mm512_loadu_ps(lanes_ + 16), a2 = _mm512_loadu_ps(lanes_ + 32); \
        const float *weights_ = (packed) + i_ * BLOCK;                                               \
        _Pragma("unroll") for (int r = 0; r < BLOCK; r++) {                                   \
            __m512 weight = _mm512_set1_ps(weights_[r]);                                             \
            acc[r][0] = _mm512_fmadd_ps(weight, a0, acc[r][0]);                               \
            acc[r][1] = _mm512_fmadd_ps(weight, a1, acc[r][1]);                               \
            acc[r][2] = _mm512_fmadd_ps(weight, a2, acc[r][2]);                               \
        }                                                                                     \
    }

// First layer of a group: out[c][16 v + s] = max(products[n, c] + products[neighbour(n, s), width + c], 0)
// for node n = first + v; lanes of nodes past the chunk are zero. Sixteen channels at a time
// the 16 neighbours' rows are loaded whole and transposed in registers (cheaper than gathers).
AVX512 static void gather_group(
    const float *products, const int32_t *neighbours, long first, long nodes, long width, float *out) {
    for (int v = 0; v < GROUP_NODES; v++) {
        long n = first + v;
        if (n >= nodes) {
            for (long c = 0; c < width; c++) _mm512_storeu_ps(out + c * LANES + v * SLOTS, _mm512_setzero_ps());
            continue;
        }
        const float *own = products + n * 2 * width;
        const float *other[SLOTS];
        for (int s = 0; s < SLOTS; s++) other[s] = products + (long)neighbours[n * SLOTS + s] * 2 * width + width;
        long c = 0;
        for (; c + 16 <= width; c += 16) {
            __m512 ownPart = _mm512_loadu_ps(own + c), rows[16];
            for (int s = 0; s < SLOTS; s++)
                rows[s] = _mm512_max_ps(_mm512_add_ps(_mm512_loadu_ps(other[s] + c), ownPart), _mm512_setzero_ps());
            transpose16(rows);
            for (int l = 0; l < 16; l++) _mm512_storeu_ps(out + (c + l) * LANES + v * SLOTS, rows[l]);
        }
        if (c < width) {
            __m512i index = _mm512_loadu_si512(neighbours + n * SLOTS);
            index = _mm512_add_epi32(_mm512_mullo_epi32(index, _mm512_set1_epi32((int)(2 * width))),
                                     _mm512_set1_epi32((int)width));
            for (; c < width; c++) {
                __m512 sum = _mm512_add_ps(_mm512_i32gather_ps(index, products + c, 4), _mm512_set1_ps(own[c]));
                _mm512_storeu_ps(out + c * LANES + v * SLOTS, _mm512_max_ps(sum, _mm512_setzero_ps()));
            }
        }
    }
}

// out[c][lanes] = max(W x + b, 0) for every output channel c.
AVX512 static void hidden_layer(const float *in, const float *packed, const float *bias, long width, float *out) {
    for (long block = 0; block < width / BLOCK; block++) {
        EDGE_MLP_PRODUCTS(acc, in, packed + block * width * BLOCK, width)
        for (int r = 0; r < BLOCK; r++) {
            __m512 b = _mm512_set1_ps(bias[block * BLOCK + r]);
            float *row = out + (block * BLOCK + r) * LANES;
            for (int v = 0; v < GROUP_NODES; v++)
                _mm512_storeu_ps(row + v * SLOTS, _mm512_max_ps(_mm512_add_ps(acc[r][v], b), _mm512_setzero_ps()));
        }
    }
}

// target[n][c] = scale * sum over the node's 16 edges of max(W x + b, 0)[c], for the group's nodes
// below `nodes`.
AVX512 static void mean_layer(
    const float *in, const float *packed, const float *bias, long width, long first, long nodes, float scale,
    float *target, long targetStride) {
    for (long block = 0; block < width / BLOCK; block++) {
        EDGE_MLP_PRODUCTS(acc, in, packed + block * width * BLOCK, width)
        for (int v = 0; v < GROUP_NODES; v++) {
            if (first + v >= nodes) break;
            __m512 rectified[BLOCK];
            for (int r = 0; r < BLOCK; r++)
                rectified[r] = _mm512_max_ps(
                    _mm512_add_ps(acc[r][v], _mm512_set1_ps(bias[block * BLOCK + r])), _mm512_setzero_ps());
            __m256 mean = _mm256_mul_ps(sum_lanes8(rectified), _mm256_set1_ps(scale));
            _mm256_storeu_ps(target + (first + v) * targetStride + block * BLOCK, mean);
        }
    }
}

AVX512 void jetnet_pn_edge_mlp(
    const float *products, const int32_t *neighbours, long nodes, long width, const float *secondPacked,
    const float *secondBias, const float *thirdPacked, const float *thirdBias, float *scratch, float *target,
    long targetStride) {
    float *first = scratch, *second = scratch + width * LANES;
    for (long node = 0; node < nodes; node += GROUP_NODES) {
        gather_group(products, neighbours, node, nodes, width, first);
        hidden_layer(first, secondPacked, secondBias, width, second);
        mean_layer(second, thirdPacked, thirdBias, width, node, nodes, 1.0f / SLOTS, target, targetStride);
    }
}

// Six rows x 64 outputs per step: 24 accumulators, started from the bias.
AVX512 void jetnet_pn_node_layer(
    const float *input, long inputStride, long rows, long inputs, long outputs, const float *packed,
    const float *bias, float *out) {
    for (long first = 0; first < rows; first += 6) {
        const float *row[6];
        for (int r = 0; r < 6; r++) row[r] = input + (first + r < rows ? first + r : rows - 1) * inputStride;
        for (long block = 0; block < outputs / 64; block++) {
            __m512 acc[6][4];
            for (int q = 0; q < 4; q++) {
                __m512 b = _mm512_loadu_ps(bias + block * 64 + 16 * q);
                for (int r = 0; r < 6; r++) acc[r][q] = b;
            }
            const float *w = packed + block * inputs * 64;
            for (long i = 0; i < inputs; i++, w += 64) {
                __m512 w0 = _mm512_loadu_ps(w), w1 = _mm512_loadu_ps(w + 16), w2 = _mm512_loadu_ps(w + 32),
                       w3 = _mm512_loadu_ps(w + 48);
                _Pragma("unroll") for (int r = 0; r < 6; r++) {
                    __m512 x = _mm512_set1_ps(row[r][i]);
                    acc[r][0] = _mm512_fmadd_ps(x, w0, acc[r][0]);
                    acc[r][1] = _mm512_fmadd_ps(x, w1, acc[r][1]);
                    acc[r][2] = _mm512_fmadd_ps(x, w2, acc[r][2]);
                    acc[r][3] = _mm512_fmadd_ps(x, w3, acc[r][3]);
                }
            }
            for (int r = 0; r < 6 && first + r < rows; r++)
                for (int q = 0; q < 4; q++) _mm512_storeu_ps(out + (first + r) * outputs + block * 64 + 16 * q, acc[r][q]);
        }
    }
}

#else

int jetnet_pn_edge_mlp_supported(void) { return 0; }

void jetnet_pn_node_layer(
    const float *input, long inputStride, long rows, long inputs, long outputs, const float *packed,
    const float *bias, float *out) {
    (void)input, (void)inputStride, (void)rows, (void)inputs, (void)outputs, (void)packed, (void)bias, (void)out;
    __builtin_trap();
}

void jetnet_pn_edge_mlp(
    const float *products, const int32_t *neighbours, long nodes, long width, const float *secondPacked,
    const float *secondBias, const float *thirdPacked, const float *thirdBias, float *scratch, float *target,
    long targetStride) {
    (void)products, (void)neighbours, (void)nodes, (void)width, (void)secondPacked, (void)secondBias;
    (void)thirdPacked, (void)thirdBias, (void)scratch, (void)target, (void)targetStride;
    __builtin_trap();
}

#endif
