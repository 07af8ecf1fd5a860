#include "MetricKernels.h"

// FPD's count product S = C . P in integers: the counts are exact bytes, each column of P is
// rounded to a fixed point of JETNET_FPD_SLICE_BITS bits below a power of two that bounds the
// column, and the fixed-point values are split into JETNET_FPD_SLICES signed bytes (base 256,
// digits in [-128, 127]). AVX512-VNNI's vpdpbusd multiplies 4 unsigned count bytes by 4 signed
// slice bytes and adds them into one int32 lane: 64 products per instruction, exactly.
//
// The reduction runs over rows, so both operands hold four consecutive rows per 32-bit lane:
// the counts as [quads][lanes][4] (lanes: the draws, padded to a multiple of 16), the slices as
// [virtual columns][rows] (column c's slice j is virtual column c * SLICES + j), so that four rows
// of one virtual column are one broadcast 32-bit word. Accumulators are [virtual columns][lanes].
//
// Exactness: a slice's accumulator is a sum over rows of count x digit, at most 128 times the
// draw's size in magnitude; below 2^31 for draws up to JETNET_FPD_SLICE_LARGEST_DRAW.

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#pragma clang diagnostic ignored "-Wpsabi"

int jetnet_fpd_slices_supported(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vnni");
}

#define VNNI __attribute__((target("avx512f,avx512bw,avx512vnni")))

// The fixed-point values of 16 products p (rows), rounded to nearest (ties to even), split into
// the slices' bytes at `out`, `stride` bytes from one slice to the next. With 0x808080 added, the
// low three bytes of q are its digits plus 128 and the top byte its top digit (q stays within
// 2^30, the top digit within 65), so flipping the low bytes' top bits leaves q's four signed
// digits as its four bytes; they are then grouped slice by slice.
VNNI static inline void store_slices(__m512d low, __m512d high, __m512d scale, signed char *out, long stride) {
    __m256i q0 = _mm512_cvt_roundpd_epi32(_mm512_mul_pd(low, scale), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256i q1 = _mm512_cvt_roundpd_epi32(_mm512_mul_pd(high, scale), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512i q = _mm512_inserti64x4(_mm512_castsi256_si512(q0), q1, 1);
    const __m512i carries = _mm512_set1_epi32(0x808080);
    __m512i digits = _mm512_xor_si512(_mm512_add_epi32(q, carries), carries);
    // Per 128-bit lane (four rows): dword j = digit j of the four rows; then lane by lane per digit.
    digits = _mm512_shuffle_epi8(digits, _mm512_set4_epi32(0x0f0b0703, 0x0e0a0602, 0x0d090501, 0x0c080400));
    digits = _mm512_permutexvar_epi32(_mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15), digits);
    _mm_storeu_si128((__m128i *)out, _mm512_castsi512_si128(digits));
    _mm_storeu_si128((__m128i *)(out + stride), _mm512_extracti32x4_epi32(digits, 1));
    _mm_storeu_si128((__m128i *)(out + 2 * stride), _mm512_extracti32x4_epi32(digits, 2));
    _mm_storeu_si128((__m128i *)(out + 3 * stride), _mm512_extracti32x4_epi32(digits, 3));
}

VNNI void jetnet_fpd_product_slices(const double *columns, long features, long count, const double *scales,
                                    signed char *out) {
    const long stride = count;  // from one virtual column to the next
    long c = 0;
    for (long a = 0; a < features; a++) {
        const double *first = columns + a * count;
        for (long b = a; b < features; b++, c++) {
            const double *second = columns + b * count;
            __m512d scale = _mm512_set1_pd(scales[c]);
            signed char *to = out + c * JETNET_FPD_SLICES * stride;
            for (long i = 0; i < count; i += 16) {
                __m512d low = _mm512_mul_pd(_mm512_loadu_pd(first + i), _mm512_loadu_pd(second + i));
                __m512d high = _mm512_mul_pd(_mm512_loadu_pd(first + i + 8), _mm512_loadu_pd(second + i + 8));
                store_slices(low, high, scale, to + i, stride);
            }
        }
    }
    for (long a = 0; a < features; a++, c++) {
        const double *first = columns + a * count;
        __m512d scale = _mm512_set1_pd(scales[c]);
        signed char *to = out + c * JETNET_FPD_SLICES * stride;
        for (long i = 0; i < count; i += 16)
            store_slices(_mm512_loadu_pd(first + i), _mm512_loadu_pd(first + i + 8), scale, to + i, stride);
    }
}

// acc[v][lanes] += sum over quads of packed[quad][lanes] . slices[v][quad] for MR 16-lane groups
// of draws and NR virtual columns, all accumulators in registers.
#define UNROLLED _Pragma("clang loop unroll(full)")
#define SLICE_TILE(MR, NR)                                                                                                            \
    VNNI static void slice_tile_##MR##_##NR(const unsigned char *packed, long lanes, const signed char *slices,                       \
                                            long stride, long quads, int *acc) {                                                      \
        __m512i sum[NR][MR];                                                                                                          \
        UNROLLED for (int r = 0; r < NR; r++)                                                               \
            UNROLLED for (int m = 0; m < MR; m++) sum[r][m] = _mm512_loadu_si512(acc + r * lanes + 16 * m); \
        for (long q = 0; q < quads; q++) {                                                                                            \
            const unsigned char *counts = packed + q * lanes * 4;                                                                     \
            __m512i c[MR];                                                                                                            \
            UNROLLED for (int m = 0; m < MR; m++) c[m] = _mm512_loadu_si512(counts + 64 * m);               \
            UNROLLED for (int r = 0; r < NR; r++) {                                                         \
                int word;                                                                                                             \
                __builtin_memcpy(&word, slices + r * stride + 4 * q, 4);                                                              \
                __m512i p = _mm512_set1_epi32(word);                                                                                  \
                UNROLLED for (int m = 0; m < MR; m++) sum[r][m] = _mm512_dpbusd_epi32(sum[r][m], c[m], p);  \
            }                                                                                                                         \
        }                                                                                                                             \
        UNROLLED for (int r = 0; r < NR; r++)                                                               \
            UNROLLED for (int m = 0; m < MR; m++) _mm512_storeu_si512(acc + r * lanes + 16 * m, sum[r][m]); \
    }

