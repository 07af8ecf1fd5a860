// Read bandwidth of all cores together: each thread sums its share of one buffer with 512-bit
// (or 256-bit) loads; the best of 20 passes. The buffer is the size of a task's input, so the
// rate is the one that input is read at (cache or memory, whichever holds that much).
// Build and run: clang -O2 -pthread bench/read_bandwidth.c -o /tmp/read_bandwidth &&
// /tmp/read_bandwidth BYTES THREADS   (prints {"read": bytes per second})
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double wall_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

typedef struct {
    const float *start;
    long count;
    float sum;
} Share;

__attribute__((target("avx512f"))) static float sum_avx512(const float *p, long n) {
    __m512 s0 = _mm512_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
    for (long i = 0; i + 64 <= n; i += 64) {
        s0 = _mm512_add_ps(s0, _mm512_load_ps(p + i));
        s1 = _mm512_add_ps(s1, _mm512_load_ps(p + i + 16));
        s2 = _mm512_add_ps(s2, _mm512_load_ps(p + i + 32));
        s3 = _mm512_add_ps(s3, _mm512_load_ps(p + i + 48));
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(s0, s1), _mm512_add_ps(s2, s3)));
}

__attribute__((target("avx2"))) static float sum_avx2(const float *p, long n) {
    __m256 s0 = _mm256_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
    for (long i = 0; i + 32 <= n; i += 32) {
        s0 = _mm256_add_ps(s0, _mm256_load_ps(p + i));
        s1 = _mm256_add_ps(s1, _mm256_load_ps(p + i + 8));
        s2 = _mm256_add_ps(s2, _mm256_load_ps(p + i + 16));
        s3 = _mm256_add_ps(s3, _mm256_load_ps(p + i + 24));
    }
    float lanes[8];
    _mm256_storeu_ps(lanes, _mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
    return lanes[0] + lanes[1] + lanes[2] + lanes[3] + lanes[4] + lanes[5] + lanes[6] + lanes[7];
}

static void *run_share(void *argument) {
    Share *share = argument;
    share->sum = __builtin_cpu_supports("avx512f") ? sum_avx512(share->start, share->count)
                                                   : sum_avx2(share->start, share->count);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: read_bandwidth BYTES THREADS\n");
        return 2;
    }
    __builtin_cpu_init();
    long bytes = atol(argv[1]) / 4096 * 4096;
    int threads = atoi(argv[2]);
    if (bytes <= 0 || threads < 1 || threads > 64) return 2;
    long n = bytes / 4;
    float *buffer = aligned_alloc(4096, (size_t)bytes);
    if (!buffer) return 1;
    for (long i = 0; i < n; i++) buffer[i] = 1;
    Share shares[64];
    pthread_t workers[64];
    double best = 1e30, total = 0;
    for (int pass = 0; pass < 20; pass++) {
        double start = wall_seconds();
        for (int t = 0; t < threads; t++) {
            shares[t] = (Share){buffer + t * (n / threads) / 64 * 64, n / threads / 64 * 64, 0};
            pthread_create(&workers[t], NULL, run_share, &shares[t]);
        }
        for (int t = 0; t < threads; t++) {
            pthread_join(workers[t], NULL);
            total += shares[t].sum;
        }
        double seconds = wall_seconds() - start;
        if (seconds < best) best = seconds;
    }
    printf("{\"read\": %.6e}\n", (double)(n / threads / 64 * 64 * threads) * 4 / best);
    free(buffer);
    return total == 12345 ? 1 : 0;
}
