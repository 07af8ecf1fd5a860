NAME = "evaluate-all"
DESCRIPTION = "w1m, w1p, w1efp, EFPs + fpd + kpd, cov-mmd in sequence, 50k vs 50k (no FPND)"
REPEAT = 1


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _common import seeded
    real, gen = data.npy("real.npy"), data.npy("gen.npy")

    def run():
        gm = seeded(0)
        gm.w1m(real, gen)
        gm.w1p(real, gen)
        gm.w1efp(real, gen, efp_jobs=2)
        fr, fg = gm.get_fpd_kpd_jet_features(real, efp_jobs=2), gm.get_fpd_kpd_jet_features(gen, efp_jobs=2)
        gm.fpd(fr, fg)
        gm.kpd(fr, fg)
        gm.cov_mmd(real, gen, use_tqdm=False)
    return run
