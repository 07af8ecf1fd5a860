import os

NAME = "fpd"
DESCRIPTION = "FPD on the 36 d<=4 EFPs, 50k vs 50k jets (defaults)"
NOTE = ("Both: FPD of the 36 d<=4 EFPs (precomputed, float64), jetnet's defaults: 10 batch sizes from "
        "20k to 50k, 20 draws each (seed 42), Frechet distance per draw, linear fit in 1/N. Python: "
        "gen_metrics.fpd; Swift: Metrics.fpd. Compute bound: the count-matrix product alone (every draw "
        "times every row's 702 centred products), on AVX512-VNNI CPUs as Swift runs it there (byte counts "
        "times 4 byte slices per product at vpdpbusd's measured peak on every core), else as float64 "
        "dgemm at numpy's measured rate; building the products, the draws and the Frechet distances are "
        "not counted.")
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
    # The algorithm Swift runs. Draws that take at least a fifth of the rows on average (all of
    # them at 50k rows) go through one count-matrix product per sample: [draws, rows] counts times
    # [rows, d (d + 1) / 2 + d] (each row's upper-triangle outer product and the row itself),
    # 2 draws rows (d (d + 3) / 2) FLOPs, every row whether drawn or not. Sparser draws take a
    # symmetric rank-k update of their N (1 - exp(-n / N)) expected distinct rows, d (d + 1) FLOPs
    # each. 20 draws of each of the 10 sizes n, both samples.
    import numpy as np
    x = data.npy("real_efps.npy")
    rows, d = x.shape
    sizes = (1 / np.linspace(1.0 / 20_000, 1.0 / 50_000, 10)).astype("int32")
    taken = 1 - np.exp(-sizes / rows)
    if taken.mean() >= 0.2:
        flops = 2 * len(sizes) * 20 * rows * (d * (d + 3) / 2)
        if rates["dpbusd"]:
            # On AVX512-VNNI CPUs the product runs in integers: byte counts times four signed
            # byte slices of each product: 4x the multiply-adds, 2 operations each, at vpdpbusd's
            # peak on every core.
            return 2 * 4 * flops / (rates["dpbusd"] * os.cpu_count())
    else:
        flops = float((rows * taken).sum()) * 20 * d * (d + 1)
    return 2 * flops / rates["dgemm"]
