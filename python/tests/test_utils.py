"""jetnet_swift.utils against jetnet 0.2.5 / energyflow 1.4.0 goldens (the Swift physics fixtures)."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import PHYSICS, assert_close, load_json

from jetnet_swift import utils

GOLDEN = load_json(PHYSICS, "physics_golden.json")
EFP_GOLDEN = load_json(PHYSICS, "efp_golden.json")


@pytest.fixture(scope="module")
def g200():
    return np.load(PHYSICS / "g30_first200.npy")


def _graph_columns(selection_graphs, all_graphs):
    return [all_graphs.index(graph) for graph in selection_graphs]


@pytest.mark.parametrize(("name", "file", "args"), [
    ("default_n4_d4_p1", "efp_golden_default_n4_d4_p1", None),
    ("d<=4", "efp_golden_dle4", [("d<=", 4)]),
    ("d<=5", "efp_golden_dle5", ["d<=5"]),
])
def test_efps_match_energyflow(name, file, args, g200):
    jets = g200[:100, :, :3]
    golden32 = np.load(PHYSICS / f"{file}.npy")
    full64 = np.load(PHYSICS / "efp_f64_dle5_g100.npy")
    columns = _graph_columns(EFP_GOLDEN["sets"][name]["graphs"], EFP_GOLDEN["sets"]["d<=5"]["graphs"])
    # float64 input: energyflow's float64 values to 1e-12.
    values64 = utils.efps(jets.astype(np.float64), efpset_args=args)
    assert values64.shape == golden32.shape
    assert_close(values64, full64[:, columns], rtol=1e-12)
    # float32 input: energyflow computes in float32 there; equal within float32 rounding.
    assert_close(utils.efps(jets, efpset_args=args), golden32, rtol=2e-5)


def test_efps_of_one_jet_and_particle_masses(g200):
    jet = g200[0, :, :3].astype(np.float64)
    assert_close(utils.efps(jet), utils.efps(jet[None])[0], rtol=0)
    massive = np.concatenate([jet, np.abs(jet[:, 2:3]) * 0.01], axis=1)
    # Under the hadronic measure the particle masses do not change the EFPs.
    assert_close(utils.efps(massive, use_particle_masses=True), utils.efps(jet), rtol=1e-12)


def test_jet_features_match_jetnet(g200):
    reference = GOLDEN["float64_jet_features_g_first200"]
    features = utils.jet_features(g200[..., :3].astype(np.float64))
    assert set(features) == {"mass", "pt", "eta"}
    pt = features["pt"]
    # The mass is a cancellation t^2 - |p|^2: compare m^2 on the scale of pt^2.
    assert np.all(np.abs(features["mass"] ** 2 - np.asarray(reference["mass"]) ** 2) <= 1e-13 * pt**2)
    assert_close(pt, reference["pt"], rtol=1e-12, atol=1e-15)
    assert_close(features["eta"], reference["eta"], rtol=1e-12, atol=1e-15)
    # float32 input against jetnet's float32 arithmetic.
    golden = GOLDEN["jet_features_g_first200"]
    features32 = utils.jet_features(g200[..., :3])
    assert_close(features32["pt"], golden["pt"], rtol=1e-5)
    assert_close(features32["mass"], golden["mass"], rtol=1e-3, atol=1e-5)


def test_jet_features_of_one_jet():
    golden = GOLDEN["jet_features_t_jet5"]
    features = utils.jet_features(np.load(PHYSICS / "t30_jet5.npy")[:, :3])
    assert features["pt"].shape == ()
    assert_close([features["mass"], features["pt"], features["eta"]], [golden["mass"], golden["pt"], golden["eta"]],
                 rtol=1e-5)


@pytest.mark.parametrize("case", range(3))
def test_to_image_matches_jetnet(case, g200):
    entry = GOLDEN["to_image"][case]
    size, max_r = entry["args"]["im_size"], entry["args"]["maxR"]
    images = utils.to_image(g200[:20, :, :3], im_size=size, maxR=max_r)
    assert images.shape == (20, size, size)
    np.testing.assert_array_equal(images[0], entry["image0"])
    np.testing.assert_array_equal(images.reshape(-1)[:12], entry["first"])
    np.testing.assert_array_equal(images.reshape(-1)[-12:], entry["last"])
    assert_close(images.sum(), entry["sum"], rtol=1e-12)


def test_to_image_single_masked_jet(g200):
    jet = g200[3].copy()
    image = utils.to_image(jet[:, :3], im_size=25, mask=jet[:, 3], maxR=0.4)
    np.testing.assert_array_equal(image, GOLDEN["to_image_single_masked"]["image"])
    np.testing.assert_array_equal(jet, g200[3])  # input untouched


def test_gen_jet_corrections_match_jetnet():
    golden = GOLDEN["gen_jet_corrections"]
    jets = np.asarray(golden["input"], dtype=np.float32)
    before = jets.copy()
    particles, mask = utils.gen_jet_corrections(jets)
    assert particles.shape == (10, 30, 3) and mask.dtype == np.bool_
    np.testing.assert_array_equal(particles, np.asarray(golden["jets"], dtype=np.float32))
    np.testing.assert_array_equal(mask, np.asarray(golden["mask"], dtype=bool))
    np.testing.assert_array_equal(utils.gen_jet_corrections(jets, ret_mask_separate=False),
                                  np.asarray(golden["no_separate"], dtype=np.float32))
    np.testing.assert_array_equal(jets, before)
    # float64 input keeps its precision.
    corrected64 = utils.gen_jet_corrections(jets.astype(np.float64) + 1e-12, ret_mask_separate=False)
    assert corrected64.dtype == np.float64


COORDS = [
    ("cartesian_to_EtaPhiPtE", "cartesian_input"), ("cartesian_to_YPhiPtE", "cartesian_input"),
    ("cartesian_to_relEtaPhiPt", "cartesian_input"), ("EtaPhiPtE_to_cartesian", "cartesian_to_EtaPhiPtE"),
    ("EtaPhiPtE_to_relEtaPhiPt", "cartesian_to_EtaPhiPtE"), ("YPhiPtE_to_cartesian", "cartesian_to_YPhiPtE"),
]


@pytest.mark.parametrize(("name", "source"), COORDS)
def test_coordinate_transforms_match_jetnet(name, source):
    result = getattr(utils, name)(np.load(PHYSICS / f"coords_{source}.npy"))
    assert_close(result, np.load(PHYSICS / f"coords_{name}.npy"), rtol=1e-9, atol=1e-12)


def test_relative_to_absolute_match_jetnet():
    relative = np.load(PHYSICS / "coords_cartesian_to_relEtaPhiPt.npy")
    jets = np.load(PHYSICS / "coords_jet_cartesian_input.npy")
    assert_close(utils.relEtaPhiPt_to_EtaPhiPt(relative, jets), np.load(PHYSICS / "coords_relEtaPhiPt_to_EtaPhiPt.npy"),
                 rtol=1e-9, atol=1e-12)
    assert_close(utils.relEtaPhiPt_to_cartesian(relative, jets), np.load(PHYSICS / "coords_relEtaPhiPt_to_cartesian.npy"),
                 rtol=1e-9, atol=1e-12)
    polar = utils.cartesian_to_EtaPhiPtE(jets)
    assert_close(utils.relEtaPhiPt_to_EtaPhiPt(relative, polar, jet_coord="polar"),
                 np.load(PHYSICS / "coords_relEtaPhiPt_to_EtaPhiPt_polar_jet.npy"), rtol=1e-9, atol=1e-12)


def test_transforms_keep_float32():
    p4 = np.load(PHYSICS / "coords_cartesian_input.npy").astype(np.float32)
    assert utils.cartesian_to_EtaPhiPtE(p4).dtype == np.float32
