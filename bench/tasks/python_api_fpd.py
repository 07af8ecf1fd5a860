NAME = "python-api-fpd"
DESCRIPTION = "fpd through jetnet_swift from Python (Swift: the fpd task); ratio = binding cost"
REPEAT = 5


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _python_api import jetnet_swift
    evaluation = jetnet_swift().evaluation
    real, gen = data.npy("real_efps.npy"), data.npy("gen_efps.npy")
    return lambda: evaluation.fpd(real, gen)
