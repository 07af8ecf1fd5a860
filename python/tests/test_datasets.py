"""jetnet_swift.datasets against jetnet 0.2.5's getData fingerprints (the Swift dataset fixtures)."""
from __future__ import annotations

import ast

import numpy as np
import pytest
from conftest import DATASETS, SAMPLE, load_json

from jetnet_swift.datasets import JetClass, JetNet, QuarkGluon, TopTagging
from jetnet_swift.datasets.normalisations import FeaturewiseLinear, FeaturewiseLinearBounded

GOLDEN = load_json(DATASETS, "golden_datasets.json")


def _value(entry):
    return ast.literal_eval(entry) if isinstance(entry, str) else entry


def check_fingerprint(array, fingerprint, rtol=1e-6):
    fingerprint = _value(fingerprint)
    if fingerprint is None:
        assert array is None
        return
    assert array is not None
    assert list(array.shape) == fingerprint["shape"]
    values = np.asarray(array, dtype=np.float64).reshape(-1)
    abs_sum = np.abs(values).sum()
    if "abs_sum" in fingerprint:
        assert abs(abs_sum - fingerprint["abs_sum"]) <= rtol * fingerprint["abs_sum"]
    if "sum" in fingerprint:
        assert abs(values.sum() - fingerprint["sum"]) <= rtol * max(abs_sum, 1)
    for mine, theirs in [(values[:12], fingerprint.get("first")), (values[-12:], fingerprint.get("last")),
                         (np.asarray(array[0], dtype=np.float64).reshape(-1), fingerprint.get("row0")),
                         (np.asarray(array[-1], dtype=np.float64).reshape(-1), fingerprint.get("row_last"))]:
        if theirs is not None:
            np.testing.assert_allclose(mine, np.asarray(theirs, dtype=np.float64).reshape(-1), rtol=rtol, atol=1e-12)


@pytest.mark.parametrize("case", GOLDEN["jetnet"], ids=lambda c: str(_value(c["args"])))
def test_jetnet_getdata_matches_jetnet(case):
    args = _value(case["args"])
    particle_data, jet_data = JetNet.getData(data_dir=str(SAMPLE), **args)
    check_fingerprint(particle_data, case["particle_data"])
    check_fingerprint(jet_data, case["jet_data"])
    if jet_data is not None:
        assert jet_data.dtype == np.float64  # as jetnet's (class index prepended)


@pytest.mark.parametrize("case", GOLDEN["toptagging"], ids=lambda c: str(_value(c["args"])))
def test_toptagging_getdata_matches_jetnet(case):
    particle_data, jet_data = TopTagging.getData(data_dir=str(DATASETS / "toptagging"), **_value(case["args"]))
    check_fingerprint(particle_data, case["particle_data"])
    check_fingerprint(jet_data, case["jet_data"])


@pytest.mark.parametrize("case", GOLDEN["qgjets"], ids=lambda c: str(_value(c["args"])))
def test_quarkgluon_getdata_matches_jetnet(case):
    particle_data, jet_data = QuarkGluon.getData(
        data_dir=str(DATASETS / "qgjets"), file_list=["QG_jets_withbc_0.npz"], **_value(case["args"]))
    check_fingerprint(particle_data, case["particle_data"])
    check_fingerprint(jet_data, case["jet_data"])


def test_dataset_object_with_jetnet_normalisations():
    golden = GOLDEN["normalisation_dataset"]
    derived = GOLDEN["normalisation_dataset_derived"]
    dataset = JetNet(
        jet_type=["g", "t"], data_dir=str(SAMPLE), num_particles=30, split="train",
        particle_normalisation=FeaturewiseLinear(normal=True, normalise_features=[True, True, True, False]),
        jet_normalisation=FeaturewiseLinearBounded(feature_norms=1.0, feature_shifts=[0, 0, 0, -0.5, 0]))
    assert len(dataset) == 2800
    np.testing.assert_allclose(dataset.jet_normalisation.feature_maxes, _value(golden["jet_maxes"]), rtol=1e-12)
    check_fingerprint(dataset.jet_data, golden["jet_data"])
    _, jet = dataset[0]
    np.testing.assert_allclose(jet, _value(golden["item0_jet"]), rtol=1e-6)
    # normal=True derives the statistics (as the Swift library; jetnet 0.2.5 skips it with its
    # default shifts and scales): the particles are those of jetnet's explicitly derived case.
    np.testing.assert_allclose(dataset.particle_normalisation.feature_shifts, _value(derived["particle_shifts"]), rtol=1e-5)
    check_fingerprint(dataset.particle_data, derived["particle_data"], rtol=1e-5)


