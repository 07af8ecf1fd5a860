NAME = "cov-mmd"
DESCRIPTION = "COV/MMD with EMD, 10 batches of 100 x 100 jets (defaults)"
REPEAT = 1
TOLERANCE = 1e-9


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _common import seeded
    real, gen = data.npy("real.npy"), data.npy("gen.npy")
    return lambda: seeded(0).cov_mmd(real, gen, use_tqdm=False)


def reference(data):
    cov, mmd = python(data)()
    return {"cov": cov, "mmd": mmd}
