NAME = "kpd"
DESCRIPTION = "KPD on the 36 d<=4 EFPs, 50k vs 50k jets (Python: num_threads=2, its fastest mode)"
NOTE = ("Both: KPD of the 36 d<=4 EFPs (float64): 10 batches of 5000 draws per side (seed 42), cubic "
        "polynomial-kernel MMD^2 per batch, median and IQR/2. Python: gen_metrics.kpd(num_threads=2); "
        "Swift: Metrics.kpd.")
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
    # Per batch: three n x n kernel matrices from n x d products (2 n^2 d FLOPs each).
    n, d, batches = 5000, data.npy("real_efps.npy").shape[1], 10
    return batches * 3 * 2 * n * n * d / rates["dgemm"]
