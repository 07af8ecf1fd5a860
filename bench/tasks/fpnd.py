NAME = "fpnd"
DESCRIPTION = "FPND (ParticleNet activations) of 50k gluon jets"
NOTE = ("Both: fpnd_norm of 50k jets, ParticleNet (jetnet's pretrained weights, already loaded by the "
        "warm-up) activations, mean and covariance, Frechet distance to jetnet's gluon statistics. Python: "
        "gen_metrics.fpnd(batch_size=256, device=cpu), torch float32; Swift: Metrics.fpnd, float32 sgemm.")
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


def bound(data, rates):
    # ~172 MFLOP per jet, float32: sgemm runs ~2x the float64 rate.
    return 50_000 * 172e6 / (2 * rates["dgemm"])
