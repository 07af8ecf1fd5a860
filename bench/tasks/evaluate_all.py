NAME = "evaluate-all"
DESCRIPTION = "w1m, w1p, w1efp, EFPs + fpd + kpd, cov-mmd in sequence, 50k vs 50k (no FPND)"
NOTE = ("Both: w1m, w1p, w1efp, the d<=4 EFPs of both samples, fpd, kpd, cov_mmd with jetnet's "
        "defaults, seed 0, 50k vs 50k jets. Python: those gen_metrics functions in sequence (efp_jobs=2); "
        "Swift: one Metrics.evaluate call with the same metrics.")
WARMUP_JETS = 2000
REPEAT = 1


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _common import gen_metrics, seeded
    gm = gen_metrics()
    real, gen = data.npy("real.npy"), data.npy("gen.npy")

    def run():
        seeded(gm, 0)
        gm.w1m(real, gen)
        gm.w1p(real, gen)
        gm.w1efp(real, gen, efp_jobs=2)
        fr, fg = gm.get_fpd_kpd_jet_features(real, efp_jobs=2), gm.get_fpd_kpd_jet_features(gen, efp_jobs=2)
        gm.fpd(fr, fg)
        gm.kpd(fr, fg)
        gm.cov_mmd(real, gen, use_tqdm=False)
    return run
