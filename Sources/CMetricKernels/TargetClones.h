#ifndef JETNET_TARGET_CLONES_H
#define JETNET_TARGET_CLONES_H

// The vector helpers are always inlined into the clones, so their vector ABI never shows.
#pragma clang diagnostic ignored "-Wpsabi"

// One AVX-512, one AVX2 and one baseline version of a kernel, chosen at load time (ifunc).
#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define JETNET_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define JETNET_CLONES
#endif

#endif
