// The per-edge layers of FPND's EdgeConv blocks in their own shapes, one thread: OpenBLAS sgemm
// with the element-wise passes (the BLAS path of ParticleNet+Forward.swift) against the fused
// AVX-512 kernel (jetnet_pn_edge_mlp), on one chunk of 2 jets (60 nodes, k = 16, 960 edges) with
// random weights and neighbours. Prints thread-CPU GFLOP/s of the two per-edge layers (the
// FLOPs both paths share), their share of this core's float32 FMA peak (bench/simd_peak.c), and
// the largest difference between the two outputs relative to the output's largest value. Then
// the per-node first layers (60 node rows of the 451-wide node buffer): sgemm onto bias rows
// against jetnet_pn_node_layer.
// Build and run from the repository root (Debian's OpenBLAS, its SkylakeX kernels as bench/run picks):
//   clang -O2 -ISources/CParticleNetKernels/include bench/edge_mlp.c Sources/CParticleNetKernels/ParticleNetKernels.c \
//     -lopenblas -lm -o /tmp/edge_mlp
//   OPENBLAS_CORETYPE=SkylakeX /tmp/edge_mlp [peak GFLOP/s, default 174.7]
#include "../Sources/CParticleNetKernels/ParticleNetEdgeMLP.c"
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "thread_timing.h"

void openblas_set_num_threads(int);

static float *random_floats(long count, float scale, float shift) {
    float *x = aligned_alloc(64, ((count * sizeof(float) + 63) / 64) * 64);
    for (long i = 0; i < count; i++) x[i] = shift + scale * ((float)rand() / (float)RAND_MAX - 0.5f);
    return x;
}

enum { JETS = 2, PARTICLES = 30, K = 16 };

struct Problem {
    long width;
    float *products, *second, *secondBias, *third, *thirdBias, *secondPacked, *thirdPacked;
    float *edgesA, *edgesB, *scratch, *out;
    int32_t *neighbours;
};

static void blas_path(Problem *p) {
    long nodes = JETS * PARTICLES, edges = nodes * K, w = p->width;
    jetnet_pn_gather_add_relu(p->products, p->neighbours, nodes, K, w, p->edgesA);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, edges, w, w, 1, p->edgesA, w, p->second, w, 0, p->edgesB, w);
    jetnet_pn_add_bias_relu(p->edgesB, edges, w, p->secondBias);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, edges, w, w, 1, p->edgesB, w, p->third, w, 0, p->edgesA, w);
    jetnet_pn_mean_bias_relu(p->edgesA, nodes, K, w, p->thirdBias, 1.0f / K, p->out, w);
}

static void fused_path(Problem *p) {
    jetnet_pn_edge_mlp(
        p->products, p->neighbours, JETS * PARTICLES, p->width, p->secondPacked, p->secondBias, p->thirdPacked,
        p->thirdBias, p->scratch, p->out, p->width);
}

static struct {
    long rows, inputs, outputs, column;
    const float *nodes, *weight, *packed, *bias;
    float *out;
} node;

static void node_blas(Problem *unused) {
    (void)unused;
    for (long r = 0; r < node.rows; r++)
        for (long o = 0; o < node.outputs; o++) node.out[r * node.outputs + o] = node.bias[o];
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, node.rows, node.outputs, node.inputs, 1,
                node.nodes + node.column, 451, node.weight, node.inputs, 1, node.out, node.outputs);
}

static void node_packed(Problem *unused) {
    (void)unused;
    jetnet_pn_node_layer(node.nodes + node.column, 451, node.rows, node.inputs, node.outputs, node.packed, node.bias, node.out);
}

