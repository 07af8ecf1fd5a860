#include "MetricKernels.h"

// FPD's count product S = C . P in integers: the counts are exact bytes, each column of P is
// rounded to a fixed point of JETNET_FPD_SLICE_BITS bits below a power of two that bounds the
// column, and the fixed-point values are split into JETNET_FPD_SLICES signed bytes (base 256,
// digits in [-128, 127]). AVX512-VNNI's vpdpbusd multiplies 4 unsigned count bytes by 4 signed
// slice bytes and adds them into one int32 lane: 64 products per instruction, exactly.
//
// The reduction runs over rows, so both operands hold four consecutive rows per 32-bit lane:
// the counts as [quads][lanes][4] (lanes: the draws, padded to a multiple of 16), the slices as
// [columns][slices][rows], so that four rows of one slice of a column are one broadcast 32-bit
// word. A tile's int32 sums cover one chunk of rows (at most 255 x 128 x 65536 < 2^31 in
// magnitude) and are then combined into int64 totals, [columns][lanes].

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

// One column of P, x y (or x alone when y is null), as slices at `to`.
VNNI static inline void slice_column(const double *x, const double *y, double scale, long count, signed char *to) {
    const __m512d factor = _mm512_set1_pd(scale);
    for (long i = 0; i < count; i += 16) {
        __m512d low = _mm512_loadu_pd(x + i), high = _mm512_loadu_pd(x + i + 8);
        if (y) low = _mm512_mul_pd(low, _mm512_loadu_pd(y + i)), high = _mm512_mul_pd(high, _mm512_loadu_pd(y + i + 8));
        store_slices(low, high, factor, to + i, count);
    }
}

VNNI void jetnet_fpd_product_slices(const double *columns, long features, long count, const double *scales,
                                    long first, long end, signed char *out) {
    long c = 0;  // the column of P: the pairs a <= b in order, then the features
    for (long a = 0; a < features; a++)
        for (long b = a; b < features; b++, c++)
            if (c >= first && c < end)
                slice_column(columns + a * count, columns + b * count, scales[c], count,
                             out + (c - first) * JETNET_FPD_SLICES * count);
    for (long a = 0; a < features; a++, c++)
        if (c >= first && c < end)
            slice_column(columns + a * count, 0, scales[c], count, out + (c - first) * JETNET_FPD_SLICES * count);
}

#define UNROLLED _Pragma("clang loop unroll(full)")

// totals[c][lanes] += sum over quads of packed[quad][lanes] . slices[c][j][quad] 256^j for MR
// 16-lane groups of draws and NC columns (each of JETNET_FPD_SLICES slices): the int32 sums of
// one chunk stay in registers, then their slices are combined into the int64 totals.
#define SLICE_TILE(MR, NC)                                                                               \
    VNNI static void slice_tile_##MR##_##NC(const unsigned char *packed, long lanes, const signed char *slices, \
                                            long stride, long quads, long long *totals) {                \
        enum { NR = NC * JETNET_FPD_SLICES };                                                            \
        __m512i sum[NR][MR];                                                                             \
        UNROLLED for (int r = 0; r < NR; r++)                                                            \
            UNROLLED for (int m = 0; m < MR; m++) sum[r][m] = _mm512_setzero_si512();                    \
        for (long q = 0; q < quads; q++) {                                                               \
            const unsigned char *counts = packed + q * lanes * 4;                                        \
            __m512i c[MR];                                                                               \
            UNROLLED for (int m = 0; m < MR; m++) c[m] = _mm512_loadu_si512(counts + 64 * m);            \
            UNROLLED for (int r = 0; r < NR; r++) {                                                      \
                int word;                                                                                \
                __builtin_memcpy(&word, slices + r * stride + 4 * q, 4);                                 \
                __m512i p = _mm512_set1_epi32(word);                                                     \
                UNROLLED for (int m = 0; m < MR; m++) sum[r][m] = _mm512_dpbusd_epi32(sum[r][m], c[m], p); \
            }                                                                                            \
        }                                                                                                \
        int sums[NR * MR * 16];                                                                          \
        UNROLLED for (int r = 0; r < NR; r++)                                                            \
            UNROLLED for (int m = 0; m < MR; m++) _mm512_storeu_si512(sums + (r * MR + m) * 16, sum[r][m]); \
        add_slices_##MR##_##NC(sums, lanes, totals);                                                     \
    }

