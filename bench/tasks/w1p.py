NAME = "w1p"
DESCRIPTION = "W1 of particle features, 50k vs 50k jets, 5 batches"
REPEAT = 1
TOLERANCE = 1e-9


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _common import seeded
    real, gen = data.npy("real.npy"), data.npy("gen.npy")
    return lambda: seeded(0).w1p(real, gen)


def reference(data):
    means, stds = python(data)()
    return {"values": list(means), "stds": list(stds)}
