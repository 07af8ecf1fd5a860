#include "EMDKernels.h"
#include "TargetClones.h"

// No fused multiply-adds: every CPU version rounds `dy * dy + dphi * dphi` as the scalar code
// does, and the square root is correctly rounded everywhere, so all give the same bits.
#pragma clang fp contract(off)

JETNET_CLONES
void jetnet_emd_euclidean_costs(const double *y0, const double *phi0, long n0, const double *y1, const double *phi1,
                                long n1, double *costs, long stride, bool round_down) {
    // Rounded down: the float square root is within 2^-23 of the double one (rounding d2 to
    // float, then the root); scaling by 1 - 2^-20 puts it safely below. d2 is capped below
    // FLT_MAX first.
    const double shrink = 1.0 - 0x1p-20;
    for (long a = 0; a < n0; a++) {
        const double ya = y0[a];
        const double phia = phi0[a];
        double *row = costs + a * stride;
        // Rows are short (a jet's particles): narrow vectors, no unrolling, so that most of a
        // row runs in the vector loop rather than its scalar remainder.
        if (round_down) {
#pragma clang loop vectorize_width(4) interleave_count(1)
            for (long b = 0; b < n1; b++) {
                const double dy = ya - y1[b];
                const double dphi = phia - phi1[b];
                const double squared = dy * dy + dphi * dphi;
                row[b] = (double)__builtin_sqrtf((float)(squared < 0x1p126 ? squared : 0x1p126)) * shrink;
            }
        } else {
#pragma clang loop vectorize_width(4) interleave_count(1)
            for (long b = 0; b < n1; b++) {
                const double dy = ya - y1[b];
                const double dphi = phia - phi1[b];
                row[b] = __builtin_sqrt(dy * dy + dphi * dphi);
            }
        }
    }
}