// totals[k][lanes][16 m ..< 16 m + 16] += sum over j of sums[k][j][m][0 ..< 16] 256^j, in int64,
// for the `columns` columns and `groups` lane groups of a tile (each tile gets its own copy, not
// inlined, so that the tile's loop keeps its accumulators in registers).
#define ADD_SLICES(MR, NC)                                                                               \
    __attribute__((noinline)) VNNI static void add_slices_##MR##_##NC(const int *sums, long lanes, long long *totals) { \
        UNROLLED for (int k = 0; k < NC; k++)                                                            \
            UNROLLED for (int m = 0; m < MR; m++)                                                        \
                UNROLLED for (int half = 0; half < 2; half++) {                                          \
                    __m512i total = _mm512_setzero_si512();                                              \
                    UNROLLED for (int j = JETNET_FPD_SLICES - 1; j >= 0; j--) {                          \
                        const int *from = sums + ((k * JETNET_FPD_SLICES + j) * MR + m) * 16 + 8 * half;  \
                        total = _mm512_add_epi64(_mm512_slli_epi64(total, 8),                            \
                                                 _mm512_cvtepi32_epi64(_mm256_loadu_si256((const __m256i *)from))); \
                    }                                                                                    \
                    long long *to = totals + k * lanes + 16 * m + 8 * half;                              \
                    _mm512_storeu_si512(to, _mm512_add_epi64(_mm512_loadu_si512(to), total));            \
                }                                                                                        \
    }

ADD_SLICES(2, 3)
ADD_SLICES(1, 3)
ADD_SLICES(1, 1)

SLICE_TILE(2, 3)
SLICE_TILE(1, 3)
SLICE_TILE(1, 1)

VNNI void jetnet_fpd_slice_products(const unsigned char *packed, long lanes, const signed char *slices, long width,
                                    long count, long long *totals) {
    const long quads = count / 4, groups = lanes / 16, stride = JETNET_FPD_SLICES * count;
    long c = 0;
    for (; c + 3 <= width; c += 3) {
        long g = 0;
        for (; g + 2 <= groups; g += 2) slice_tile_2_3(packed + 64 * g, lanes, slices + c * stride, count, quads, totals + c * lanes + 16 * g);
        if (g < groups) slice_tile_1_3(packed + 64 * g, lanes, slices + c * stride, count, quads, totals + c * lanes + 16 * g);
    }
    for (; c < width; c++)
        for (long g = 0; g < groups; g++)
            slice_tile_1_1(packed + 64 * g, lanes, slices + c * stride, count, quads, totals + c * lanes + 16 * g);
}

#else

int jetnet_fpd_slices_supported(void) { return 0; }

void jetnet_fpd_product_slices(const double *columns, long features, long count, const double *scales,
                               long first, long end, signed char *out) {
    (void)columns, (void)features, (void)count, (void)scales, (void)first, (void)end, (void)out;
    __builtin_trap();
}

void jetnet_fpd_slice_products(const unsigned char *packed, long lanes, const signed char *slices, long width,
                               long count, long long *totals) {
    (void)packed, (void)lanes, (void)slices, (void)width, (void)count, (void)totals;
    __builtin_trap();
}

#endif

void jetnet_fpd_pack_counts(const unsigned char *counts, long stride, long draws, int bits, long count, long padded,
                            long lanes, unsigned char *out) {
    // Quads outer: the output is written in order, and the draws' rows read at one offset share
    // a few cache lines that the next 15 quads reuse.
    const unsigned mask = bits == 4 ? 0x0f0f0f0fu : 0xffffffffu;
    for (long i = 0; i < padded; i += 4) {
        unsigned char *to = out + i * lanes;
        long draw = 0;
        if (i + 4 <= count) {
            for (; draw < draws; draw++) {
                unsigned word;
                __builtin_memcpy(&word, counts + (bits == 4 ? draw / 2 : draw) * stride + i, 4);
                word = (word >> (bits == 4 ? 4 * (draw % 2) : 0)) & mask;
                __builtin_memcpy(to + 4 * draw, &word, 4);
            }
        } else {
            for (; draw < draws; draw++) {
                const unsigned char *from = counts + (bits == 4 ? draw / 2 : draw) * stride;
                unsigned word = 0;
                for (long r = 0; i + r < count; r++) word |= (unsigned)from[i + r] << (8 * r);
                word = (word >> (bits == 4 ? 4 * (draw % 2) : 0)) & mask;
                __builtin_memcpy(to + 4 * draw, &word, 4);
            }
        }
        for (; draw < lanes; draw++) __builtin_memset(to + 4 * draw, 0, 4);
    }
}
