"""jetnet.evaluation.gen_metrics with jetnet 0.2.5's names, arguments, defaults and return types.

The sampling metrics (w1m, w1p, w1efp, cov_mmd) draw from NumPy's ``default_rng``. jetnet draws
from its module generator ``rng``; here each of them takes ``seed=``: with ``seed=s`` the result
equals jetnet's after ``jetnet.evaluation.gen_metrics.rng = np.random.default_rng(s)``. Without a
seed one is drawn from this module's ``rng`` (unseeded, as jetnet's), so results vary per call.
"""
from __future__ import annotations

import warnings

import numpy as np

from .. import _capi

__all__ = ["w1m", "w1p", "w1efp", "fpd", "kpd", "cov_mmd", "fpnd", "get_fpd_kpd_jet_features"]

rng = np.random.default_rng()

_DEFAULT_EFPSET_ARGS = [("n==", 4), ("d==", 4), ("p==", 1)]
_FPND_NUM_SAMPLES = 50_000


def _seed(seed) -> int:
    if seed is None:
        return int(rng.integers(0, 2**63))
    seed = int(seed)
    if seed < 0:
        raise _capi.JetNetInputError(f"seed = {seed} is not allowed; it must be a non-negative integer")
    return seed


def _w1_return(outputs, return_std: bool, scalar: bool):
    means = outputs[0]
    if scalar:
        means = means[0]
    if not return_std:
        return means
    stds = outputs[1][0] if scalar else outputs[1]
    return means, stds


def w1m(jets1, jets2, num_eval_samples: int = 50_000, num_batches: int = 5, return_std: bool = True, seed=None):
    """W1 distance between the jet masses of ``jets1`` and ``jets2``
    (``[num_jets, num_particles, num_features]``, features ``[eta, phi, pt, (mass)]``).

    Returns ``(mean, std)`` over the batches, or the mean alone when ``return_std`` is False
    (jetnet 0.2.5 returns ``(mean, mean)`` there, an operator-precedence slip)."""
    outputs = _capi.call(
        "w1m", _capi.Arg(jets1, "jets1"), _capi.Arg(jets2, "jets2"), int(num_eval_samples), int(num_batches),
        _seed(seed), int(bool(return_std)))
    return _w1_return(outputs, return_std, scalar=True)


def w1p(jets1, jets2, mask1=None, mask2=None, exclude_zeros: bool = True, num_particle_features: int = 0,
        num_eval_samples: int = 50_000, num_batches: int = 5, return_std: bool = True, seed=None):
    """W1 distances between the particle features of ``jets1`` and ``jets2``
    (``[num_jets, num_particles, num_features]``); masks ``[num_jets, num_particles]``.

    Returns ``(means, stds)`` arrays ``[num_particle_features]``, or the means alone."""
    outputs = _capi.call(
        "w1p", _capi.Arg(jets1, "jets1"), _capi.Arg(jets2, "jets2"),
        _capi.arg(mask1, "mask1"), _capi.arg(mask2, "mask2"), int(bool(exclude_zeros)),
        int(num_particle_features or 0), int(num_eval_samples), int(num_batches), _seed(seed), int(bool(return_std)))
    return _w1_return(outputs, return_std, scalar=False)


def w1efp(jets1, jets2, use_particle_masses: bool = False, efpset_args: list | None = None,
          num_eval_samples: int = 50_000, num_batches: int = 5, return_std: bool = True, efp_jobs: int | None = None,
          seed=None):
    """W1 distances between the EFPs of ``jets1`` and ``jets2`` (``[num_jets, num_particles,
    num_features]``, features ``[eta, phi, pt, (mass)]``); ``efp_jobs`` is accepted and unused
    (the library uses every core).

    Returns ``(means, stds)`` arrays ``[num_efps]``, or the means alone."""
    selection = _capi.selection_text(_DEFAULT_EFPSET_ARGS if efpset_args is None else efpset_args)
    outputs = _capi.call(
        "w1efp", _capi.Arg(jets1, "jets1"), _capi.Arg(jets2, "jets2"), int(bool(use_particle_masses)), selection,
        int(num_eval_samples), int(num_batches), _seed(seed), int(bool(return_std)))
    return _w1_return(outputs, return_std, scalar=False)


