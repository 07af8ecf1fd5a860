// One AVX-512, one AVX2 and one baseline version of a kernel, chosen at load time (ifunc).
// Vectorising the kernels' loops never reorders a floating-point sum (no fast-math), and the
// including files switch off fused multiply-adds, so every version gives the same floats.
#ifndef JETNET_PARTICLENET_TARGET_CLONES_H
#define JETNET_PARTICLENET_TARGET_CLONES_H

#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define JETNET_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define JETNET_CLONES
#endif

#endif
