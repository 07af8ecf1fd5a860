#include "ParticleNetKernels.h"

// The k nearest neighbours of EdgeConv. Two versions that pick the same neighbours from the same
// float32 distances: a portable one (one distance per pair, insertion into a sorted list) and,
// for jets of at most 32 particles on AVX-512 CPUs, one that computes a particle's distances to
// all 32 lanes of particles at once from the jet's transposed features and ranks them with
// vector compares instead of branches.
//
// The distance of a pair is sum((a - b)^2) with four partial sums, s_m over the columns c = m
// (mod 4) below the last multiple of 4 and the remaining columns added to s_0, combined as
// (s0 + s1) + (s2 + s3). Both versions do exactly these operations in this order, without fused
// multiply-adds, so they give the same floats ((a - b)^2 = (b - a)^2 exactly).
#pragma clang fp contract(off)

#include "ParticleNetTargetClones.h"

enum { LANES = 32 };

long jetnet_pn_nearest_neighbours_scratch(long particles, long width) {
    long square = particles * particles, transposed = LANES * width + 16;
    return square > transposed ? square : transposed;
}

static inline float squared_distance(const float *a, const float *b, long count) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    long i = 0;
    for (; i + 4 <= count; i += 4) {
        float d0 = a[i] - b[i], d1 = a[i + 1] - b[i + 1], d2 = a[i + 2] - b[i + 2], d3 = a[i + 3] - b[i + 3];
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
    }
    for (; i < count; i++) {
        float d = a[i] - b[i];
        s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
}

JETNET_CLONES
static void nearest_sorted_insertion(
    const float *nodes, long nodeStride, long column, long width, long jets, long particles, long k,
    float *distances, int32_t *neighbours) {
    float best[k];
    int32_t bestIndex[k];
    for (long jet = 0; jet < jets; jet++) {
        long base = jet * particles;
        for (long i = 0; i < particles; i++) {
            distances[i * particles + i] = 0;
            const float *a = nodes + (base + i) * nodeStride + column;
            for (long j = i + 1; j < particles; j++) {
                float d = squared_distance(a, nodes + (base + j) * nodeStride + column, width);
                distances[i * particles + j] = d;
                distances[j * particles + i] = d;
            }
        }
        for (long i = 0; i < particles; i++) {
            long found = 0;
            const float *row = distances + i * particles;
            for (long j = 0; j < particles; j++) {
                if (j == i) continue;
                float d = row[j];
                if (found == k && !(d < best[k - 1])) continue;
                // Insertion keeps the list sorted; equal distances stay in index order.
                long slot = found < k ? found : k - 1;
                while (slot > 0 && d < best[slot - 1]) {
                    best[slot] = best[slot - 1];
                    bestIndex[slot] = bestIndex[slot - 1];
                    slot--;
                }
                best[slot] = d;
                bestIndex[slot] = (int32_t)(base + j);
                if (found < k) found++;
            }
            for (long s = 0; s < k; s++) neighbours[(base + i) * k + s] = bestIndex[s];
        }
    }
}

#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>

#pragma clang diagnostic ignored "-Wpsabi"

#define AVX512 __attribute__((target("avx512f")))

#include "ParticleNetLaneShuffles.h"

// transposed[c][j] = node j's column c for c < width, j < 32 (zero for j >= particles): the
// rows loaded 16 columns at a time (masked at the end) and transposed 16 x 16 in registers.
AVX512 static void transpose_jet(const float *rows, long nodeStride, long width, long particles, float *transposed) {
    for (long c = 0; c < width; c += 16) {
        __mmask16 columns = width - c >= 16 ? 0xFFFF : (__mmask16)((1u << (width - c)) - 1);
        long count = width - c < 16 ? width - c : 16;
        for (int half = 0; half < 2; half++) {
            __m512 r[16];
            for (int s = 0; s < 16; s++) {
                long j = 16 * half + s;
                r[s] = j < particles ? _mm512_maskz_loadu_ps(columns, rows + j * nodeStride + c) : _mm512_setzero_ps();
            }
            transpose16(r);
            for (long l = 0; l < count; l++) _mm512_store_ps(transposed + (c + l) * LANES + 16 * half, r[l]);
        }
    }
}

// out[16 v + l] = the squared distance of row `a` to lane 16 v + l of `lanes` ([width][32]
// floats from its start), for v < vectors (1 or 2).
AVX512 static inline __attribute__((always_inline)) void distances_to_lanes(
    const float *a, const float *lanes, long width, int vectors, float *out) {
    __m512 s[4][2];
    for (int m = 0; m < 4; m++) s[m][0] = s[m][1] = _mm512_setzero_ps();
    long c = 0;
    for (; c + 4 <= width; c += 4)
        _Pragma("unroll") for (int m = 0; m < 4; m++) {
            __m512 own = _mm512_set1_ps(a[c + m]);
            _Pragma("unroll") for (int v = 0; v < vectors; v++) {
                __m512 d = _mm512_sub_ps(own, _mm512_load_ps(lanes + (c + m) * LANES + 16 * v));
                s[m][v] = _mm512_add_ps(s[m][v], _mm512_mul_ps(d, d));
            }
        }
    for (; c < width; c++) {
        __m512 own = _mm512_set1_ps(a[c]);
        _Pragma("unroll") for (int v = 0; v < vectors; v++) {
            __m512 d = _mm512_sub_ps(own, _mm512_load_ps(lanes + c * LANES + 16 * v));
            s[0][v] = _mm512_add_ps(s[0][v], _mm512_mul_ps(d, d));
        }
    }
    _Pragma("unroll") for (int v = 0; v < vectors; v++)
        _mm512_store_ps(out + 16 * v, _mm512_add_ps(_mm512_add_ps(s[0][v], s[1][v]), _mm512_add_ps(s[2][v], s[3][v])));
}

