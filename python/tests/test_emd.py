"""jetnet_swift.emd against energyflow 1.4.0's goldens (the Swift EMD fixtures)."""
from __future__ import annotations

import numpy as np
from conftest import METRICS, assert_close, load_json

from jetnet_swift import emd

GOLDEN = load_json(METRICS, "emd.json")


def _energyflow_order(jets):
    """The fixture jets, already in energyflow's (pt, y, phi) order."""
    return np.asarray(jets)


def test_emds_match_energyflow():
    g, t = _energyflow_order(GOLDEN["g12"]), _energyflow_order(GOLDEN["t10"])
    assert_close(emd.emds(g, t), GOLDEN["emds_g12_t10_R1"], rtol=1e-12, atol=1e-15)
    assert_close(emd.emds(g, t, R=0.4, beta=2), GOLDEN["emds_g12_t10_R0.4_beta2"], rtol=1e-12, atol=1e-15)


def test_emd_of_one_pair_with_flow_and_norm():
    g, t = _energyflow_order(GOLDEN["g12"]), _energyflow_order(GOLDEN["t10"])
    value, flow = emd.emd(g[1], t[1], return_flow=True)
    assert_close(value, GOLDEN["emd_g1_t1_flow"]["value"], rtol=1e-12)
    assert_close(flow, GOLDEN["emd_g1_t1_flow"]["flow"], rtol=1e-9, atol=1e-15)
    assert_close(emd.emd(g[0], t[0], norm=True), GOLDEN["emd_g0_t0_norm"], rtol=1e-12)


def test_emds_of_a_list_of_events_against_itself():
    g = _energyflow_order(GOLDEN["g12"])[:4]
    events = [jet[jet[:, 0] > 0] for jet in g]  # unpadded, different lengths
    matrix = emd.emds(events)
    assert matrix.shape == (4, 4)
    assert_close(np.diag(matrix), np.zeros(4), rtol=0, atol=1e-12)
    assert_close(matrix, matrix.T, rtol=1e-12)
