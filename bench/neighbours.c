// The neighbour search of FPND's EdgeConv blocks, one thread: the portable search (a distance per
// pair, insertion into a sorted list) against the AVX-512 one (distances to 32 lanes of
// particles from the jet's transposed features, ranks by vector compares), on one chunk of 2
// jets of 30 particles (k = 16) in the network's node buffer (451 floats a row), for the three
// blocks' distance widths (2, 67, 195). Jets have 30 - p real particles and p zero-padded ones
// (identical, so their distances tie), p = 0, 10, 20 in turn. Prints thread-CPU microseconds
// per chunk of each and whether the two chose the same neighbours on every jet (and on 200
// extra chunks of random widths, paddings and values on a coarse grid, which makes ties common).
// Build and run from the repository root:
//   clang -O2 -ISources/CParticleNetKernels/include -ISources/CParticleNetKernels bench/neighbours.c \
//     -o /tmp/neighbours && /tmp/neighbours
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "thread_timing.h"
#include "ParticleNetNeighbours.c"

enum { JETS = 2, PARTICLES = 30, K = 16, STRIDE = 451, COLUMN = 256 };

struct Problem {
    long width;
    float *nodes, *scratch;
    int32_t *neighbours;
};

static void insertion(Problem *p) {
    nearest_sorted_insertion(p->nodes, STRIDE, COLUMN, p->width, JETS, PARTICLES, K, p->scratch, p->neighbours);
}

static void ranked(Problem *p) {
    nearest_ranked(p->nodes, STRIDE, COLUMN, p->width, JETS, PARTICLES, K, p->scratch, p->neighbours);
}

// Rows of `padding` zero particles at the end of each jet; values on a grid of `levels` steps
// (0: continuous).
static void fill(float *nodes, long width, int padding, int levels) {
    for (long n = 0; n < JETS * PARTICLES; n++)
        for (long c = 0; c < width; c++) {
            float x = (float)rand() / (float)RAND_MAX - 0.5f;
            if (levels) x = (float)(rand() % levels) / levels;
            nodes[n * STRIDE + COLUMN + c] = n % PARTICLES >= PARTICLES - padding ? 0 : x;
        }
}

static int same_neighbours(Problem *p) {
    int32_t expected[JETS * PARTICLES * K];
    insertion(p);
    memcpy(expected, p->neighbours, sizeof expected);
    memset(p->neighbours, 0xFF, sizeof expected);
    ranked(p);
    return memcmp(expected, p->neighbours, sizeof expected) == 0;
}

int main(void) {
    if (!ranked_supported(PARTICLES)) {
        puts("this CPU has no AVX-512F: only the portable search runs here");
        return 1;
    }
    long widest = 195;
    Problem p = {
        .nodes = aligned_alloc(64, JETS * PARTICLES * STRIDE * sizeof(float)),
        .scratch = malloc(jetnet_pn_nearest_neighbours_scratch(PARTICLES, widest) * sizeof(float)),
        .neighbours = malloc(JETS * PARTICLES * K * sizeof(int32_t)),
    };
    printf("width | padding | insertion us/chunk | ranked us/chunk | speed-up | same neighbours\n");
    long widths[] = {2, 67, 195};
    for (int w = 0; w < 3; w++)
        for (int padding = 0; padding <= 20; padding += 10) {
            p.width = widths[w];
            fill(p.nodes, p.width, padding, 0);
            int same = same_neighbours(&p);
            double before = seconds_per_call(insertion, &p) * 1e6, after = seconds_per_call(ranked, &p) * 1e6;
            printf("%5ld | %7d | %8.2f | %8.2f | %.2fx | %s\n", p.width, padding, before, after, before / after,
                   same ? "yes" : "NO");
        }
    int agreeing = 0;
    for (int trial = 0; trial < 200; trial++) {
        p.width = 1 + rand() % widest;
        fill(p.nodes, p.width, rand() % 25, 1 + rand() % 4);
        agreeing += same_neighbours(&p);
    }
    printf("coarse-grid chunks with the same neighbours: %d of 200\n", agreeing);
    return 0;
}
