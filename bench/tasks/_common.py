"""Shared helpers for the task files (not a task: no NAME)."""
import numpy as np


def seeded(seed=0):
    """jetnet's W1/COV-MMD metrics draw from a module generator: seed it like the goldens."""
    from jetnet.evaluation import gen_metrics as gm
    gm.rng = np.random.default_rng(seed)
    return gm


def offline_jetnet():
    """jetnet looks md5s up online even for local files; trust the local files offline."""
    from jetnet.datasets import utils as dutils
    dutils._getZenodoFileURL = lambda record_id, file_name: ("offline", None)
    dutils._check_md5 = lambda fpath, md5, **kw: (True, md5)
