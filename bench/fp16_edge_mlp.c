// The per-edge layers of FPND's EdgeConv blocks in float16, one thread: the layered float16
// kernels (gather, second layer, third layer + mean through per-edge buffers, block 64) against
// the fused float16 kernel (jetnet_pn_half_edge_mlp), with the fused float32 kernel
// (jetnet_pn_edge_mlp) beside them, on one chunk of 2 jets (60 nodes, k = 16, 960 edges) with
// random weights and neighbours. Prints thread-CPU GFLOP/s of the two per-edge layers (4 x 960 x
// width^2 FLOPs), their share of this core's float16 FMA peak (bench/simd_peak.c), and the
// largest difference between the fused and layered float16 outputs, and between the fused
// float16 and float32 outputs, relative to the output's largest value.
// Build and run from the repository root:
//   clang -O2 -ISources/CParticleNetKernels/include bench/fp16_edge_mlp.c \
//     Sources/CParticleNetKernels/ParticleNetHalfKernels.c Sources/CParticleNetKernels/ParticleNetHalfEdgeMLP.c \
//     Sources/CParticleNetKernels/ParticleNetKernels.c Sources/CParticleNetKernels/ParticleNetEdgeMLP.c \
//     -o /tmp/fp16_edge_mlp && /tmp/fp16_edge_mlp [float16 peak GFLOP/s, default 375.4]
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "thread_timing.h"
#include "ParticleNetHalfKernels.h"
#include "ParticleNetKernels.h"

static void *buffer(long bytes) { return aligned_alloc(64, ((bytes + 63) / 64) * 64); }

static float *random_floats(long count, float scale, float shift) {
    float *x = buffer(count * sizeof(float));
    for (long i = 0; i < count; i++) x[i] = shift + scale * ((float)rand() / (float)RAND_MAX - 0.5f);
    return x;
}

enum { JETS = 2, PARTICLES = 30, K = 16, TERMS = 64 };

struct Problem {
    long width;
    float *products, *secondBias, *thirdBias, *secondPacked32, *thirdPacked32, *scratch32, *out;
    uint16_t *second, *third, *secondPacked, *thirdPacked, *edgesA, *edgesB, *scratch;
    int32_t *neighbours;
};

static void layered(Problem *p) {
    long nodes = JETS * PARTICLES, w = p->width;
    jetnet_pn_half_gather_add_relu(p->products, p->neighbours, nodes, K, w, p->edgesA);
    jetnet_pn_half_dense_bias_relu(p->edgesA, nodes * K, w, p->second, w, p->secondBias, TERMS, p->edgesB);
    jetnet_pn_half_dense_mean_bias_relu(p->edgesB, nodes, K, w, p->third, w, p->thirdBias, TERMS, 1.0f / K, p->out, w);
}

static void fused(Problem *p) {
    jetnet_pn_half_edge_mlp(
        p->products, p->neighbours, JETS * PARTICLES, p->width, p->secondPacked, p->secondBias, p->thirdPacked,
        p->thirdBias, p->scratch, p->out, p->width);
}

static void fused32(Problem *p) {
    jetnet_pn_edge_mlp(
        p->products, p->neighbours, JETS * PARTICLES, p->width, p->secondPacked32, p->secondBias, p->thirdPacked32,
        p->thirdBias, p->scratch32, p->out, p->width);
}

static float *output_of(void (*path)(Problem *), Problem *p, long count) {
    path(p);
    float *copy = buffer(count * sizeof(float));
    for (long i = 0; i < count; i++) copy[i] = p->out[i];
    return copy;
}

static float largest_difference(const float *a, const float *b, long count) {
    float largest = 0, worst = 0;
    for (long i = 0; i < count; i++) {
        if (fabsf(b[i]) > largest) largest = fabsf(b[i]);
        if (fabsf(a[i] - b[i]) > worst) worst = fabsf(a[i] - b[i]);
    }
    return worst / largest;
}

int main(int argc, char **argv) {
    double peak = argc > 1 ? atof(argv[1]) : 375.4;
    if (!jetnet_pn_half_supported()) {
        puts("this CPU has no AVX512-FP16: the float16 kernels do not run here");
        return 1;
    }
    printf("width | layered float16 GFLOP/s (of peak) | fused float16 | fused float32 | fused16 / layered16 | "
           "fused16 / fused32 | fused16 vs layered16 | fused16 vs fused32\n");
    for (long w = 64; w <= 256; w *= 2) {
        long nodes = JETS * PARTICLES, edges = nodes * K;
        float bound = 1 / sqrtf((float)w);
        Problem p = {.width = w};
        p.products = random_floats(nodes * 2 * w, 2, 0.1f);
        float *second = random_floats(w * w, 2 * bound, 0), *third = random_floats(w * w, 2 * bound, 0);
        p.secondBias = random_floats(w, 0.2f, 0.05f);
        p.thirdBias = random_floats(w, 0.2f, 0.05f);
        p.second = buffer(w * w * 2), p.third = buffer(w * w * 2);
        p.secondPacked = buffer(w * w * 2), p.thirdPacked = buffer(w * w * 2);
        jetnet_pn_half_pack_weights(second, w, w, p.second);
        jetnet_pn_half_pack_weights(third, w, w, p.third);
        jetnet_pn_half_pack_edge_weights(second, w, w, p.secondPacked);
        jetnet_pn_half_pack_edge_weights(third, w, w, p.thirdPacked);
        p.secondPacked32 = buffer(w * w * 4), p.thirdPacked32 = buffer(w * w * 4);
        jetnet_pn_pack_edge_weights(second, w, w, p.secondPacked32);
        jetnet_pn_pack_edge_weights(third, w, w, p.thirdPacked32);
        p.edgesA = buffer(edges * w * 2), p.edgesB = buffer(edges * w * 2);
        p.scratch = buffer(192 * w * 2), p.scratch32 = buffer(96 * w * 4);
        p.out = buffer(nodes * w * 4);
        p.neighbours = malloc(edges * sizeof(int32_t));
        for (long n = 0; n < nodes; n++)
            for (long s = 0; s < K; s++) p.neighbours[n * K + s] = (int32_t)((n / PARTICLES) * PARTICLES + rand() % PARTICLES);

        float *a = output_of(layered, &p, nodes * w), *b = output_of(fused, &p, nodes * w);
        float *c = output_of(fused32, &p, nodes * w);
        double flops = 2.0 * 2.0 * edges * w * w;
        double rateLayered = flops / seconds_per_call(layered, &p) * 1e-9;
        double rateFused = flops / seconds_per_call(fused, &p) * 1e-9;
        double rate32 = flops / seconds_per_call(fused32, &p) * 1e-9;
        printf("%5ld | %6.1f (%3.0f%%) | %6.1f (%3.0f%%) | %6.1f | %.2fx | %.2fx | %.1e | %.1e\n", w, rateLayered,
               100 * rateLayered / peak, rateFused, 100 * rateFused / peak, rate32, rateFused / rateLayered,
               rateFused / rate32, largest_difference(b, a, nodes * w), largest_difference(b, c, nodes * w));
    }
    return 0;
}
