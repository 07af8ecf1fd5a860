NAME = "read-npy"
DESCRIPTION = "read a 100 MB float32 .npy"
NOTE = "Both: read big.npy (25M float32) into memory. Python: np.load; Swift: NPYFile.read."
REPEAT = 5


def python(data):
    import numpy as np
    return lambda: np.load(data.path("big.npy"))
