"""Bad input becomes a Python exception carrying the library's one-line message."""
from __future__ import annotations

import numpy as np
import pytest

from jetnet_swift import JetNetInputError, emd, evaluation, utils

JETS = np.random.default_rng(0).random((50, 10, 3)).astype(np.float32)


@pytest.mark.filterwarnings("ignore:Recommended number of jets")
@pytest.mark.parametrize(("call", "match"), [
    (lambda: evaluation.w1m(JETS[0], JETS, seed=0), "axes"),
    (lambda: evaluation.w1p(JETS, JETS[..., :2], seed=0), "shape"),
    (lambda: evaluation.w1p(JETS, JETS, num_eval_samples=0, seed=0), "num_eval_samples"),
    (lambda: evaluation.w1efp(JETS, JETS, efpset_args=[("x==", 4)], seed=0), "x"),
    (lambda: evaluation.fpd(np.zeros((100, 3)), np.zeros((100, 4))), "shape"),
    (lambda: evaluation.fpd(np.full((100, 3), np.nan), np.zeros((100, 3))), "holds nan at jet 0, feature 0"),
    (lambda: evaluation.kpd(np.zeros((100, 3)), np.zeros((100, 3)), batch_size=0), "batch_size"),
    (lambda: evaluation.cov_mmd(JETS, -JETS, seed=0), "pt"),
    (lambda: evaluation.fpnd(np.zeros((10, 20, 3)), "g"), "30"),
    (lambda: evaluation.fpnd(np.zeros((10, 30, 3)), "x"), "x"),
    (lambda: evaluation.fpnd(np.zeros((10, 30, 3)), "g", dataset_name="toptagging"), "JetNet"),
    (lambda: utils.to_image(JETS[0, 0], 5), "shape"),
    (lambda: utils.to_image(JETS, 0), "im_size"),
    (lambda: utils.to_image(JETS, 5, mask=np.ones((50, 9))), "mask"),
    (lambda: utils.efps(JETS[..., :2]), "features"),
    (lambda: utils.cartesian_to_EtaPhiPtE(np.zeros((3, 5))), "shape"),
    (lambda: utils.relEtaPhiPt_to_EtaPhiPt(JETS, np.zeros((50, 4)), jet_coord="spherical"), "jet_coord"),
    (lambda: utils.gen_jet_corrections(JETS, pt_index=7), "ptIndex"),
    (lambda: emd.emds(JETS[..., [2, 0, 1]], JETS, R=-1), "R"),
])
def test_bad_input_raises_value_error_with_message(call, match):
    with pytest.raises(ValueError, match=match) as info:
        call()
    assert "\n" not in str(info.value)
    # jetnet asserts on its inputs: code that catches AssertionError keeps working.
    assert isinstance(info.value, AssertionError) and isinstance(info.value, JetNetInputError)


@pytest.mark.filterwarnings("ignore:Recommended number of jets")
@pytest.mark.parametrize("precision", ["float64", "fp16", "Float16", "", 16, None])
def test_fpnd_refuses_an_unknown_precision_naming_the_allowed_ones(precision):
    jets = np.random.default_rng(2).random((10, 30, 3))
    with pytest.raises(ValueError) as info:
        evaluation.fpnd(jets, "g", precision=precision)
    message = str(info.value)
    assert message == f"precision = '{precision}' is not allowed; it must be 'float32' or 'float16'."
    assert isinstance(info.value, JetNetInputError)


def test_fpnd_warns_below_the_recommended_jet_count():
    with pytest.warns(RuntimeWarning), pytest.raises(ValueError):
        evaluation.fpnd(np.zeros((10, 30, 3)), "x")


def test_inputs_of_other_types_are_converted_once():
    """Non-contiguous, integer and list inputs give the same values as contiguous float64 ones."""
    features = np.random.default_rng(1).random((400, 4))
    reference = evaluation.fpd(features, features[::-1].copy(), min_samples=100, max_samples=300)
    assert evaluation.fpd(features, features[::-1], min_samples=100, max_samples=300) == reference
    assert evaluation.fpd(features.tolist(), features[::-1].tolist(), min_samples=100, max_samples=300) == reference
    ints = np.arange(120).reshape(40, 3)
    assert np.array_equal(utils.cartesian_to_EtaPhiPtE(np.c_[ints, ints[:, :1]]),
                          utils.cartesian_to_EtaPhiPtE(np.c_[ints, ints[:, :1]].astype(np.float64)))
