NAME = "w1m"
DESCRIPTION = "W1 of jet mass, 50k vs 50k jets, 5 batches"
NOTE = ("Both: jet masses of all 50k real and 50k gen jets, then 5 batches of 50k draws each side "
        "(seed 0), scipy-equivalent W1 per batch, mean and std. Python: gen_metrics.w1m; Swift: Metrics.w1m. "
        "Compute bound: reading the two jet arrays once (2 x 50k x 30 x 3 float32, 36 MB), at the rate all cores "
        "together read a buffer of that size (measured in the same run, bench/read_bandwidth.c). The masses' "
        "arithmetic, the draws, the sort and the W1 walks are not counted.")
REPEAT = 5
TOLERANCE = 1e-5  # jetnet sums float32 4-vectors; masses agree to ~1e-5, W1M to ~1e-6


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _common import gen_metrics, seeded
    gm = gen_metrics()
    real, gen = data.npy("real.npy"), data.npy("gen.npy")
    return lambda: seeded(gm, 0).w1m(real, gen)


def bound(data, rates):
    # Every particle of both samples is read once to compute the masses: the input's bytes at the
    # measured read rate of all cores for a buffer of that size (the bench holds the inputs in
    # memory, so cache or DRAM, whichever holds that much, as in the timed runs).
    size = data.npy("real.npy").nbytes + data.npy("gen.npy").nbytes
    return size / rates[("read", size)]


def reference(data):
    mean, std = python(data)()
    return {"value": mean, "std": std}