def cov_mmd(real_jets, gen_jets, num_eval_samples: int = 100, num_batches: int = 10, use_tqdm: bool = True,
            seed=None) -> tuple[float, float]:
    """Coverage and MMD between ``real_jets`` and ``gen_jets`` (``[num_jets, num_particles,
    num_features]``, features ``[eta, phi, pt]``) with the Energy Mover's Distance.
    ``use_tqdm`` is accepted; no progress bar is drawn."""
    cov, mmd = _capi.call(
        "cov_mmd", _capi.Arg(real_jets, "real_jets"), _capi.Arg(gen_jets, "gen_jets"), int(num_eval_samples),
        int(num_batches), _seed(seed))[0]
    return float(cov), float(mmd)


def fpd(real_features, gen_features, min_samples: int = 20_000, max_samples: int = 50_000, num_batches: int = 20,
        num_points: int = 10, normalise: bool = True, seed: int = 42) -> tuple[float, float]:
    """Fréchet physics distance between ``real_features`` and ``gen_features``
    (``[num_samples, num_features]``). Returns ``(value, error)``."""
    value, error = _capi.call(
        "fpd", _capi.Arg(real_features, "real_features", np.float64), _capi.Arg(gen_features, "gen_features", np.float64),
        int(min_samples), int(max_samples), int(num_batches), int(num_points), int(bool(normalise)), _seed(seed))[0]
    return float(value), float(error)


def kpd(real_features, gen_features, num_batches: int = 10, batch_size: int = 5_000, normalise: bool = True,
        seed: int = 42, num_threads: int | None = None) -> tuple[float, float]:
    """Kernel physics distance between ``real_features`` and ``gen_features``
    (``[num_samples, num_features]``). Returns ``(median, error)``.

    ``num_threads`` is accepted; the library always uses every core and gives jetnet's
    ``num_threads=None`` values (jetnet's numba path seeds NumPy's legacy generator instead)."""
    if num_threads is not None and int(num_threads) < 0:
        raise _capi.JetNetInputError(f"num_threads = {num_threads} is not allowed; it must be None or >= 0")
    value, error = _capi.call(
        "kpd", _capi.Arg(real_features, "real_features", np.float64), _capi.Arg(gen_features, "gen_features", np.float64),
        int(num_batches), int(batch_size), int(bool(normalise)), _seed(seed))[0]
    return float(value), float(error)


def fpnd(jets, jet_type: str, dataset_name: str = "jetnet", device: str | None = None, batch_size: int = 16,
         use_tqdm: bool = True, *, precision: str = "float32") -> float:
    """Fréchet ParticleNet Distance of ``jets`` (``[num_jets, 30, 3]``, features ``[etarel,
    phirel, ptrel]``) against jetnet's statistics for ``jet_type`` (g, q, t). The first
    50,000 jets are used. ``device``, ``batch_size`` and ``use_tqdm`` are accepted; the network
    runs on the CPU.

    ``precision`` (keyword only, not in jetnet) is ParticleNet's per-edge arithmetic:
    ``"float32"`` (the default, as jetnet) or ``"float16"``, faster and within 1e-3 relative of
    float32, on CPUs with AVX512-FP16 only (elsewhere a ValueError); the same words as Swift's
    ``ParticleNet.Precision`` and ``jetnet evaluate --fpnd-precision``."""
    if dataset_name != "jetnet":
        raise _capi.JetNetInputError("Only JetNet is currently supported with FPND")
    jets = _capi.as_ndarray(jets, "jets")
    if jets.ndim >= 1 and jets.shape[0] < _FPND_NUM_SAMPLES:
        warnings.warn(f"Recommended number of jets for FPND calculation is {_FPND_NUM_SAMPLES}", RuntimeWarning, stacklevel=2)
    return float(_capi.call("fpnd_precision", _capi.Arg(jets, "jets"), str(jet_type), 0, str(precision))[0][0])


def get_fpd_kpd_jet_features(jets, efp_jobs: int | None = None) -> np.ndarray:
    """The 36 EFPs with d <= 4 of ``jets`` (``[num_jets, num_particles, num_features]``,
    features ``[eta, phi, pt]``), for fpd and kpd. Returns ``[num_jets, 36]``."""
    return _capi.call("fpd_kpd_jet_features", _capi.Arg(jets, "jets"))[0]