def test_dataset_object_with_derived_normal_normalisations():
    golden = GOLDEN["normalisation_dataset_derived"]
    dataset = JetNet(
        jet_type=["g", "t"], data_dir=str(SAMPLE), num_particles=30, split="train",
        particle_normalisation=FeaturewiseLinear(feature_shifts=None, feature_scales=None, normal=True,
                                                 normalise_features=[True, True, True, False]),
        jet_normalisation=FeaturewiseLinear(feature_shifts=None, feature_scales=None, normal=True))
    np.testing.assert_allclose(dataset.particle_normalisation.feature_shifts, _value(golden["particle_shifts"]), rtol=1e-5)
    np.testing.assert_allclose(dataset.particle_normalisation.feature_scales, _value(golden["particle_scales"]), rtol=1e-5)
    np.testing.assert_allclose(dataset.jet_normalisation.feature_shifts, _value(golden["jet_shifts"]), rtol=1e-9)
    np.testing.assert_allclose(dataset.jet_normalisation.feature_scales, _value(golden["jet_scales"]), rtol=1e-9)
    check_fingerprint(dataset.particle_data, golden["particle_data"], rtol=1e-5)


def test_fpnd_norm_matches_jetnet():
    golden = GOLDEN["fpnd_norm_g30"]
    jets, _ = JetNet.getData(jet_type="g", data_dir=str(SAMPLE), particle_features=["etarel", "phirel", "ptrel"],
                             jet_features=None)
    check_fingerprint(jets, golden["input"])
    normed = JetNet.fpnd_norm(jets)
    check_fingerprint(normed, golden["output"])
    assert np.max(np.abs(JetNet.fpnd_norm(normed, inverse=True) - jets)) <= 2 * _value(golden["inverse_roundtrip_maxabs"])


def test_dataset_items_batch_like_a_dataloader():
    """What torch's DataLoader does with a map-style dataset: len(), then dataset[i] per index."""
    dataset = JetNet(jet_type="g", data_dir=str(SAMPLE), split="valid", jet_features=["pt", "mass"],
                     particle_transform=lambda p: p * 2)
    assert len(dataset) == 300
    particles, jets = dataset[5]
    np.testing.assert_array_equal(particles, dataset.particle_data[5] * 2)
    np.testing.assert_array_equal(jets, dataset.jet_data[5])
    batch = [dataset[i] for i in range(4)]
    assert np.stack([p for p, _ in batch]).shape == (4, 30, 4)


def test_jetclass_getdata_matches_the_fixture_files():
    expected = next(f for f in load_json(DATASETS / "jetclass", "expected.json")["files"] if f["file"] == "ZJetsToNuNu_000.root")
    particles, jets, labels = JetClass.getData(jet_type="QCD", data_dir=str(DATASETS / "jetclass"), split="val_5M")
    assert particles.shape == (3, 128, 4) and particles.dtype == np.float32
    np.testing.assert_array_equal(labels, expected["labels"])
    # Particles are zero-padded after each jet's own count.
    np.testing.assert_array_equal((np.abs(particles).sum(axis=2) > 0).sum(axis=1), expected["counts"])
    width = jets.shape[1]
    np.testing.assert_allclose(jets, np.asarray(expected["jets"])[:, :width], rtol=1e-6)


def test_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="download"):
        JetNet.getData(jet_type="g", data_dir=str(tmp_path))


def test_corrupt_file_raises_runtime_error(tmp_path):
    (tmp_path / "g.hdf5").write_bytes(b"not an hdf5 file" * 100)
    with pytest.raises(RuntimeError):
        JetNet.getData(jet_type="g", data_dir=str(tmp_path))


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"jet_type": "x"}, "x"), ({"particle_features": ["eta"]}, "eta"), ({"num_particles": 151}, "151"),
    ({"split": "training"}, "training"), ({"split_fraction": [0.9, 0.2, 0.1]}, "raction"),
])
def test_bad_getdata_arguments_raise_value_error(kwargs, match):
    with pytest.raises(ValueError, match=match):
        JetNet.getData(data_dir=str(SAMPLE), **{"jet_type": "g", **kwargs})
