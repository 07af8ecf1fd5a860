NAME = "w1p"
DESCRIPTION = "W1 of particle features, 50k vs 50k jets, 5 batches"
NOTE = ("Both: zero-feature (padding) particles masked out, then 5 batches of 50k jets drawn per side "
        "(seed 0); per batch the W1 of each particle feature (etarel, phirel, ptrel) over the drawn jets' "
        "particles; mean and std. Python: gen_metrics.w1p (scipy wasserstein_distance); Swift: Metrics.w1p.")
WARMUP_JETS = 2000
REPEAT = 1
TOLERANCE = 1e-9


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _common import gen_metrics, seeded
    gm = gen_metrics()
    real, gen = data.npy("real.npy"), data.npy("gen.npy")
    return lambda: seeded(gm, 0).w1p(real, gen)


def reference(data):
    means, stds = python(data)()
    return {"values": list(means), "stds": list(stds)}
