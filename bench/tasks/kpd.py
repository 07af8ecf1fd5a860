NAME = "kpd"
DESCRIPTION = "KPD on the 36 d<=4 EFPs, 50k vs 50k jets (Python: num_threads=2, its fastest mode)"
NOTE = ("Both: KPD of the 36 d<=4 EFPs (float64): 10 batches of 5000 draws per side (seed 42), quartic "
        "polynomial-kernel ((x.y/d + 1)^4) MMD^2 per batch, median and IQR/2. Python: gen_metrics.kpd(num_threads=2); "
        "Swift: Metrics.kpd (per batch, the contraction of each sample's symmetric fourth moments of (x, 1) over its "
        "distinct drawn rows, weighted by their draw counts). Compute bound: one multiply-add per distinct fourth "
        "moment (C(d + 4, 4) = 91390 for 36 features) per distinct drawn row (the expected 4758 of 5000 draws from "
        "50k) per side and batch, 8.7 G in all, at one core's float64 FMA peak (measured in the same run, "
        "bench/simd_peak.c) times the cores. The rows' pair products, the unused lanes of the moment vectors, the "
        "gathers, draws, diagonals and contractions are not counted.")
REPEAT = 3
TOLERANCE = 1e-7


def python(data):
    from jetnet.evaluation import gen_metrics as gm
    real, gen = data.npy("real_efps.npy"), data.npy("gen_efps.npy")
    return lambda: gm.kpd(real, gen, num_threads=2)


def reference(data):
    from jetnet.evaluation import gen_metrics as gm
    value, error = gm.kpd(data.npy("real_efps.npy"), data.npy("gen_efps.npy"))
    return {"value": value, "error": error}


def bound(data, rates):
    # The algorithm Swift runs: per batch each side's distinct drawn rows (m of them, weighted by
    # their draw counts, m the expected number of distinct rows among n draws from N) and their
    # symmetric fourth moments of (x, 1): one multiply-add (2 FLOPs) per moment and row, at the
    # float64 FMA peak of every core. The contractions and diagonals are O(C(d + 4, 4) + m d) per
    # batch, the pair products O(d^2) per row: not counted.
    import math
    import os
    x = data.npy("real_efps.npy")
    n, (rows, d), batches = 5000, x.shape, 10
    m = rows * (1 - math.exp(-n / rows))
    moments = math.comb(d + 4, 4)
    return batches * 2 * m * 2 * moments / (rates["fma64"] * os.cpu_count())
