#include "ParticleNetKernels.h"

// No fused multiply-adds: the AVX2 and AVX-512 versions would otherwise round differently from
// the baseline one.
#pragma clang fp contract(off)

#include "ParticleNetTargetClones.h"

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