SLICE_TILE(2, 12)
SLICE_TILE(1, 12)
SLICE_TILE(1, 1)

VNNI void jetnet_fpd_slice_products(const unsigned char *packed, long lanes, const signed char *slices, long columns,
                                    long count, int *acc) {
    const long quads = count / 4, groups = lanes / 16;
    long v = 0;
    for (; v + 12 <= columns; v += 12) {
        long g = 0;
        for (; g + 2 <= groups; g += 2)
            slice_tile_2_12(packed + 64 * g, lanes, slices + v * count, count, quads, acc + v * lanes + 16 * g);
        if (g < groups) slice_tile_1_12(packed + 64 * g, lanes, slices + v * count, count, quads, acc + v * lanes + 16 * g);
    }
    for (; v < columns; v++)
        for (long g = 0; g < groups; g++)
            slice_tile_1_1(packed + 64 * g, lanes, slices + v * count, count, quads, acc + v * lanes + 16 * g);
}

#else

int jetnet_fpd_slices_supported(void) { return 0; }

void jetnet_fpd_product_slices(const double *columns, long features, long count, const double *scales,
                               signed char *out) {
    (void)columns, (void)features, (void)count, (void)scales, (void)out;
    __builtin_trap();
}

void jetnet_fpd_slice_products(const unsigned char *packed, long lanes, const signed char *slices, long columns,
                               long count, int *acc) {
    (void)packed, (void)lanes, (void)slices, (void)columns, (void)count, (void)acc;
    __builtin_trap();
}

#endif

void jetnet_fpd_pack_counts(const unsigned char *counts, long stride, long draws, int bits, long count, long padded,
                            long lanes, unsigned char *out) {
    for (long draw = 0; draw < lanes; draw++) {
        const unsigned char *from = counts + (bits == 4 ? draw / 2 : draw) * stride;
        const int shift = bits == 4 ? 4 * (int)(draw % 2) : 0;
        const unsigned mask = bits == 4 ? 0x0f0f0f0fu : 0xffffffffu;
        for (long i = 0; i < padded; i += 4) {
            unsigned word = 0;
            if (draw < draws && i + 4 <= count) {
                __builtin_memcpy(&word, from + i, 4);
            } else if (draw < draws) {
                for (long r = 0; i + r < count; r++) word |= (unsigned)from[i + r] << (8 * r);
            }
            word = (word >> shift) & mask;
            __builtin_memcpy(out + (i / 4 * lanes + draw) * 4, &word, 4);
        }
    }
}

void jetnet_fpd_slice_totals(const int *acc, long lanes, long draws, long width, long long *totals) {
    for (long c = 0; c < width; c++) {
        const int *slices = acc + c * JETNET_FPD_SLICES * lanes;
        for (long draw = 0; draw < draws; draw++) {
            long long total = 0;
            for (int j = JETNET_FPD_SLICES - 1; j >= 0; j--) total = total * 256 + slices[j * lanes + draw];
            totals[draw * width + c] += total;
        }
    }
}
