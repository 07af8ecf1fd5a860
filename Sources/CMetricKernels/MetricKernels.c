#include "MetricKernels.h"
#include "TargetClones.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

// No fused multiply-adds: the AVX2 and AVX-512 versions would otherwise round differently
// from the baseline one.
#pragma clang fp contract(off)
// The vectors below are lanes of independent values; no floating-point sum is reordered.

typedef float f8 __attribute__((vector_size(32)));
typedef int32_t i8 __attribute__((vector_size(32)));
typedef uint32_t u8 __attribute__((vector_size(32)));
typedef double d8 __attribute__((vector_size(64)));

// Constants rounded to float from long double literals, as Swift rounds float literals on x86
// (through Float80), so that W1M's masses stay those of its fingerprint tests.
#define F(x) ((float)(x##L))

static inline __attribute__((always_inline)) f8 splat(float x) { return (f8){x, x, x, x, x, x, x, x}; }
static inline __attribute__((always_inline)) u8 bits(f8 x) { u8 r; memcpy(&r, &x, sizeof r); return r; }
static inline __attribute__((always_inline)) f8 floats(u8 x) { f8 r; memcpy(&r, &x, sizeof r); return r; }
static inline __attribute__((always_inline)) f8 magnitude(f8 x) { return floats(bits(x) & 0x7FFFFFFFu); }
static inline __attribute__((always_inline)) f8 select(i8 mask, f8 yes, f8 no) {
    return floats((bits(yes) & (u8)mask) | (bits(no) & ~(u8)mask));
}

static const float rounding_magic = 12582912.0f;
static const uint32_t rounding_magic_bits = 0x4B400000u;

/// Cephes' expf for |x| <= 80 (2^n stays a normal float), rounding by adding and subtracting
/// 1.5 * 2^23 (no roundps in baseline x86-64).
static inline __attribute__((always_inline)) f8 vexp(f8 x) {
    f8 shifted = x * F(1.44269504) + rounding_magic;
    f8 n = shifted - rounding_magic;
    f8 r = (x - n * F(0.693359375)) + n * F(2.12194440e-4);
    f8 p = F(1.9875691500e-4) * r + F(1.3981999507e-3);
    p = p * r + F(8.3334519073e-3);
    p = p * r + F(4.1665795894e-2);
    p = p * r + F(1.6666665459e-1);
    p = p * r + F(5.0000001201e-1);
    f8 exp_r = p * (r * r) + r + 1.0f;
    u8 exponent = (bits(shifted) - rounding_magic_bits + 127u) << 23;
    return exp_r * floats(exponent);
}

/// Cephes' sinf and cosf for |x| <= 8192 (the three-part Cody-Waite reduction stays exact).
static inline __attribute__((always_inline)) void vsincos(f8 x, f8 *sin_out, f8 *cos_out) {
    f8 shifted = x * F(0.636619772) + rounding_magic;
    f8 n = shifted - rounding_magic;
    u8 quadrant = bits(shifted) & 3u;
    f8 r = ((x - n * F(1.5703125)) - n * F(4.837512969970703125e-4)) - n * F(7.54978995489188216e-8);
    f8 z = r * r;
    f8 sin_r = ((F(-1.9515295891e-4) * z + F(8.3321608736e-3)) * z - F(1.6666654611e-1)) * z * r + r;
    f8 cos_r = ((F(2.443315711809948e-5) * z - F(1.388731625493765e-3)) * z + F(4.166664568298827e-2)) * (z * z)
        - F(0.5) * z + 1.0f;
    i8 odd = (i8)((quadrant & 1u) != 0);
    f8 sin_value = select(odd, cos_r, sin_r);
    f8 cos_value = select(odd, sin_r, cos_r);
    u8 sin_sign = (quadrant & 2u) << 30;
    u8 cos_sign = ((quadrant + 1u) & 2u) << 30;
    *sin_out = floats(bits(sin_value) ^ sin_sign);
    *cos_out = floats(bits(cos_value) ^ cos_sign);
}

/// One particle's float32 (E + pz, E - pz, px, py) with libm, for values outside the vector
/// functions' ranges or not finite.
static void scalar_particle(float eta, float phi, float pt, float m, float *a, float *b, float *px, float *py) {
    if (pt == 0 && m == 0) { *a = 0; *b = 0; *px = 0; *py = 0; return; }
    float e = expf(eta);
    float z = pt * (0.5f * (e - 1 / e));
    float squared = m * fabsf(m) + pt * pt + z * z;
    float energy = sqrtf(0 >= squared ? 0 : squared);  // NaN stays NaN
    *px = pt * cosf(phi);
    *py = pt * sinf(phi);
    *a = energy + z;
    *b = energy - z;
}

typedef float f4 __attribute__((vector_size(16)));

static inline __attribute__((always_inline)) f8 load8(const float *p0, const float *p1) {
    f4 a, b;
    memcpy(&a, p0, sizeof a);
    memcpy(&b, p1, sizeof b);
    return __builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7);
}

