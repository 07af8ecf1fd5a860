NAME = "fpnd"
DESCRIPTION = "FPND (ParticleNet activations) of 50k gluon jets"
NOTE = ("Both: fpnd_norm of 50k jets, ParticleNet (jetnet's pretrained weights, already loaded by the "
        "warm-up) activations, mean and covariance, Frechet distance to jetnet's gluon statistics. Python: "
        "gen_metrics.fpnd(batch_size=256, device=cpu), torch float32; Swift: Metrics.fpnd, float32 (per-edge "
        "layers in one fused AVX-512 kernel where the CPU has AVX-512F, sgemm elsewhere).")
WARMUP_JETS = 2000
REPEAT = 1
TOLERANCE = 1e-3


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))
    import refpatch  # noqa: F401
    from jetnet.evaluation import gen_metrics as gm
    real = data.npy("real.npy")
    return lambda: gm.fpnd(real, "g", use_tqdm=False, device="cpu", batch_size=256)


def reference(data):
    return {"value": python(data)()}


# ParticleNet's multiply-adds per jet as the Swift side runs them (2 FLOPs each): 30 particles,
# k = 16 neighbours (480 edges), EdgeConv blocks of width 64/128/256 on 3/67/195 input features.
# A block's first layer runs per particle ((W_a - W_b) x_i and W_b x_j as one [2 width x inputs]
# product, gathered per edge); its second and third layers run per edge; fc1 maps the 451 pooled
# features to 256. The neighbour search, gathers, ReLUs, means, pooling and the Frechet distance
# are not counted, so the bound is below any real run.
PARTICLES, EDGES, BLOCKS, POOLED, FC1 = 30, 480, [(3, 64), (67, 128), (195, 256)], 451, 256


def layers():
    """(name, FLOPs per jet, per-edge?) of every GEMM of the forward pass."""
    result = []
    for index, (inputs, width) in enumerate(BLOCKS, start=1):
        result.append((f"block {index} first layer (per particle)", 2 * PARTICLES * inputs * 2 * width, False))
        result += [(f"block {index} layer {n} (per edge)", 2 * EDGES * width * width, True) for n in (2, 3)]
    result.append(("fc1", 2 * POOLED * FC1, False))
    return result


def flops_note(rates_text):
    """The bound's description for a task's NOTE, FLOPs stated per layer."""
    mflop = [flops / 1e6 for _, flops, _ in layers()]
    blocks = ", ".join(f"{mflop[3 * b]:.2f} + 2 x {mflop[3 * b + 1]:.2f}" for b in range(len(BLOCKS)))
    return (f" Compute bound: ParticleNet's multiply-adds per jet in MFLOP, per EdgeConv block first layer "
            f"(per particle) + layers 2 and 3 (per edge): {blocks}; fc1 {mflop[-1]:.2f}; {sum(mflop):.1f} in all; "
            f"for the 50k jets, {rates_text} (measured in the same run, bench/simd_peak.c) times the cores. "
            "The neighbour search, gathers, ReLUs, means and Frechet distance are not counted.")


NOTE += flops_note("all at one core's float32 FMA peak")


def bound(data, rates, per_edge="fma32"):
    import os
    per_jet = sum(flops / rates[per_edge if edge else "fma32"] for _, flops, edge in layers())
    return 50_000 * per_jet / os.cpu_count()
