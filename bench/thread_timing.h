// Thread-CPU timing shared by the per-edge kernel benchmarks (bench/edge_mlp.c,
// bench/fp16_edge_mlp.c). Each defines `struct Problem` (its kernels' inputs and buffers).
#ifndef JETNET_BENCH_THREAD_TIMING_H
#define JETNET_BENCH_THREAD_TIMING_H

#include <math.h>
#include <time.h>

typedef struct Problem Problem;

static double thread_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

// Best of three passes of thread-CPU seconds per call, each pass at least 0.1 s.
static double seconds_per_call(void (*path)(Problem *), Problem *p) {
    long calls = 1;
    double best = INFINITY;
    path(p);
    for (double t = 0; t < 0.1; calls *= 2) {
        double start = thread_seconds();
        for (long i = 0; i < calls; i++) path(p);
        t = thread_seconds() - start;
    }
    for (int pass = 0; pass < 3; pass++) {
        double start = thread_seconds();
        for (long i = 0; i < calls; i++) path(p);
        double t = (thread_seconds() - start) / calls;
        if (t < best) best = t;
    }
    return best;
}

#endif
