NAME = "fpd"
DESCRIPTION = "FPD on the 36 d<=4 EFPs, 50k vs 50k jets (defaults)"
NOTE = ("Both: FPD of the 36 d<=4 EFPs (precomputed, float64), jetnet's defaults: 10 batch sizes from "
        "20k to 50k, 20 draws each (seed 42), Frechet distance per draw, linear fit in 1/N. Python: "
        "gen_metrics.fpd; Swift: Metrics.fpd.")
REPEAT = 5
TOLERANCE = 1e-6


def python(data):
    from jetnet.evaluation import gen_metrics as gm
    real, gen = data.npy("real_efps.npy"), data.npy("gen_efps.npy")
    return lambda: gm.fpd(real, gen)


def reference(data):
    value, error = python(data)()
    return {"value": value, "error": error}


def bound(data, rates):
    # The algorithm Swift runs: per draw, the covariance of its distinct rows (weighted by their
    # draw counts), a symmetric rank-k update of d (d + 1) FLOPs per row; 20 draws of each of the
    # 10 sizes n, both samples, with N (1 - exp(-n / N)) distinct rows expected among n draws.
    import numpy as np
    x = data.npy("real_efps.npy")
    rows, d = x.shape
    sizes = (1 / np.linspace(1.0 / 20_000, 1.0 / 50_000, 10)).astype("int32")
    distinct = float((rows * (1 - np.exp(-sizes / rows))).sum())
    return distinct * 20 * 2 * d * (d + 1) / rates["dgemm"]