/// Particles 4g..4g+3 of two jets (lanes 0-3 and 4-7); zeros past a jet's last particle.
static inline __attribute__((always_inline)) void load_group(
    const float *j0, const float *j1, long g, long particles, long width, f8 *eta, f8 *phi, f8 *pt, f8 *m) {
    const float *p0 = j0 + 4 * g * width, *p1 = j1 + 4 * g * width;
    if (4 * g + 4 <= particles && width == 3) {
        // Rows [eta, phi, pt]: three loads per jet, lanes picked by shuffles.
        f8 a = load8(p0, p1), b = load8(p0 + 4, p1 + 4), c = load8(p0 + 8, p1 + 8);
        f8 t;
        t = __builtin_shufflevector(a, b, 0, 3, 10, -1, 4, 7, 14, -1);
        *eta = __builtin_shufflevector(t, c, 0, 1, 2, 9, 4, 5, 6, 13);
        t = __builtin_shufflevector(a, b, 1, 8, 11, -1, 5, 12, 15, -1);
        *phi = __builtin_shufflevector(t, c, 0, 1, 2, 10, 4, 5, 6, 14);
        t = __builtin_shufflevector(a, b, 2, 9, -1, -1, 6, 13, -1, -1);
        *pt = __builtin_shufflevector(t, c, 0, 1, 8, 11, 4, 5, 12, 15);
        *m = splat(0);
        return;
    }
    if (4 * g + 4 <= particles && width == 4) {
        // Rows [eta, phi, pt, mass]: a 4 x 4 transpose per jet.
        f8 a = load8(p0, p1), b = load8(p0 + 4, p1 + 4), c = load8(p0 + 8, p1 + 8), d = load8(p0 + 12, p1 + 12);
        f8 ab_lo = __builtin_shufflevector(a, b, 0, 8, 1, 9, 4, 12, 5, 13);   // a0 b0 a1 b1
        f8 ab_hi = __builtin_shufflevector(a, b, 2, 10, 3, 11, 6, 14, 7, 15); // a2 b2 a3 b3
        f8 cd_lo = __builtin_shufflevector(c, d, 0, 8, 1, 9, 4, 12, 5, 13);
        f8 cd_hi = __builtin_shufflevector(c, d, 2, 10, 3, 11, 6, 14, 7, 15);
        *eta = __builtin_shufflevector(ab_lo, cd_lo, 0, 1, 8, 9, 4, 5, 12, 13);
        *phi = __builtin_shufflevector(ab_lo, cd_lo, 2, 3, 10, 11, 6, 7, 14, 15);
        *pt = __builtin_shufflevector(ab_hi, cd_hi, 0, 1, 8, 9, 4, 5, 12, 13);
        *m = __builtin_shufflevector(ab_hi, cd_hi, 2, 3, 10, 11, 6, 7, 14, 15);
        return;
    }
    for (int lane = 0; lane < 8; lane++) {
        long particle = 4 * g + (lane & 3);
        const float *row = (lane < 4 ? j0 : j1) + particle * width;
        int inside = particle < particles;
        (*eta)[lane] = inside ? row[0] : 0;
        (*phi)[lane] = inside ? row[1] : 0;
        (*pt)[lane] = inside ? row[2] : 0;
        (*m)[lane] = inside && width >= 4 ? row[3] : 0;
    }
}

