#include "MetricKernels.h"
#include "TargetClones.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

// No fused multiply-adds: the AVX2 and AVX-512 versions would otherwise round differently
// from the baseline one.
#pragma clang fp contract(off)
// The vectors below are lanes of independent values; no floating-point sum is reordered.

typedef float vf __attribute__((vector_size(64)));
typedef int32_t vi __attribute__((vector_size(64)));
typedef uint32_t vu __attribute__((vector_size(64)));
typedef float f4 __attribute__((vector_size(16)));
typedef double d8 __attribute__((vector_size(64)));

// Constants rounded to float from long double literals, as Swift rounds float literals on x86
// (through Float80), so that W1M's masses stay those of its fingerprint tests.
#define F(x) ((float)(x##L))

static inline __attribute__((always_inline)) vf splat(float x) { return (vf){x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x}; }
static inline __attribute__((always_inline)) vu bits(vf x) { vu r; memcpy(&r, &x, sizeof r); return r; }
static inline __attribute__((always_inline)) vf floats(vu x) { vf r; memcpy(&r, &x, sizeof r); return r; }
static inline __attribute__((always_inline)) vf magnitude(vf x) { return floats(bits(x) & 0x7FFFFFFFu); }
static inline __attribute__((always_inline)) vf select(vi mask, vf yes, vf no) {
    return floats((bits(yes) & (vu)mask) | (bits(no) & ~(vu)mask));
}

static const float rounding_magic = 12582912.0f;
static const uint32_t rounding_magic_bits = 0x4B400000u;

/// Cephes' expf for |x| <= 80 (2^n stays a normal float), rounding by adding and subtracting
/// 1.5 * 2^23 (no roundps in baseline x86-64).
static inline __attribute__((always_inline)) vf vexp(vf x) {
    vf shifted = x * F(1.44269504) + rounding_magic;
    vf n = shifted - rounding_magic;
    vf r = (x - n * F(0.693359375)) + n * F(2.12194440e-4);
    vf p = F(1.9875691500e-4) * r + F(1.3981999507e-3);
    p = p * r + F(8.3334519073e-3);
    p = p * r + F(4.1665795894e-2);
    p = p * r + F(1.6666665459e-1);
    p = p * r + F(5.0000001201e-1);
    vf exp_r = p * (r * r) + r + 1.0f;
    vu exponent = (bits(shifted) - rounding_magic_bits + 127u) << 23;
    return exp_r * floats(exponent);
}

