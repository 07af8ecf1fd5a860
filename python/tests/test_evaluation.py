"""jetnet_swift.evaluation against jetnet 0.2.5's goldens (the Swift metric tests' fixtures)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from conftest import METRICS, assert_close, load_json

from jetnet_swift import evaluation
from jetnet_swift.evaluation import gen_metrics

W1 = load_json(METRICS, "w1_golden.json")
FPD_KPD = load_json(METRICS, "fpd_kpd_reference.json")
EMD = load_json(METRICS, "emd.json")
FPND = load_json(METRICS, "fpnd_golden.json")


def test_smeared_gluons_are_the_goldens_gen_jets(smeared_gluons):
    assert smeared_gluons.shape == (2000, 30, 3)
    assert hashlib.md5(smeared_gluons.tobytes()).hexdigest() == "777c202d3cd9d8d009a42540b04d09d5"


@pytest.mark.parametrize("seed", [0, 7])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_w1p_matches_jetnet(seed, dtype, sample_jets, smeared_gluons):
    g = sample_jets("g")[..., :3].astype(dtype)
    means, stds = evaluation.w1p(g, smeared_gluons.astype(dtype), num_eval_samples=1000, num_batches=3, seed=seed)
    golden = W1[f"seed{seed}"]["w1p_g_vs_smeared_1000x3"]
    assert_close(means, golden[0], rtol=1e-10)
    assert_close(stds, golden[1], rtol=1e-10)


@pytest.mark.parametrize("seed", [0, 7])
def test_w1p_with_masks_matches_jetnet(seed, sample_jets):
    g, t = sample_jets("g"), sample_jets("t")
    means, stds = evaluation.w1p(
        g[..., :3].astype(np.float64), t[..., :3], mask1=g[..., 3], mask2=t[..., 3], exclude_zeros=False,
        num_particle_features=2, num_eval_samples=500, num_batches=4, seed=seed)
    golden = W1[f"seed{seed}"]["w1p_g_vs_t_masks_noexclude_500x4_2feat"]
    assert_close(means, golden[0], rtol=1e-10)
    assert_close(stds, golden[1], rtol=1e-10)


@pytest.mark.parametrize("seed", [0, 7])
def test_w1efp_matches_jetnet_on_float64_efps(seed, sample_jets):
    g, t = sample_jets("g")[..., :3].astype(np.float64), sample_jets("t")[..., :3].astype(np.float64)
    means, stds = evaluation.w1efp(g, t, num_eval_samples=1500, num_batches=5, seed=seed)
    golden = W1["efps_float64"][f"seed{seed}"]["g_vs_t_1500x5"]
    assert_close(means, golden[0], rtol=1e-10)
    assert_close(stds, golden[1], rtol=1e-10)
    # jetnet on float32 input computes float32 EFPs: equal to float32 precision.
    assert_close(means, W1[f"seed{seed}"]["w1efp_g_vs_t_1500x5"][0], rtol=1e-6)


@pytest.mark.parametrize("seed", [0, 7])
def test_w1m_matches_jetnet(seed, sample_jets, smeared_gluons):
    g, t = sample_jets("g")[..., :3], sample_jets("t")[..., :3]
    golden = W1[f"seed{seed}"]
    # jetnet sums float32 4-vectors; the library sums in float64: equal to float32 mass precision.
    assert_close(evaluation.w1m(g, smeared_gluons, num_eval_samples=2000, num_batches=5, seed=seed),
                 golden["w1m_g_vs_smeared_2000x5"], rtol=2e-4)
    assert_close(evaluation.w1m(g, t, seed=seed), golden["w1m_g_vs_t_defaults"], rtol=2e-4)


def test_w1_return_types(sample_jets):
    g = sample_jets("g")[:200, :, :3]
    mean = evaluation.w1m(g, g, num_eval_samples=100, num_batches=2, return_std=False, seed=1)
    assert np.ndim(mean) == 0
    means = evaluation.w1p(g, g, num_eval_samples=100, num_batches=2, return_std=False, seed=1)
    assert means.shape == (3,)
    means, stds = evaluation.w1efp(g, g, num_eval_samples=100, num_batches=2, seed=1)
    assert means.shape == (5,) and stds.shape == (5,)


def test_unseeded_draws_from_module_rng(sample_jets):
    g, t = sample_jets("g")[:300, :, :3], sample_jets("t")[:300, :, :3]
    gen_metrics.rng = np.random.default_rng(123)
    first = evaluation.w1m(g, t, num_eval_samples=200, num_batches=3)
    gen_metrics.rng = np.random.default_rng(123)
    assert evaluation.w1m(g, t, num_eval_samples=200, num_batches=3) == first
    assert evaluation.w1m(g, t, num_eval_samples=200, num_batches=3) != first


@pytest.fixture(scope="module")
def efp_features():
    return np.load(METRICS / "efps_d4_g.npy").astype(np.float64), np.load(METRICS / "efps_d4_t.npy").astype(np.float64)


def test_fpd_matches_jetnet(efp_features):
    g, t = efp_features
    reference = FPD_KPD["on_fixture_features"]
    # The value to 1e-6; its error, the standard error of the 1/N extrapolation over 200 draws,
    # amplifies the per-draw distances' last digits, so it is held to 2e-5 (as Swift's FPDTests).
    for gen, key in ((t, "fpd_g_vs_t_defaults"), (g, "fpd_g_vs_g_defaults")):
        value, error = evaluation.fpd(g, gen)
        assert_close(value, reference[key][0], rtol=1e-6, what=f"{key} value")
        assert_close(error, reference[key][1], rtol=2e-5, what=f"{key} error")


def test_kpd_matches_jetnet(efp_features):
    g, t = efp_features
    reference = FPD_KPD["on_fixture_features"]
    assert_close(evaluation.kpd(g, t), reference["kpd_g_vs_t_defaults"], rtol=1e-6, atol=1e-12)
    assert_close(evaluation.kpd(g, g), reference["kpd_g_vs_g_defaults"], rtol=1e-6, atol=1e-12)
    assert_close(evaluation.kpd(g, t, num_batches=6, batch_size=1000, normalise=False, seed=9),
                 reference["kpd_g_vs_t_1000x6_seed9_unnormalised"], rtol=1e-6, atol=1e-12)
    # num_threads is accepted and does not change the values.
    assert evaluation.kpd(g, t, num_threads=2) == evaluation.kpd(g, t)


def test_fpd_kpd_on_jet_features_of_smeared_gluons(sample_jets, smeared_gluons):
    golden = FPD_KPD["golden"]
    real = evaluation.get_fpd_kpd_jet_features(sample_jets("g")[..., :3])
    gen = evaluation.get_fpd_kpd_jet_features(smeared_gluons)
    assert real.shape == (2000, 36) and real.dtype == np.float64
    fingerprint = golden["fpd_kpd_features"]["g"]
    assert_close(real.sum(), fingerprint["sum"], rtol=1e-7)
    assert_close(real.reshape(-1)[:12], fingerprint["first"], rtol=2e-5)
    assert_close(evaluation.fpd(real, gen), golden["fpd"]["g_vs_gen_defaults"], rtol=1e-5)
    assert_close(evaluation.kpd(real, gen), golden["kpd"]["g_vs_gen_defaults"], rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize(("name", "args", "expected"), [
    ("g_vs_t_seed0_50x3", ("t", 50, 3, 0), "cov_mmd_g_vs_t_seed0_50x3"),
    ("g_vs_t_seed7_50x3", ("t", 50, 3, 7), "cov_mmd_g_vs_t_seed7_50x3"),
    ("g_vs_smeared_seed0", ("smeared", 100, 10, 0), "cov_mmd_g_vs_smeared_seed0_defaults"),
])
def test_cov_mmd_matches_jetnet(name, args, expected, sample_jets, smeared_gluons):
    other, samples, batches, seed = args
    gen = smeared_gluons if other == "smeared" else sample_jets(other)[..., :3]
    cov, mmd = evaluation.cov_mmd(sample_jets("g")[..., :3], gen, num_eval_samples=samples, num_batches=batches,
                                  seed=seed, use_tqdm=False)
    assert_close([cov, mmd], EMD[expected], rtol=1e-9)


@pytest.mark.parametrize("jet_type", ["g", "t"])
def test_fpnd_matches_jetnet(jet_type, sample_jets):
    with pytest.warns(RuntimeWarning, match="Recommended number of jets"):
        value = evaluation.fpnd(sample_jets(jet_type)[..., :3], jet_type)
    assert_close(value, FPND[f"fpnd_{jet_type}_sample_vs_{jet_type}"], rtol=1e-3)


def test_fpnd_of_smeared_gluons(smeared_gluons):
    with pytest.warns(RuntimeWarning):
        assert_close(evaluation.fpnd(smeared_gluons, "g"), FPND["fpnd_smeared_g_vs_g"], rtol=1e-3)


def _cpu_has_avx512_fp16() -> bool:
    """Whether the CPU has AVX512-FP16, from the kernel's CPU flags (the package is Linux-only)."""
    return any(line.startswith("flags") and "avx512_fp16" in line.split()
               for line in Path("/proc/cpuinfo").read_text().splitlines())


