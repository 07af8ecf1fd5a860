NAME = "evaluate-all-fpnd"
DESCRIPTION = "every metric including FPND in sequence, 50k vs 50k (issue 8's 'with FPND' row)"
NOTE = ("As evaluate-all, plus FPND of the 50k gen jets against jetnet's gluon statistics. Python adds "
        "gen_metrics.fpnd(batch_size=256, cpu); Swift adds .fpnd to the same Metrics.evaluate call.")
WARMUP_JETS = 2000
REPEAT = 1


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))
    import refpatch  # noqa: F401  (pure-torch k-NN in place of torch_cluster)
    from evaluate_all import python as without_fpnd
    from jetnet.evaluation import gen_metrics as gm
    others = without_fpnd(data)
    gen = data.npy("gen.npy")

    def run():
        others()
        gm.fpnd(gen, "g", use_tqdm=False, device="cpu", batch_size=256)
    return run
