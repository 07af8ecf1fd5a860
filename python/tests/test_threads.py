"""Calls from several Python threads at once give the values of the same calls made alone."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np


def test_metrics_from_several_threads_agree(sample_jets, smeared_gluons):
    from jetnet_swift import evaluation, utils

    g, t = sample_jets("g")[..., :3], sample_jets("t")[..., :3]
    features = (evaluation.get_fpd_kpd_jet_features(g), evaluation.get_fpd_kpd_jet_features(t))
    calls = [
        lambda: evaluation.w1p(g, smeared_gluons, num_eval_samples=1000, num_batches=3, seed=3),
        lambda: evaluation.w1m(g, t, num_eval_samples=1000, num_batches=3, seed=4),
        lambda: evaluation.fpd(*features, min_samples=500, max_samples=1500),
        lambda: evaluation.kpd(*features, batch_size=1000),
        lambda: utils.efps(g[:200], efpset_args=[("d<=", 3)]),
        lambda: evaluation.cov_mmd(g, t, num_eval_samples=30, num_batches=2, seed=5),
    ]
    alone = [call() for call in calls]
    with ThreadPoolExecutor(max_workers=6) as pool:
        for _ in range(2):
            futures = [pool.submit(call) for call in calls for _ in range(2)]
            results = [future.result() for future in futures]
            for index, result in enumerate(results):
                expected = alone[index // 2]
                for mine, theirs in zip(np.atleast_1d(np.asarray(result, dtype=object)), np.atleast_1d(np.asarray(expected, dtype=object))):
                    np.testing.assert_array_equal(np.asarray(mine, dtype=np.float64), np.asarray(theirs, dtype=np.float64))
