NAME = "efps-d4"
DESCRIPTION = "d<=4 EFPs (36) of 50k jets x 30 particles (energyflow, 2 jobs)"
NOTE = ("Both: the 36 EFPs of degree <= 4 of 50k jets x 30 particles (beta=1, normed, pt/eta/phi). "
        "Python: jetnet.utils.efps (energyflow EFPSet.batch_compute, 2 processes); Swift: efps (both cores).")
WARMUP_JETS = 2000
REPEAT = 1
TOLERANCE = 1e-5  # the reference EFPs were computed in float32 by energyflow; ours are float64


def python(data):
    from jetnet.utils import efps
    real = data.npy("real.npy")
    return lambda: efps(real, efpset_args=[("d<=", 4)], efp_jobs=2)


def reference(data):
    import numpy as np
    values = np.load(data.path("real_efps.npy"))
    return {"column_sums": values.sum(axis=0).tolist(), "first_jet": values[0].tolist()}
