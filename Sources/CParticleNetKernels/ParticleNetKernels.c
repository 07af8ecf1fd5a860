#include "ParticleNetKernels.h"

// No fused multiply-adds: the AVX2 and AVX-512 versions would otherwise round squared
// distances differently from the baseline one.
#pragma clang fp contract(off)

// One AVX-512, one AVX2 and one baseline version of each kernel, chosen at load time (ifunc).
// Vectorising these loops never reorders a floating-point sum (no fast-math), so every version
// gives the same floats.
#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define JETNET_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define JETNET_CLONES
#endif

JETNET_CLONES
void jetnet_pn_gather_add_relu(
    const float *products, const int32_t *neighbours, long nodes, long k, long width, float *edges) {
    for (long n = 0; n < nodes; n++) {
        const float *restrict own = products + n * 2 * width;
        for (long s = 0; s < k; s++) {
            const float *restrict other = products + (long)neighbours[n * k + s] * 2 * width + width;
            float *restrict out = edges + (n * k + s) * width;
            for (long c = 0; c < width; c++) {
                float v = own[c] + other[c];
                out[c] = v > 0 ? v : 0;
            }
        }
    }
}

JETNET_CLONES
void jetnet_pn_add_bias_relu(float *values, long rows, long width, const float *bias) {
    for (long r = 0; r < rows; r++) {
        float *restrict row = values + r * width;
        for (long c = 0; c < width; c++) {
            float v = row[c] + bias[c];
            row[c] = v > 0 ? v : 0;
        }
    }
}

JETNET_CLONES
void jetnet_pn_mean_bias_relu(
    const float *edges, long nodes, long k, long width, const float *bias, float scale, float *out, long outStride) {
    for (long n = 0; n < nodes; n++) {
        float *restrict target = out + n * outStride;
        for (long c = 0; c < width; c++) target[c] = 0;
        for (long s = 0; s < k; s++) {
            const float *restrict edge = edges + (n * k + s) * width;
            for (long c = 0; c < width; c++) {
                float v = edge[c] + bias[c];
                target[c] += v > 0 ? v : 0;
            }
        }
        for (long c = 0; c < width; c++) target[c] *= scale;
    }
}

// sum((a - b)^2) with four partial sums combined as (s0 + s1) + (s2 + s3).
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
void jetnet_pn_nearest_neighbours(
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
