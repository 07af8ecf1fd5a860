// Peak multiply-add throughput of one core for the three AVX-512 formats a ParticleNet GEMM could
// use: float32 FMA (vfmadd231ps), bfloat16 pair dot products with float32 accumulation
// (vdpbf16ps, AVX512-BF16) and float16 FMA (vfmadd231ph, AVX512-FP16). Twelve independent
// accumulators per loop hide the latencies, so each line is the instruction's throughput bound.
// Build and run: clang -O2 bench/simd_peak.c -o /tmp/simd_peak && /tmp/simd_peak
#include <immintrin.h>
#include <stdio.h>
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

PEAK_LOOP(fma_ps, "avx512f", __m512, __m512, _mm512_set1_ps(0), _mm512_set1_ps(0.5f), _mm512_set1_ps(0.25f),
          _mm512_fmadd_ps, _mm512_add_ps, _mm512_reduce_add_ps)
PEAK_LOOP(dot_bf16, "avx512bf16,avx512f,avx512bw,avx512vl", __m512, __m512bh, _mm512_set1_ps(0),
          (__m512bh)_mm512_set1_epi16(0x3f00), (__m512bh)_mm512_set1_epi16(0x3e80), _mm512_dpbf16_ps,
          _mm512_add_ps, _mm512_reduce_add_ps)
PEAK_LOOP(fma_ph, "avx512fp16,avx512f,avx512bw,avx512vl", __m512h, __m512h, _mm512_set1_ph((_Float16)0),
          _mm512_set1_ph((_Float16)0.5f), _mm512_set1_ph((_Float16)0.25f), _mm512_fmadd_ph, _mm512_add_ph,
          _mm512_reduce_add_ph)

int main(void) {
    const long n = 100000000;
    double t = thread_seconds();
    float sink = fma_ps(n);
    printf("float32 FMA    (vfmadd231ps zmm): %6.1f GFLOP/s\n", n * CHAINS * 32.0 / (thread_seconds() - t) / 1e9);
    t = thread_seconds();
    sink += dot_bf16(n);
    printf("bfloat16 dot   (vdpbf16ps zmm):   %6.1f GFLOP/s\n", n * CHAINS * 64.0 / (thread_seconds() - t) / 1e9);
    t = thread_seconds();
    sink += fma_ph(n);
    printf("float16 FMA    (vfmadd231ph zmm): %6.1f GFLOP/s\n", n * CHAINS * 64.0 / (thread_seconds() - t) / 1e9);
    return sink == 12345 ? 1 : 0;
}