@pytest.mark.filterwarnings("ignore:Recommended number of jets")
@pytest.mark.parametrize("jet_type", ["g", "t"])
def test_fpnd_float16_is_within_1e_3_of_float32_and_jetnet(jet_type, sample_jets):
    """precision="float16" reaches Swift's float16 ParticleNet: within the 1e-3 relative of the
    Swift precision study (float16 moves FPND by 3-4e-4 there) of our float32 value and of
    jetnet's golden, yet not the float32 value; a CPU without AVX512-FP16 refuses it."""
    jets = sample_jets(jet_type)[..., :3]
    if not _cpu_has_avx512_fp16():
        with pytest.raises(ValueError, match=r"float16 needs AVX512-FP16") as info:
            evaluation.fpnd(jets, jet_type, precision="float16")
        assert "\n" not in str(info.value)
        return
    half = evaluation.fpnd(jets, jet_type, precision="float16")
    single = evaluation.fpnd(jets, jet_type)
    assert_close(half, single, rtol=1e-3, what="float16 vs float32")
    assert_close(half, FPND[f"fpnd_{jet_type}_sample_vs_{jet_type}"], rtol=1e-3, what="float16 vs jetnet")
    assert half != single


@pytest.mark.filterwarnings("ignore:Recommended number of jets")
def test_fpnd_precision_float32_is_the_default(smeared_gluons):
    assert evaluation.fpnd(smeared_gluons, "g", precision="float32") == evaluation.fpnd(smeared_gluons, "g")


def test_fpnd_precision_is_keyword_only(smeared_gluons):
    # jetnet's positional arguments stay jetnet's: a seventh positional argument is an error.
    with pytest.raises(TypeError):
        evaluation.fpnd(smeared_gluons, "g", "jetnet", None, 16, False, "float16")


def test_jetnets_own_constant_cases():
    """jetnet's tests/evaluation cases, with the jetnet values of those inputs."""
    zeros, twos = np.zeros((50_000, 2)), np.ones((50_000, 2)) * 2
    reference = FPD_KPD["golden"]["jetnet_tests"]
    # Constant features: the error is the spread of round-off, equal to 2e-3 relative.
    for result, expected in [(evaluation.fpd(twos, zeros), reference["fpd_twos_zeros"]),
                             (evaluation.fpd(twos, zeros, normalise=False), reference["fpd_twos_zeros_unnorm"])]:
        assert_close(result[0], expected[0], rtol=1e-5)
        assert_close(result[1], expected[1], rtol=2e-3)
    assert evaluation.kpd(twos, zeros) == pytest.approx(reference["kpd_twos_zeros"])
    assert evaluation.kpd(twos, zeros, normalise=False) == pytest.approx(reference["kpd_twos_zeros_unnorm"])
