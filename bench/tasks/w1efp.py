NAME = "w1efp"
DESCRIPTION = "W1 of the 5 EFPs (n=4, d=4, prime), 50k vs 50k jets, 5 batches"
NOTE = ("Both: the 5 (n=4, d=4, prime) EFPs of all 50k real and 50k gen jets, then 5 batches of 50k "
        "draws (seed 0) and the W1 of each EFP; mean and std. Python: gen_metrics.w1efp with efp_jobs=2 "
        "(energyflow, 2 processes); Swift: Metrics.w1efp (both cores).")
WARMUP_JETS = 2000
REPEAT = 1
TOLERANCE = 1e-6  # energyflow computes float32 EFPs for float32 jets; JetNet for Swift float64 (W1 differs ~1e-7)


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _common import gen_metrics, seeded
    gm = gen_metrics()
    real, gen = data.npy("real.npy"), data.npy("gen.npy")
    return lambda: seeded(gm, 0).w1efp(real, gen, efp_jobs=2)


def reference(data):
    means, stds = python(data)()
    return {"values": list(means), "stds": list(stds)}
