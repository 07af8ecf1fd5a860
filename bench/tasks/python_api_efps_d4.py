NAME = "python-api-efps-d4"
DESCRIPTION = "d<=4 EFPs of 50k jets through jetnet_swift from Python (Swift: efps-d4); ratio = binding cost"
REPEAT = 3


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _python_api import jetnet_swift
    utils = jetnet_swift().utils
    real = data.npy("real.npy")
    return lambda: utils.efps(real, efpset_args=[("d<=", 4)])
