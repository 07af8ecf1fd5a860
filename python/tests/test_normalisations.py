"""FeaturewiseLinear and FeaturewiseLinearBounded: jetnet's behaviour, including its errors."""
from __future__ import annotations

import numpy as np
import pytest

from jetnet_swift.datasets.normalisations import FeaturewiseLinear, FeaturewiseLinearBounded

DATA = np.random.default_rng(3).random((6, 5, 3)) * 100 - 40


def test_bounded_scales_to_the_norms_and_back():
    norm = FeaturewiseLinearBounded(feature_norms=[2.0, None, 1.0], feature_shifts=[None, 1.0, -0.5])
    maxes = norm.derive_dataset_features(DATA)
    np.testing.assert_array_equal(maxes, np.abs(DATA).reshape(-1, 3).max(axis=0))
    normed = norm(DATA)
    np.testing.assert_allclose(np.abs(normed[..., 0]).max(), 2.0)
    np.testing.assert_allclose(normed[..., 1], DATA[..., 1] + 1.0)
    np.testing.assert_allclose(normed[..., 2], DATA[..., 2] / maxes[2] - 0.5)
    np.testing.assert_allclose(norm(normed, inverse=True), DATA, rtol=1e-12)
    assert normed is not DATA and not np.shares_memory(normed, DATA)


def test_linear_normal_derives_mean_and_std():
    norm = FeaturewiseLinear(feature_shifts=None, feature_scales=None, normal=True, normalise_features=[True, False, True])
    assert norm.features_need_deriving()
    norm.derive_dataset_features(DATA)
    normed = norm(DATA)
    np.testing.assert_allclose(normed[..., 0].mean(), 0, atol=1e-12)
    np.testing.assert_allclose(normed[..., 2].std(), 1, rtol=1e-12)
    np.testing.assert_array_equal(normed[..., 1], DATA[..., 1])
    np.testing.assert_allclose(norm(normed, inverse=True), DATA, rtol=1e-12)


def test_inplace_modifies_the_input():
    data = DATA.copy()
    FeaturewiseLinear(feature_shifts=1.0, feature_scales=2.0)(data, inplace=True)
    np.testing.assert_allclose(data, (DATA + 1.0) * 2.0)


@pytest.mark.parametrize("norm", [
    FeaturewiseLinearBounded(),  # maxes not derived
    FeaturewiseLinearBounded(feature_maxes=[1.0, 2.0]),
    FeaturewiseLinear(feature_scales=[1.0, 2.0]),
    FeaturewiseLinear(feature_shifts=None),
    FeaturewiseLinear(normalise_features=[True, False]),
    FeaturewiseLinear(normal=True),  # statistics not derived yet
])
def test_wrong_lengths_and_missing_statistics_raise_assertion_errors(norm):
    with pytest.raises(AssertionError):
        norm(DATA)
