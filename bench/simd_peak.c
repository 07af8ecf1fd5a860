// Peak multiply-add throughput of one core for the formats a ParticleNet GEMM could use: float32
// FMA (vfmadd231ps zmm; ymm on CPUs without AVX-512F), float64 FMA for KPD's moments (vfmadd231pd), bfloat16 pair dot products with float32
// accumulation (vdpbf16ps, AVX512-BF16), float16 FMA (vfmadd231ph, AVX512-FP16), and for FPD's
// integer count product the unsigned x signed byte dot products into int32 (vpdpbusd,
// AVX512-VNNI; 64 multiply-adds per instruction, counted as 2 operations each). Twelve
// independent accumulators per loop hide the latencies, so each line is the instruction's
// throughput bound. Thread CPU time, so other processes' load barely moves it.
// Build and run: clang -O2 bench/simd_peak.c -o /tmp/simd_peak && /tmp/simd_peak
// `/tmp/simd_peak --json` prints {"fma32": FLOP/s, "fma64": FLOP/s, "fma16": FLOP/s or null,
// "dpbusd": op/s or null} (best of 3 short runs; null without AVX512-FP16 or AVX512-VNNI): the compute bounds of
// bench/bench.py use it.
#include <immintrin.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double thread_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

#define CHAINS 12

// One timed loop: CHAINS accumulators of type ACC, each updated n times by STEP(acc, a, b).
#define PEAK_LOOP(NAME, TARGET, ACC, INPUT, ZERO, A, B, STEP, ADD, REDUCE) \
    __attribute__((target(TARGET))) static float NAME(long n) {             \
        ACC acc[CHAINS];                                                    \
        for (int i = 0; i < CHAINS; i++) acc[i] = ZERO;                     \
        INPUT a = A, b = B;                                                 \
        for (long r = 0; r < n; r++) {                                      \
            _Pragma("unroll") for (int i = 0; i < CHAINS; i++) acc[i] = STEP(acc[i], a, b); \
            __asm__ volatile("" : "+v"(a));                                 \
        }                                                                   \
        ACC s = acc[0];                                                     \
        for (int i = 1; i < CHAINS; i++) s = ADD(s, acc[i]);                \
        return (float)REDUCE(s);                                            \
    }

__attribute__((target("avx2,fma"))) static float reduce_ymm(__m256 s) {
    float lanes[8];
    _mm256_storeu_ps(lanes, s);
    float total = 0;
    for (int i = 0; i < 8; i++) total += lanes[i];
    return total;
}

__attribute__((target("avx2,fma"))) static double reduce_ymm_pd(__m256d s) {
    double lanes[4];
    _mm256_storeu_pd(lanes, s);
    return lanes[0] + lanes[1] + lanes[2] + lanes[3];
}

PEAK_LOOP(fma_ps, "avx512f", __m512, __m512, _mm512_set1_ps(0), _mm512_set1_ps(0.5f), _mm512_set1_ps(0.25f),
          _mm512_fmadd_ps, _mm512_add_ps, _mm512_reduce_add_ps)
PEAK_LOOP(fma_ps_ymm, "avx2,fma", __m256, __m256, _mm256_set1_ps(0), _mm256_set1_ps(0.5f), _mm256_set1_ps(0.25f),
          _mm256_fmadd_ps, _mm256_add_ps, reduce_ymm)
PEAK_LOOP(fma_pd, "avx512f", __m512d, __m512d, _mm512_set1_pd(0), _mm512_set1_pd(0.5), _mm512_set1_pd(0.25),
          _mm512_fmadd_pd, _mm512_add_pd, _mm512_reduce_add_pd)
PEAK_LOOP(fma_pd_ymm, "avx2,fma", __m256d, __m256d, _mm256_set1_pd(0), _mm256_set1_pd(0.5), _mm256_set1_pd(0.25),
          _mm256_fmadd_pd, _mm256_add_pd, reduce_ymm_pd)
