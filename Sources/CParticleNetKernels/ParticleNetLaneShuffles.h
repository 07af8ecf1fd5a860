// Register shuffles shared by the fused per-edge kernels (float32 and float16): a 16 x 16
// float transpose and the lane sums of eight vectors. Include after <immintrin.h>.
#ifndef JETNET_PARTICLENET_LANE_SHUFFLES_H
#define JETNET_PARTICLENET_LANE_SHUFFLES_H

#define LANE_SHUFFLES_TARGET __attribute__((target("avx512f")))

// The sums of eight vectors' lanes, as one 8-lane vector in the vectors' order.
LANE_SHUFFLES_TARGET static inline __m256 sum_lanes8(const __m512 v[8]) {
    // Halves: t_p holds (v_2p lo + v_2p hi) in its low 256 bits, v_2p+1's in the high ones.
    __m512 t[4];
    for (int p = 0; p < 4; p++)
        t[p] = _mm512_add_ps(
            _mm512_shuffle_f32x4(v[2 * p], v[2 * p + 1], 0x44), _mm512_shuffle_f32x4(v[2 * p], v[2 * p + 1], 0xEE));
    // Quarters: u_q's 128-bit lanes hold 4 partial sums of v_4q, v_4q+1, v_4q+2, v_4q+3.
    __m512 u[2];
    for (int q = 0; q < 2; q++)
        u[q] = _mm512_add_ps(
            _mm512_shuffle_f32x4(t[2 * q], t[2 * q + 1], 0x88), _mm512_shuffle_f32x4(t[2 * q], t[2 * q + 1], 0xDD));
    // 128-bit lane l: [u0 pair sums of v_l, u1 pair sums of v_4+l], then the full sums.
    __m512 x = _mm512_add_ps(_mm512_shuffle_ps(u[0], u[1], 0x44), _mm512_shuffle_ps(u[0], u[1], 0xEE));
    __m512 y = _mm512_add_ps(_mm512_shuffle_ps(x, x, 0x88), _mm512_shuffle_ps(x, x, 0xDD));
    // y's lane l holds sum(v_l) at element 4l and sum(v_4+l) at element 4l + 1.
    const __m512i order = _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 0, 0, 0, 0, 0, 0, 0, 0);
    return _mm512_castps512_ps256(_mm512_permutexvar_ps(order, y));
}

// Transposes the 16 x 16 floats r[slot][channel] into r[channel][slot].
LANE_SHUFFLES_TARGET static inline void transpose16(__m512 r[16]) {
    __m512 a[16], b[16];
    for (int i = 0; i < 8; i++) {
        a[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        a[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    // b[4i + j]'s 128-bit lane q: element 4q + j of rows 4i ..< 4i + 4.
    for (int i = 0; i < 4; i++) {
        b[4 * i] = _mm512_shuffle_ps(a[4 * i], a[4 * i + 2], 0x44);
        b[4 * i + 1] = _mm512_shuffle_ps(a[4 * i], a[4 * i + 2], 0xEE);
        b[4 * i + 2] = _mm512_shuffle_ps(a[4 * i + 1], a[4 * i + 3], 0x44);
        b[4 * i + 3] = _mm512_shuffle_ps(a[4 * i + 1], a[4 * i + 3], 0xEE);
    }
    for (int j = 0; j < 4; j++) {
        __m512 low0 = _mm512_shuffle_f32x4(b[j], b[4 + j], 0x44), low1 = _mm512_shuffle_f32x4(b[8 + j], b[12 + j], 0x44);
        __m512 high0 = _mm512_shuffle_f32x4(b[j], b[4 + j], 0xEE), high1 = _mm512_shuffle_f32x4(b[8 + j], b[12 + j], 0xEE);
        r[j] = _mm512_shuffle_f32x4(low0, low1, 0x88);
        r[4 + j] = _mm512_shuffle_f32x4(low0, low1, 0xDD);
        r[8 + j] = _mm512_shuffle_f32x4(high0, high1, 0x88);
        r[12 + j] = _mm512_shuffle_f32x4(high0, high1, 0xDD);
    }
}

#endif
