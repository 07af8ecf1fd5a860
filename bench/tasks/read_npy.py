NAME = "read-npy"
DESCRIPTION = "read a 100 MB float32 .npy"
REPEAT = 5


def python(data):
    import numpy as np
    return lambda: np.load(data.path("big.npy"))
