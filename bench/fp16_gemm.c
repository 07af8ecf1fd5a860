// The FPND float16 kernel (Sources/CParticleNetKernels/ParticleNetHalfKernels.c) on the per-edge
// layers' shapes (2 jets per call: 960 edges; widths 64, 128, 256) against OpenBLAS sgemm: its
// largest error against a float64 product, and one core's GFLOP/s (thread CPU time, best of 5).
// Build and run:
//   clang -O2 -ISources/CParticleNetKernels/include bench/fp16_gemm.c \
//     Sources/CParticleNetKernels/ParticleNetHalfKernels.c -lopenblas -o /tmp/fp16_gemm && /tmp/fp16_gemm
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "ParticleNetHalfKernels.h"

enum { RowMajor = 101, NoTrans = 111, Trans = 112 };
void cblas_sgemm(int, int, int, int, int, int, float, const float *, int, const float *, int, float, float *, int);
void openblas_set_num_threads(int);

static double thread_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static float half_to_float(uint16_t h) {
    _Float16 v;
    __builtin_memcpy(&v, &h, 2);
    return (float)v;
}

int main(void) {
    openblas_set_num_threads(1);
    const long rows = 960, repeat = 300;
    const long blocks[] = {8, 32, 64, 256};
    srand(1);
    for (long width = 64; width <= 256; width *= 2) {
        float *a = malloc(rows * width * 4), *w = malloc(width * width * 4), *c = malloc(rows * width * 4);
        float *bias = calloc(width, 4);
        uint16_t *a16 = malloc(rows * width * 2), *w16 = malloc(width * width * 2), *c16 = malloc(rows * width * 2);
        // ReLU'd activations and weights of either sign, as in the network.
        for (long i = 0; i < rows * width; i++) a[i] = (float)rand() / RAND_MAX;
        for (long i = 0; i < width * width; i++) w[i] = (float)rand() / RAND_MAX - 0.5f;
        // Positive bias so that ReLU keeps (nearly) every output and the error shows.
        for (long i = 0; i < width; i++) bias[i] = 4 * sqrtf(width);
        int32_t *identity = malloc(rows * 4);
        for (long i = 0; i < rows; i++) identity[i] = (int32_t)i;
        float *products = calloc(rows * 2 * width, 4);
        for (long r = 0; r < rows; r++)
            for (long i = 0; i < width; i++) products[r * 2 * width + i] = a[r * width + i];
        jetnet_pn_half_gather_add_relu(products, identity, rows, 1, width, a16);
        jetnet_pn_half_pack_weights(w, width, width, w16);
        double best = 1e30;
        for (int t = 0; t < 5; t++) {
            double start = thread_seconds();
            for (long n = 0; n < repeat; n++)
                cblas_sgemm(RowMajor, NoTrans, Trans, rows, width, width, 1, a, width, w, width, 0, c, width);
            double s = thread_seconds() - start;
            if (s < best) best = s;
        }
        double flops = 2.0 * rows * width * width * repeat;
        printf("width %3ld  sgemm            %6.1f GFLOP/s\n", width, flops / best / 1e9);
        for (int bi = 0; bi < 4; bi++) {
            long block = blocks[bi];
            best = 1e30;
            for (int t = 0; t < 5; t++) {
                double start = thread_seconds();
                for (long n = 0; n < repeat; n++)
                    jetnet_pn_half_dense_bias_relu(a16, rows, width, w16, width, bias, block, c16);
                double s = thread_seconds() - start;
                if (s < best) best = s;
            }
            // Error against the float64 product of the float16-rounded inputs.
            double worst = 0;
            for (long r = 0; r < rows; r++)
                for (long o = 0; o < width; o++) {
                    double exact = bias[o], scale = 0;
                    for (long i = 0; i < width; i++) {
                        double p = (double)half_to_float(a16[r * width + i]) * (float)(_Float16)w[o * width + i];
                        exact += p;
                        scale += fabs(p);
                    }
                    if (exact < 0) exact = 0;
                    double e = fabs(half_to_float(c16[r * width + o]) - exact) / (scale + bias[o]);
                    if (e > worst) worst = e;
                }
            printf("width %3ld  float16, b = %2ld  %6.1f GFLOP/s  max |error| / (sum |terms| + bias) %.2e\n", width,
                   block, flops / best / 1e9, worst);
        }
        free(a), free(w), free(c), free(bias), free(a16), free(w16), free(c16), free(identity), free(products);
    }
    return 0;
}
