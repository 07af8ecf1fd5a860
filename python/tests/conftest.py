"""Shared fixtures: the Swift tests' committed goldens, read from the repository by path."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
METRICS = REPO / "Tests/JetNetMetricsTests/Fixtures"
PHYSICS = REPO / "Tests/JetNetPhysicsTests/Fixtures"
DATASETS = REPO / "Tests/JetNetDatasetsTests/Fixtures"
SAMPLE = REPO / "Sources/JetNetSamples/Resources/jetnet"


def load_json(folder: Path, name: str):
    with open(folder / name) as f:
        return json.load(f)


def assert_close(actual, expected, rtol, atol=0.0, what=""):
    np.testing.assert_allclose(np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64),
                               rtol=rtol, atol=atol, err_msg=what)


@pytest.fixture(scope="session")
def sample_jets():
    """JetNet.getData on the embedded sample, [etarel, phirel, ptrel, mask], per jet type."""
    from jetnet_swift.datasets import JetNet

    def load(jet_type: str) -> np.ndarray:
        particles, _ = JetNet.getData(jet_type=jet_type, data_dir=str(SAMPLE), jet_features=None,
                                      particle_features=["etarel", "phirel", "ptrel", "mask"])
        return particles

    cache = {}

    def get(jet_type: str) -> np.ndarray:
        if jet_type not in cache:
            cache[jet_type] = load(jet_type)
        return cache[jet_type]

    return get


@pytest.fixture(scope="session")
def smeared_gluons(sample_jets):
    """The metric goldens' "gen" jets: g with ptrel *= N(1, 0.1) from default_rng(5) (float32)
    and etarel += 0.01."""
    jets = sample_jets("g")[..., :3].copy()
    factors = np.random.default_rng(5).normal(1.0, 0.1, size=jets.shape[:2]).astype(np.float32)
    jets[..., 2] *= factors
    jets[..., 0] += np.float32(0.01)
    return jets