static void node_layers(double peak) {
    printf("node layer (60 rows) | BLAS GFLOP/s (of peak) | packed GFLOP/s (of peak) | speed-up | max rel diff\n");
    long inputs[3] = {3, 67, 195}, outputs[3] = {128, 256, 512};
    float *nodes = random_floats(60 * 451, 2, 0);
    for (int b = 0; b < 3; b++) {
        long in = inputs[b], out = outputs[b];
        float *weight = random_floats(out * in, 2 / sqrtf((float)in), 0), *packed = random_floats(out * in, 0, 0);
        jetnet_pn_pack_node_weights(weight, out, in, packed);
        float *reference = random_floats(60 * out, 0, 0);
        node.rows = 60, node.inputs = in, node.outputs = out, node.column = 451 - in, node.nodes = nodes;
        node.weight = weight, node.packed = packed, node.bias = random_floats(out, 0.2f, 0), node.out = reference;
        node_blas(NULL);
        node.out = random_floats(60 * out, 0, 0);
        node_packed(NULL);
        float largest = 0, worst = 0;
        for (long i = 0; i < 60 * out; i++) {
            if (fabsf(reference[i]) > largest) largest = fabsf(reference[i]);
            if (fabsf(node.out[i] - reference[i]) > worst) worst = fabsf(node.out[i] - reference[i]);
        }
        double flops = 2.0 * 60 * in * out;
        double blas = flops / seconds_per_call(node_blas, NULL) * 1e-9;
        double fast = flops / seconds_per_call(node_packed, NULL) * 1e-9;
        printf("%3ld -> %3ld | %6.1f (%3.0f%%) | %6.1f (%3.0f%%) | %.2fx | %.1e\n", in, out, blas, 100 * blas / peak, fast,
               100 * fast / peak, fast / blas, worst / largest);
    }
}

int main(int argc, char **argv) {
    double peak = argc > 1 ? atof(argv[1]) : 174.7;
    openblas_set_num_threads(1);
    if (!jetnet_pn_edge_mlp_supported()) {
        puts("this CPU has no AVX-512F: the fused kernel does not run here");
        return 1;
    }
    printf("width | BLAS path GFLOP/s (of peak) | fused GFLOP/s (of peak) | speed-up | max rel diff\n");
    for (long w = 64; w <= 256; w *= 2) {
        long nodes = JETS * PARTICLES, edges = nodes * K;
        float bound = 1 / sqrtf((float)w);
        Problem p = {.width = w};
        p.products = random_floats(nodes * 2 * w, 2, 0.1f);
        p.second = random_floats(w * w, 2 * bound, 0);
        p.third = random_floats(w * w, 2 * bound, 0);
        p.secondBias = random_floats(w, 0.2f, 0.05f);
        p.thirdBias = random_floats(w, 0.2f, 0.05f);
        p.secondPacked = random_floats(w * w, 0, 0);
        p.thirdPacked = random_floats(w * w, 0, 0);
        jetnet_pn_pack_edge_weights(p.second, w, w, p.secondPacked);
        jetnet_pn_pack_edge_weights(p.third, w, w, p.thirdPacked);
        p.edgesA = random_floats(edges * w, 0, 0);
        p.edgesB = random_floats(edges * w, 0, 0);
        p.scratch = random_floats(96 * w, 0, 0);
        p.out = random_floats(nodes * w, 0, 0);
        p.neighbours = malloc(edges * sizeof(int32_t));
        for (long n = 0; n < nodes; n++)
            for (long s = 0; s < K; s++) p.neighbours[n * K + s] = (int32_t)((n / PARTICLES) * PARTICLES + rand() % PARTICLES);

        blas_path(&p);
        float *reference = random_floats(nodes * w, 0, 0);
        float largest = 0, worst = 0;
        for (long i = 0; i < nodes * w; i++) {
            reference[i] = p.out[i];
            if (fabsf(reference[i]) > largest) largest = fabsf(reference[i]);
        }
        fused_path(&p);
        for (long i = 0; i < nodes * w; i++)
            if (fabsf(p.out[i] - reference[i]) > worst) worst = fabsf(p.out[i] - reference[i]);

        double flops = 2.0 * 2.0 * edges * w * w;
        double blas = flops / seconds_per_call(blas_path, &p) * 1e-9;
        double fused = flops / seconds_per_call(fused_path, &p) * 1e-9;
        printf("%5ld | %6.1f (%3.0f%%) | %6.1f (%3.0f%%) | %.2fx | %.1e\n", w, blas, 100 * blas / peak, fused,
               100 * fused / peak, fused / blas, worst / largest);
    }
    node_layers(peak);
    return 0;
}