PEAK_LOOP(dot_bf16, "avx512bf16,avx512f,avx512bw,avx512vl", __m512, __m512bh, _mm512_set1_ps(0),
          (__m512bh)_mm512_set1_epi16(0x3f00), (__m512bh)_mm512_set1_epi16(0x3e80), _mm512_dpbf16_ps,
          _mm512_add_ps, _mm512_reduce_add_ps)
PEAK_LOOP(fma_ph, "avx512fp16,avx512f,avx512bw,avx512vl", __m512h, __m512h, _mm512_set1_ph((_Float16)0),
          _mm512_set1_ph((_Float16)0.5f), _mm512_set1_ph((_Float16)0.25f), _mm512_fmadd_ph, _mm512_add_ph,
          _mm512_reduce_add_ph)
PEAK_LOOP(dot_u8s8, "avx512vnni,avx512f,avx512bw", __m512i, __m512i, _mm512_setzero_si512(), _mm512_set1_epi8(3),
          _mm512_set1_epi8(-2), _mm512_dpbusd_epi32, _mm512_add_epi32, _mm512_reduce_add_epi32)

static float sink;

// FLOP/s of `loop` run n times: CHAINS multiply-adds of `lanes` lanes (2 FLOPs each) per iteration.
static double rate(float (*loop)(long), long n, int lanes) {
    double t = thread_seconds();
    sink += loop(n);
    return n * CHAINS * 2.0 * lanes / (thread_seconds() - t);
}

static double best_of_3(float (*loop)(long), long n, int lanes) {
    double best = 0;
    for (int i = 0; i < 3; i++) {
        double r = rate(loop, n, lanes);
        if (r > best) best = r;
    }
    return best;
}

int main(int argc, char **argv) {
    __builtin_cpu_init();
    int avx512 = __builtin_cpu_supports("avx512f"), fp16 = __builtin_cpu_supports("avx512fp16");
    if (argc > 1 && strcmp(argv[1], "--json") == 0) {
        const long n = 20000000;
        double fma32 = avx512 ? best_of_3(fma_ps, n, 16) : best_of_3(fma_ps_ymm, n, 8);
        double fma64 = avx512 ? best_of_3(fma_pd, n, 8) : best_of_3(fma_pd_ymm, n, 4);
        printf("{\"fma32\": %.6e, \"fma64\": %.6e, \"fma16\": ", fma32, fma64);
        if (fp16) printf("%.6e", best_of_3(fma_ph, n, 32)); else printf("null");
        printf(", \"dpbusd\": ");
        if (__builtin_cpu_supports("avx512vnni")) printf("%.6e}\n", best_of_3(dot_u8s8, n, 64)); else printf("null}\n");
        return sink == 12345 ? 1 : 0;
    }
    const long n = 100000000;
    if (!avx512 || !__builtin_cpu_supports("avx512bf16") || !fp16) {
        fprintf(stderr, "simd_peak: this table needs AVX-512F, AVX512-BF16 and AVX512-FP16\n");
        return 1;
    }
    printf("float32 FMA    (vfmadd231ps zmm): %6.1f GFLOP/s\n", rate(fma_ps, n, 16) / 1e9);
    printf("float64 FMA    (vfmadd231pd zmm): %6.1f GFLOP/s\n", rate(fma_pd, n, 8) / 1e9);
    printf("bfloat16 dot   (vdpbf16ps zmm):   %6.1f GFLOP/s\n", rate(dot_bf16, n, 32) / 1e9);
    printf("float16 FMA    (vfmadd231ph zmm): %6.1f GFLOP/s\n", rate(fma_ph, n, 32) / 1e9);
    if (__builtin_cpu_supports("avx512vnni"))
        printf("u8 x s8 dot    (vpdpbusd zmm):    %6.1f Gop/s\n", rate(dot_u8s8, n, 64) / 1e9);
    return sink == 12345 ? 1 : 0;
}
