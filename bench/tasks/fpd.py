NAME = "fpd"
DESCRIPTION = "FPD on the 36 d<=4 EFPs, 50k vs 50k jets (defaults)"
REPEAT = 3
TOLERANCE = 1e-6


def python(data):
    from jetnet.evaluation import gen_metrics as gm
    real, gen = data.npy("real_efps.npy"), data.npy("gen_efps.npy")
    return lambda: gm.fpd(real, gen)


def reference(data):
    value, error = python(data)()
    return {"value": value, "error": error}