/// Two jets at a time: jet `j0` in lanes 0-3 and `j1` in lanes 4-7, each lane summing the
/// particles 4g + lane of its jet. Sums kept: a = E + pz, b = E - pz (E^2 - pz^2 = a b), px, py;
/// a massless group of four takes a = pt e^eta, b = pt e^-eta (no square root), otherwise
/// E = sqrt(m|m| + pt^2 + pz^2) as jetnet. Vectorising across jets, not particles, keeps each
/// jet's order of additions whatever the vector width.
static inline __attribute__((always_inline)) bool jet_pair(
    const float *j0, const float *j1, long particles, long width, double *m0, double *m1) {
    d8 sa = {0}, sb = {0}, spx = {0}, spy = {0};
    bool finite = true;
    long groups = (particles + 3) / 4;
    for (long g = 0; g < groups; g++) {
        f8 eta, phi, pt, m;
        load_group(j0, j1, g, particles, width, &eta, &phi, &pt, &m);
        // pt in [0, max]: NaN and negative pt take the scalar path, which flags them.
        i8 ok = (magnitude(eta) <= 80.0f) & (magnitude(phi) <= 8192.0f) & (pt >= 0.0f) & (pt <= __FLT_MAX__)
            & (magnitude(m) <= __FLT_MAX__);
        i8 massless = m == 0.0f;
        f8 s, c;
        vsincos(phi, &s, &c);
        f8 e = vexp(eta);
        f8 a = pt * e, b = pt / e, px = pt * c, py = pt * s;
        int half_massive[2], half_ok[2];
        for (int h = 0; h < 2; h++) {
            half_ok[h] = ok[4 * h] && ok[4 * h + 1] && ok[4 * h + 2] && ok[4 * h + 3];
            half_massive[h] = !(massless[4 * h] && massless[4 * h + 1] && massless[4 * h + 2] && massless[4 * h + 3]);
        }
        if (half_massive[0] || half_massive[1]) {
            f8 z = pt * (F(0.5) * (e - 1.0f / e));
            f8 squared = m * magnitude(m) + pt * pt + z * z;
            f8 energy = __builtin_elementwise_sqrt(select(squared < 0.0f, splat(0), squared));
            i8 use = {half_massive[0] ? -1 : 0, half_massive[0] ? -1 : 0, half_massive[0] ? -1 : 0, half_massive[0] ? -1 : 0,
                      half_massive[1] ? -1 : 0, half_massive[1] ? -1 : 0, half_massive[1] ? -1 : 0, half_massive[1] ? -1 : 0};
            a = select(use, energy + z, a);
            b = select(use, energy - z, b);
        }
        for (int h = 0; h < 2; h++) {
            if (half_ok[h]) continue;
            for (int lane = 4 * h; lane < 4 * h + 4; lane++) {
                float la, lb, lx, ly;
                scalar_particle(eta[lane], phi[lane], pt[lane], m[lane], &la, &lb, &lx, &ly);
                a[lane] = la; b[lane] = lb; px[lane] = lx; py[lane] = ly;
                // (Also a zero-padded particle's eta and phi, which add nothing, must be finite.)
                if ((eta[lane] + phi[lane] + pt[lane] + m[lane]) * 0 != 0 || pt[lane] < 0) finite = false;
            }
        }
        sa += __builtin_convertvector(a, d8);
        sb += __builtin_convertvector(b, d8);
        spx += __builtin_convertvector(px, d8);
        spy += __builtin_convertvector(py, d8);
    }
    double *out[2] = {m0, m1};
    for (int h = 0; h < 2; h++) {
        int l = 4 * h;
        // Lane by lane from -0 (as Swift's SIMD sum(), which the fingerprint tests fix).
        double sum_a = ((((-0.0 + sa[l]) + sa[l + 1]) + sa[l + 2]) + sa[l + 3]);
        double sum_b = ((((-0.0 + sb[l]) + sb[l + 1]) + sb[l + 2]) + sb[l + 3]);
        double x = ((((-0.0 + spx[l]) + spx[l + 1]) + spx[l + 2]) + spx[l + 3]);
        double y = ((((-0.0 + spy[l]) + spy[l + 1]) + spy[l + 2]) + spy[l + 3]);
        double squared = sum_a * sum_b - x * x - y * y;
        *out[h] = copysign(sqrt(fabs(squared)), squared);
    }
    return finite;
}

JETNET_CLONES
bool jetnet_w1_jet_masses(const float *jets, long particles, long width, long first, long end, double *masses) {
    bool finite = true;
    long stride = particles * width;
    long jet = first;
    // One loop per row layout, so that each inlines its loads.
    if (width == 3) {
        for (; jet + 2 <= end; jet += 2)
            finite &= jet_pair(jets + jet * stride, jets + (jet + 1) * stride, particles, 3, masses + jet, masses + jet + 1);
    } else if (width == 4) {
        for (; jet + 2 <= end; jet += 2)
            finite &= jet_pair(jets + jet * stride, jets + (jet + 1) * stride, particles, 4, masses + jet, masses + jet + 1);
    } else {
        for (; jet + 2 <= end; jet += 2)
            finite &= jet_pair(jets + jet * stride, jets + (jet + 1) * stride, particles, width, masses + jet, masses + jet + 1);
    }
    if (jet < end) {
        double unused;
        finite &= jet_pair(jets + jet * stride, jets + jet * stride, particles, width, masses + jet, &unused);
    }
    return finite;
}

JETNET_CLONES
double jetnet_kpd_weighted_fourth_power_sum(const double *kernel, const double *weights, long first, long end) {
    d8 partial = {0};
    long c = first;
    for (; c + 8 <= end; c += 8) {
        d8 k, w;
        memcpy(&k, kernel + c, sizeof k);
        memcpy(&w, weights + c, sizeof w);
        d8 k2 = k * k;
        partial += w * (k2 * k2);
    }
    // Lane by lane from -0 (as Swift's SIMD sum()).
    double sum = -0.0;
    for (int lane = 0; lane < 8; lane++) sum += partial[lane];
    for (; c < end; c++) {
        double k = kernel[c], k2 = k * k;
        sum += weights[c] * (k2 * k2);
    }
    return sum;
}

static inline __attribute__((always_inline)) void exp_sincos_block(
    const float *x, long start, long count, float *exp_out, float *sin_out, float *cos_out) {
    f8 v = splat(0);
    for (long lane = 0; lane < 8 && start + lane < count; lane++) v[lane] = x[start + lane];
    f8 s, c, e = vexp(v);
    vsincos(v, &s, &c);
    for (long lane = 0; lane < 8 && start + lane < count; lane++) {
        exp_out[start + lane] = e[lane];
        sin_out[start + lane] = s[lane];
        cos_out[start + lane] = c[lane];
    }
}

JETNET_CLONES
void jetnet_w1_vector_exp_sincos(const float *x, long count, float *exp_out, float *sin_out, float *cos_out) {
    for (long start = 0; start < count; start += 8) exp_sincos_block(x, start, count, exp_out, sin_out, cos_out);
}
