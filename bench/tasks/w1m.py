NAME = "w1m"
DESCRIPTION = "W1 of jet mass, 50k vs 50k jets, 5 batches"
NOTE = ("Both: jet masses of all 50k real and 50k gen jets, then 5 batches of 50k draws each side "
        "(seed 0), scipy-equivalent W1 per batch, mean and std. Python: gen_metrics.w1m; Swift: Metrics.w1m.")
REPEAT = 5
TOLERANCE = 1e-5  # jetnet sums float32 4-vectors; masses agree to ~1e-5, W1M to ~1e-6


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _common import gen_metrics, seeded
    gm = gen_metrics()
    real, gen = data.npy("real.npy"), data.npy("gen.npy")
    return lambda: seeded(gm, 0).w1m(real, gen)


def reference(data):
    mean, std = python(data)()
    return {"value": mean, "std": std}
