NAME = "python-api-w1p"
DESCRIPTION = "w1p through jetnet_swift from Python (Swift: the w1p task); ratio = binding cost"
REPEAT = 3


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _python_api import jetnet_swift
    evaluation = jetnet_swift().evaluation
    real, gen = data.npy("real.npy"), data.npy("gen.npy")
    return lambda: evaluation.w1p(real, gen, seed=0)
