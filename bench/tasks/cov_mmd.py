NAME = "cov-mmd"
DESCRIPTION = "COV/MMD with EMD, 10 batches of 100 x 100 jets (defaults)"
NOTE = ("Both: one seeded generator (seed 0) draws 100 real + 100 gen jets per batch; 10 batches of "
        "100 x 100 exact EMDs (R=1, beta=1, unnormalised pt); COV and MMD per batch, averaged. Python: "
        "jetnet.evaluation.gen_metrics.cov_mmd (energyflow emds -> Wasserstein network simplex, C++). "
        "Swift: Metrics.covMMD (the same network simplex, run only for pairs that dual lower bounds cannot "
        "rule out as nearest neighbours; batches on both cores). Inputs in memory; imports off the clock.")
REPEAT = 3
TOLERANCE = 1e-9


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _common import gen_metrics, seeded
    gm = gen_metrics()
    real, gen = data.npy("real.npy"), data.npy("gen.npy")
    return lambda: seeded(gm, 0).cov_mmd(real, gen, use_tqdm=False)


def reference(data):
    cov, mmd = python(data)()
    return {"cov": cov, "mmd": mmd}
