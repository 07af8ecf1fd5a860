NAME = "python-api-evaluate-all"
DESCRIPTION = "evaluate-all's metrics in sequence through jetnet_swift (Swift: evaluate-all); ratio = binding cost"
REPEAT = 3


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _python_api import jetnet_swift
    gm = jetnet_swift().evaluation.gen_metrics
    real, gen = data.npy("real.npy"), data.npy("gen.npy")

    def run():
        gm.w1m(real, gen, seed=0)
        gm.w1p(real, gen, seed=0)
        gm.w1efp(real, gen, seed=0)
        fr, fg = gm.get_fpd_kpd_jet_features(real), gm.get_fpd_kpd_jet_features(gen)
        gm.fpd(fr, fg, seed=0)
        gm.kpd(fr, fg, seed=0)
        gm.cov_mmd(real, gen, seed=0)
    return run