// distance[i][j] for i, j < particles (<= 32), each row 32 floats: particles 0..<16 against all
// lanes, particles 16..<32 against lanes 16..<32 only, and their distances to particles 0..<16
// from the first rows by symmetry (one 16 x 16 transpose).
AVX512 static void jet_distances(const float *rows, long nodeStride, long width, long particles,
                                 const float *transposed, float distance[][LANES]) {
    if (particles <= 16) {
        for (long i = 0; i < particles; i++) distances_to_lanes(rows + i * nodeStride, transposed, width, 1, distance[i]);
        return;
    }
    for (long i = 0; i < 16; i++) distances_to_lanes(rows + i * nodeStride, transposed, width, 2, distance[i]);
    for (long i = 16; i < particles; i++)
        distances_to_lanes(rows + i * nodeStride, transposed + 16, width, 1, distance[i] + 16);
    __m512 r[16];
    for (int s = 0; s < 16; s++) r[s] = _mm512_load_ps(distance[s] + 16);
    transpose16(r);
    for (long l = 0; 16 + l < particles; l++) _mm512_store_ps(distance[16 + l], r[l]);
}

// Each particle's rank among the others is the number of them that come before it: nearer, or
// as near with a lower index. Distances are compared as their bits without the sign, unsigned,
// which orders non-negative floats as their values (NaNs last), so the ranks are a permutation
// and every slot is filled. "Particle l comes before particle j" is key[l] < key[j] + (l < j):
// one compare per vector of j, against the keys plus one in the lanes after l. The particles of
// rank < k are the neighbours, in rank order: the insertion's order.
AVX512 static void nearest_ranked(
    const float *nodes, long nodeStride, long column, long width, long jets, long particles, long k,
    float *scratch, int32_t *neighbours) {
    float *transposed = (float *)(((uintptr_t)scratch + 63) & ~(uintptr_t)63);
    float distance[LANES][LANES] __attribute__((aligned(64)));
    const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m512i magnitude = _mm512_set1_epi32(0x7FFFFFFF), one = _mm512_set1_epi32(1);
    uint32_t present = particles >= LANES ? ~0u : (1u << particles) - 1;
    long low = particles < 16 ? particles : 16;
    for (long jet = 0; jet < jets; jet++) {
        long base = jet * particles;
        const float *rows = nodes + base * nodeStride + column;
        transpose_jet(rows, nodeStride, width, particles, transposed);
        jet_distances(rows, nodeStride, width, particles, transposed, distance);
        for (long i = 0; i < particles; i++) {
            uint32_t keys[LANES] __attribute__((aligned(64)));
            __m512i key[2], next[2], rank[2];
            for (int v = 0; v < 2; v++) {
                key[v] = _mm512_and_si512(_mm512_castps_si512(_mm512_load_ps(distance[i] + 16 * v)), magnitude);
                next[v] = _mm512_add_epi32(key[v], one);
                _mm512_store_si512(keys + 16 * v, key[v]);
                rank[v] = _mm512_setzero_si512();
            }
            keys[i] = ~0u; // comes before no one
            for (long l = 0; l < low; l++) {
                __m512i other = _mm512_set1_epi32((int)keys[l]);
                __m512i bound = _mm512_mask_mov_epi32(key[0], (__mmask16)(0xFFFFu << (l + 1)), next[0]);
                rank[0] = _mm512_mask_add_epi32(rank[0], _mm512_cmplt_epu32_mask(other, bound), rank[0], one);
                rank[1] = _mm512_mask_add_epi32(rank[1], _mm512_cmplt_epu32_mask(other, next[1]), rank[1], one);
            }
            for (long l = 16; l < particles; l++) {
                __m512i other = _mm512_set1_epi32((int)keys[l]);
                __m512i bound = _mm512_mask_mov_epi32(key[1], (__mmask16)(0xFFFFu << (l - 15)), next[1]);
                rank[0] = _mm512_mask_add_epi32(rank[0], _mm512_cmplt_epu32_mask(other, key[0]), rank[0], one);
                rank[1] = _mm512_mask_add_epi32(rank[1], _mm512_cmplt_epu32_mask(other, bound), rank[1], one);
            }
            uint32_t others = present & ~(1u << i);
            int32_t *out = neighbours + (base + i) * k;
            for (int v = 0; v < 2; v++) {
                __mmask16 chosen = _mm512_mask_cmplt_epi32_mask(
                    (__mmask16)(others >> (16 * v)), rank[v], _mm512_set1_epi32((int)k));
                __m512i index = _mm512_add_epi32(lane, _mm512_set1_epi32((int)(base + 16 * v)));
                _mm512_mask_i32scatter_epi32(out, chosen, rank[v], index, 4);
            }
        }
    }
}

static int ranked_supported(long particles) {
    __builtin_cpu_init();
    return particles <= LANES && __builtin_cpu_supports("avx512f");
}

#else

static int ranked_supported(long particles) { return (void)particles, 0; }
static void nearest_ranked(
    const float *nodes, long nodeStride, long column, long width, long jets, long particles, long k,
    float *scratch, int32_t *neighbours) {
    (void)nodes, (void)nodeStride, (void)column, (void)width, (void)jets, (void)particles, (void)k;
    (void)scratch, (void)neighbours;
}

#endif

void jetnet_pn_nearest_neighbours(
    const float *nodes, long nodeStride, long column, long width, long jets, long particles, long k,
    float *scratch, int32_t *neighbours) {
    if (ranked_supported(particles))
        nearest_ranked(nodes, nodeStride, column, width, jets, particles, k, scratch, neighbours);
    else
        nearest_sorted_insertion(nodes, nodeStride, column, width, jets, particles, k, scratch, neighbours);
}