/// Cephes' sinf and cosf for |x| <= 8192 (the three-part Cody-Waite reduction stays exact).
static inline __attribute__((always_inline)) void vsincos(vf x, vf *sin_out, vf *cos_out) {
    vf shifted = x * F(0.636619772) + rounding_magic;
    vf n = shifted - rounding_magic;
    vu quadrant = bits(shifted) & 3u;
    vf r = ((x - n * F(1.5703125)) - n * F(4.837512969970703125e-4)) - n * F(7.54978995489188216e-8);
    vf z = r * r;
    vf sin_r = ((F(-1.9515295891e-4) * z + F(8.3321608736e-3)) * z - F(1.6666654611e-1)) * z * r + r;
    vf cos_r = ((F(2.443315711809948e-5) * z - F(1.388731625493765e-3)) * z + F(4.166664568298827e-2)) * (z * z)
        - F(0.5) * z + 1.0f;
    vi odd = (vi)((quadrant & 1u) != 0);
    vf sin_value = select(odd, cos_r, sin_r);
    vf cos_value = select(odd, sin_r, cos_r);
    vu sin_sign = (quadrant & 2u) << 30;
    vu cos_sign = ((quadrant + 1u) & 2u) << 30;
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

static inline __attribute__((always_inline)) vf load16(const float *p) { vf r; memcpy(&r, p, sizeof r); return r; }

/// Every lane set where some lane of its group of four (lanes 4q..4q+3) is set.
static inline __attribute__((always_inline)) vi any_in_group(vi x) {
    x |= __builtin_shufflevector(x, x, 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
    return x | __builtin_shufflevector(x, x, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
}

static const vi lane_index = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

/// The rows of 16 consecutive particles, `[eta, phi, pt, (mass), ...]` with `width` floats each;
/// lanes from `count` on are zero. `readable`: all 16 rows may be read (they lie in the array).
static inline __attribute__((always_inline)) void load_block(
    const float *rows, long count, long width, bool readable, vf *eta, vf *phi, vf *pt, vf *m) {
    if (width == 3 || width == 4) {
        float copy[64];
        if (!readable) {
            memset(copy, 0, sizeof copy);
            memcpy(copy, rows, (size_t)(count * width) * sizeof(float));
            rows = copy;
        }
        if (width == 3) {
            // Rows [eta, phi, pt]: three loads, lanes picked by two shuffles per feature.
            vf a = load16(rows), b = load16(rows + 16), c = load16(rows + 32), t;
            t = __builtin_shufflevector(a, b, 0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, -1, -1, -1, -1, -1);
            *eta = __builtin_shufflevector(t, c, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 17, 20, 23, 26, 29);
            t = __builtin_shufflevector(a, b, 1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, -1, -1, -1, -1, -1);
            *phi = __builtin_shufflevector(t, c, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 18, 21, 24, 27, 30);
            t = __builtin_shufflevector(a, b, 2, 5, 8, 11, 14, 17, 20, 23, 26, 29, -1, -1, -1, -1, -1, -1);
            *pt = __builtin_shufflevector(t, c, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 19, 22, 25, 28, 31);
            *m = splat(0);
        } else {
            // Rows [eta, phi, pt, mass]: four loads, three shuffles per feature.
            vf a = load16(rows), b = load16(rows + 16), c = load16(rows + 32), d = load16(rows + 48), s, t;
#define JETNET_COLUMN(k, out)                                                                                    \
            s = __builtin_shufflevector(a, b, k, k + 4, k + 8, k + 12, k + 16, k + 20, k + 24, k + 28,             \
                                        -1, -1, -1, -1, -1, -1, -1, -1);                                           \
            t = __builtin_shufflevector(c, d, k, k + 4, k + 8, k + 12, k + 16, k + 20, k + 24, k + 28,             \
                                        -1, -1, -1, -1, -1, -1, -1, -1);                                           \
            *out = __builtin_shufflevector(s, t, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
            JETNET_COLUMN(0, eta)
            JETNET_COLUMN(1, phi)
            JETNET_COLUMN(2, pt)
            JETNET_COLUMN(3, m)
#undef JETNET_COLUMN
        }
        if (count < 16) {
            vi inside = lane_index < (int32_t)count;
            *eta = select(inside, *eta, splat(0));
            *phi = select(inside, *phi, splat(0));
            *pt = select(inside, *pt, splat(0));
            *m = select(inside, *m, splat(0));
        }
        return;
    }
    *eta = *phi = *pt = *m = splat(0);
    for (long lane = 0; lane < count; lane++) {
        const float *row = rows + lane * width;
        (*eta)[lane] = row[0];
        (*phi)[lane] = row[1];
        (*pt)[lane] = row[2];
        (*m)[lane] = row[3];
    }
}

/// Lanes 4q..4q+3 of `x` then of `y`, as doubles.
static inline __attribute__((always_inline)) d8 group_pair(vf x, vf y, int q) {
    f4 u, v;
    switch (q) {
    case 0: u = __builtin_shufflevector(x, x, 0, 1, 2, 3); v = __builtin_shufflevector(y, y, 0, 1, 2, 3); break;
    case 1: u = __builtin_shufflevector(x, x, 4, 5, 6, 7); v = __builtin_shufflevector(y, y, 4, 5, 6, 7); break;
    case 2: u = __builtin_shufflevector(x, x, 8, 9, 10, 11); v = __builtin_shufflevector(y, y, 8, 9, 10, 11); break;
    default: u = __builtin_shufflevector(x, x, 12, 13, 14, 15); v = __builtin_shufflevector(y, y, 12, 13, 14, 15); break;
    }
    return __builtin_convertvector(__builtin_shufflevector(u, v, 0, 1, 2, 3, 4, 5, 6, 7), d8);
}

/// The signed mass of one jet of `particles` rows. Its particles are taken sixteen at a time,
/// as four groups of four (4g..4g+3); lane l of each sum adds the particles 4g + l in order of g,
/// in double, and the four lanes are added last — the same additions whatever the vector
/// width. Sums kept: a = E + pz, b = E - pz (E^2 - pz^2 = a b), px, py. A massless group takes
/// a = pt e^eta, b = pt e^-eta (no square root), otherwise E = sqrt(m|m| + pt^2 + pz^2) as
/// jetnet. `readable_particles`: how many rows from the jet's first may be read (the rest of the array).
static inline __attribute__((always_inline)) double jet_mass(
    const float *jet, long particles, long width, long readable_particles, bool *finite) {
    d8 ab = {0}, xy = {0};  // lanes 0-3 sum a (px), lanes 4-7 b (py)
    for (long first = 0; first < particles; first += 16) {
        long count = particles - first < 16 ? particles - first : 16;
        vf eta, phi, pt, m;
        load_block(jet + first * width, count, width, first + 16 <= readable_particles, &eta, &phi, &pt, &m);
        // pt in [0, max]: NaN and negative pt take the scalar path, which flags them.
        vi ok = (magnitude(eta) <= 80.0f) & (magnitude(phi) <= 8192.0f) & (pt >= 0.0f) & (pt <= __FLT_MAX__)
            & (magnitude(m) <= __FLT_MAX__);
        vf s, c;
        vsincos(phi, &s, &c);
        vf e = vexp(eta);
        vf a = pt * e, b = pt / e, px = pt * c, py = pt * s;
        if (width >= 4) {
            vi massive = any_in_group(m != 0.0f);
            if (__builtin_reduce_or(massive)) {
                vf z = pt * (F(0.5) * (e - 1.0f / e));
                vf squared = m * magnitude(m) + pt * pt + z * z;
                vf energy = __builtin_elementwise_sqrt(select(squared < 0.0f, splat(0), squared));
                a = select(massive, energy + z, a);
                b = select(massive, energy - z, b);
            }
        }
        if (!__builtin_reduce_and(ok)) {
            vi redo = any_in_group(~ok);
            for (int lane = 0; lane < 16; lane++) {
                if (!redo[lane]) continue;
                float la, lb, lx, ly;
                scalar_particle(eta[lane], phi[lane], pt[lane], m[lane], &la, &lb, &lx, &ly);
                a[lane] = la; b[lane] = lb; px[lane] = lx; py[lane] = ly;
                // (Also a zero-padded particle's eta and phi, which add nothing, must be finite.)
                if ((eta[lane] + phi[lane] + pt[lane] + m[lane]) * 0 != 0 || pt[lane] < 0) *finite = false;
            }
        }
        // Lanes past the last particle hold zeros, which leave the sums as they are.
        for (int q = 0; q < 4; q++) {
            ab += group_pair(a, b, q);
            xy += group_pair(px, py, q);
        }
    }
    // Lane by lane from -0 (as Swift's SIMD sum(), which the fingerprint tests fix).
    double sum_a = ((((-0.0 + ab[0]) + ab[1]) + ab[2]) + ab[3]);
    double sum_b = ((((-0.0 + ab[4]) + ab[5]) + ab[6]) + ab[7]);
    double x = ((((-0.0 + xy[0]) + xy[1]) + xy[2]) + xy[3]);
    double y = ((((-0.0 + xy[4]) + xy[5]) + xy[6]) + xy[7]);
    double squared = sum_a * sum_b - x * x - y * y;
    return copysign(sqrt(fabs(squared)), squared);
}

JETNET_CLONES
bool jetnet_w1_jet_masses(const float *jets, long count, long particles, long width, long first, long end, double *masses) {
    bool finite = true;
    long stride = particles * width;
    // One loop per row layout, so that each inlines its loads.
    for (long jet = first; jet < end; jet++) {
        long readable = (count - jet) * particles;
        if (width == 3) masses[jet] = jet_mass(jets + jet * stride, particles, 3, readable, &finite);
        else if (width == 4) masses[jet] = jet_mass(jets + jet * stride, particles, 4, readable, &finite);
        else masses[jet] = jet_mass(jets + jet * stride, particles, width, readable, &finite);
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
    vf v = splat(0);
    for (long lane = 0; lane < 16 && start + lane < count; lane++) v[lane] = x[start + lane];
    vf s, c, e = vexp(v);
    vsincos(v, &s, &c);
    for (long lane = 0; lane < 16 && start + lane < count; lane++) {
        exp_out[start + lane] = e[lane];
        sin_out[start + lane] = s[lane];
        cos_out[start + lane] = c[lane];
    }
}

JETNET_CLONES
void jetnet_w1_vector_exp_sincos(const float *x, long count, float *exp_out, float *sin_out, float *cos_out) {
    for (long start = 0; start < count; start += 16) exp_sincos_block(x, start, count, exp_out, sin_out, cos_out);
}

// MARK: - W1 bootstrap walk

/// The value at merged position k: a float key in the high half of `packed[k]`, or `values[k]`.
static inline __attribute__((always_inline)) double walk_value(const uint64_t *packed, const double *values, long k) {
    if (!packed) return values[k];
    uint32_t key = (uint32_t)(packed[k] >> 32);
    uint32_t bits_ = key & 0x80000000u ? key & 0x7FFFFFFFu : ~key;
    float x;
    memcpy(&x, &bits_, sizeof x);
    return x;
}

static inline __attribute__((always_inline)) uint32_t walk_tag(const uint64_t *packed, const uint32_t *tags, long k) {
    return packed ? (uint32_t)packed[k] : tags[k];
}

/// The eight draw counts of jet `tag`, as doubles.
static inline __attribute__((always_inline)) d8 walk_counts(const void *counts, int count_bytes, uint32_t tag) {
    typedef uint16_t h8 __attribute__((vector_size(16)));
    typedef uint32_t w8 __attribute__((vector_size(32)));
    if (count_bytes == 2) {
        h8 row;
        memcpy(&row, (const uint16_t *)counts + (size_t)tag * JETNET_W1_LANES, sizeof row);
        return __builtin_convertvector(row, d8);
    }
    w8 row;
    memcpy(&row, (const uint32_t *)counts + (size_t)tag * JETNET_W1_LANES, sizeof row);
    return __builtin_convertvector(row, d8);
}

static inline __attribute__((always_inline)) void count_totals(
    const uint64_t *packed, const uint32_t *tags, long first, long end, uint32_t real_jets, const void *counts,
    int count_bytes, double *real_out, double *gen_out) {
    // Whole numbers below 2^53: any order of additions gives the same sums.
    d8 all[2] = {{0}, {0}}, gen[2] = {{0}, {0}};
    long k = first;
    for (; k + 2 <= end; k += 2) {
        for (int u = 0; u < 2; u++) {
            uint32_t tag = walk_tag(packed, tags, k + u);
            d8 w = walk_counts(counts, count_bytes, tag);
            all[u] += w;
            gen[u] += w * (double)(tag >= real_jets);
        }
    }
    for (; k < end; k++) {
        uint32_t tag = walk_tag(packed, tags, k);
        d8 w = walk_counts(counts, count_bytes, tag);
        all[0] += w;
        gen[0] += w * (double)(tag >= real_jets);
    }
    d8 gen_sum = gen[0] + gen[1], real_sum = (all[0] + all[1]) - gen_sum;
    memcpy(real_out, &real_sum, sizeof real_sum);
    memcpy(gen_out, &gen_sum, sizeof gen_sum);
}

JETNET_CLONES
void jetnet_w1_count_totals(const uint64_t *packed, const double *values, const uint32_t *tags, long first, long end,
                            uint32_t real_jets, const void *counts, int count_bytes, double *real_out, double *gen_out) {
    (void)values;
    // One loop per layout, so that each inlines its loads.
    if (packed && count_bytes == 2) count_totals(packed, NULL, first, end, real_jets, counts, 2, real_out, gen_out);
    else if (packed) count_totals(packed, NULL, first, end, real_jets, counts, 4, real_out, gen_out);
    else if (count_bytes == 2) count_totals(NULL, tags, first, end, real_jets, counts, 2, real_out, gen_out);
    else count_totals(NULL, tags, first, end, real_jets, counts, 4, real_out, gen_out);
}

static inline __attribute__((always_inline)) d8 dabs(d8 x) {
    typedef uint64_t q8 __attribute__((vector_size(64)));
    q8 b;
    memcpy(&b, &x, sizeof b);
    b &= 0x7FFFFFFFFFFFFFFFull;
    memcpy(&x, &b, sizeof x);
    return x;
}

static inline __attribute__((always_inline)) void walk(
    const uint64_t *packed, const double *values, const uint32_t *tags, long first, long end, uint32_t real_jets,
    const void *counts, int count_bytes, const double *real_items, const double *gen_items, const double *real_below,
    const double *gen_below, double *block_sums) {
    d8 n, m, r, g;
    memcpy(&n, real_items, sizeof n);
    memcpy(&m, gen_items, sizeof m);
    memcpy(&r, real_below, sizeof r);
    memcpy(&g, gen_below, sizeof g);
    // D = (U - V) n m = R m - G n, an integer below 2^53 (the caller checks n m), so exact.
    d8 difference = r * m - g * n;
    d8 steps[2] = {m, -n};  // a real item raises D by m per draw, a generated one lowers it by n
    double previous = walk_value(packed, values, first > 0 ? first - 1 : first);
    for (long start = first; start < end; start += JETNET_W1_BLOCK) {
        long stop = start + JETNET_W1_BLOCK < end ? start + JETNET_W1_BLOCK : end;
        // Even and odd positions in two partial sums (then added), so that consecutive terms
        // do not wait for each other; D's updates are exact, so they may be grouped in pairs.
        d8 sums[2] = {{0}, {0}};
        long k = start;
        for (; k + 2 <= stop; k += 2) {
            double x0 = walk_value(packed, values, k), x1 = walk_value(packed, values, k + 1);
            uint32_t t0 = walk_tag(packed, tags, k), t1 = walk_tag(packed, tags, k + 1);
            d8 step0 = walk_counts(counts, count_bytes, t0) * steps[t0 >= real_jets];
            d8 step1 = walk_counts(counts, count_bytes, t1) * steps[t1 >= real_jets];
            sums[0] += dabs(difference) * (x0 - previous);
            sums[1] += dabs(difference + step0) * (x1 - x0);
            difference += step0 + step1;
            previous = x1;
        }
        for (; k < stop; k++) {
            double x = walk_value(packed, values, k);
            uint32_t tag = walk_tag(packed, tags, k);
            sums[0] += dabs(difference) * (x - previous);
            difference += walk_counts(counts, count_bytes, tag) * steps[tag >= real_jets];
            previous = x;
        }
        d8 sum = sums[0] + sums[1];
        memcpy(block_sums + ((start - first) / JETNET_W1_BLOCK) * JETNET_W1_LANES, &sum, sizeof sum);
    }
}

JETNET_CLONES
void jetnet_w1_walk(const uint64_t *packed, const double *values, const uint32_t *tags, long first, long end,
                    uint32_t real_jets, const void *counts, int count_bytes, const double *real_items,
                    const double *gen_items, const double *real_below, const double *gen_below, double *block_sums) {
    if (packed && count_bytes == 2)
        walk(packed, NULL, NULL, first, end, real_jets, counts, 2, real_items, gen_items, real_below, gen_below, block_sums);
    else if (packed)
        walk(packed, NULL, NULL, first, end, real_jets, counts, 4, real_items, gen_items, real_below, gen_below, block_sums);
    else if (count_bytes == 2)
        walk(NULL, values, tags, first, end, real_jets, counts, 2, real_items, gen_items, real_below, gen_below, block_sums);
    else
        walk(NULL, values, tags, first, end, real_jets, counts, 4, real_items, gen_items, real_below, gen_below, block_sums);
}

void jetnet_w1_walk_exact(const uint64_t *packed, const double *values, const uint32_t *tags, long first, long end,
                          uint32_t real_jets, const void *counts, int count_bytes, const double *real_items,
                          const double *gen_items, const double *real_below, const double *gen_below, double *block_sums) {
    int64_t difference[JETNET_W1_LANES], steps[2][JETNET_W1_LANES];
    for (int lane = 0; lane < JETNET_W1_LANES; lane++) {
        int64_t n = (int64_t)real_items[lane], m = (int64_t)gen_items[lane];
        difference[lane] = (int64_t)real_below[lane] * m - (int64_t)gen_below[lane] * n;
        steps[0][lane] = m;
        steps[1][lane] = -n;
    }
    double previous = walk_value(packed, values, first > 0 ? first - 1 : first);
    for (long start = first; start < end; start += JETNET_W1_BLOCK) {
        long stop = start + JETNET_W1_BLOCK < end ? start + JETNET_W1_BLOCK : end;
        // Even and odd positions apart, as jetnet_w1_walk.
        double sums[2][JETNET_W1_LANES] = {{0}, {0}};
        for (long k = start; k < stop; k++) {
            double x = walk_value(packed, values, k);
            uint32_t tag = walk_tag(packed, tags, k);
            double gap = x - previous;
            previous = x;
            for (int lane = 0; lane < JETNET_W1_LANES; lane++) {
                int64_t d = difference[lane];
                sums[(k - start) & 1][lane] += (double)(d < 0 ? -d : d) * gap;
                int64_t w = count_bytes == 2 ? ((const uint16_t *)counts)[(size_t)tag * JETNET_W1_LANES + lane]
                                             : ((const uint32_t *)counts)[(size_t)tag * JETNET_W1_LANES + lane];
                difference[lane] += w * steps[tag >= real_jets][lane];
            }
        }
        double sum[JETNET_W1_LANES];
        for (int lane = 0; lane < JETNET_W1_LANES; lane++) sum[lane] = sums[0][lane] + sums[1][lane];
        memcpy(block_sums + ((start - first) / JETNET_W1_BLOCK) * JETNET_W1_LANES, sum, sizeof sum);
    }
}
