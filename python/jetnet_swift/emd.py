"""energyflow.emd's ``emd`` and ``emds`` (energyflow 1.4.0 signatures), computed by the library's
exact network-simplex solver. Events are ``[num_particles, 3]`` arrays ``(pt, y, phi)``."""
from __future__ import annotations

import numpy as np

from . import _capi

__all__ = ["emd", "emds"]


def _check_supported(gdim, dists, mask, weights=None):
    if dists is not None:
        raise _capi.JetNetInputError("dists is not supported; pass events and let the library compute the distances")
    if gdim not in (None, 2):
        raise _capi.JetNetInputError(f"gdim = {gdim} is not supported; events are (pt, y, phi)")
    if mask:
        raise _capi.JetNetInputError("mask=True is not supported")
    if weights is not None:
        raise _capi.JetNetInputError("event weights are not supported")


def emd(ev0, ev1, dists=None, R: float = 1.0, beta: float = 1.0, norm: bool = False, gdim=None, dtype="float64",
        periodic_phi: bool = False, mask: bool = False, return_flow: bool = False, n_iter_max: int = 100000,
        epsilon_large_factor: float = 10000.0, epsilon_small_factor: float = 1.0, **kwargs):
    """The EMD between two events ``[num_particles, 3]`` ``(pt, y, phi)``; with ``return_flow``
    a tuple ``(emd, flow [num_particles0, num_particles1])``."""
    _check_supported(gdim, dists, mask)
    outputs = _capi.call(
        "emd", _capi.Arg(ev0, "ev0"), _capi.Arg(ev1, "ev1"), 0, float(R), float(beta), int(bool(norm)),
        int(bool(periodic_phi)), int(bool(return_flow)))
    distance = float(outputs[0][0])
    return (distance, outputs[1]) if return_flow else distance


def emds(events0, events1=None, R: float = 1.0, beta: float = 1.0, norm: bool = False, gdim=None, dtype="float64",
         pairwise_emd=None, periodic_phi: bool = False, mask: bool = False, external_emd_handler=None,
         events0_weights=None, events1_weights=None, n_jobs: int = -1, print_every: int = 0, verbose: int = 0,
         throw_on_error: bool = True, n_iter_max: int = 100000, epsilon_large_factor: float = 10000.0,
         epsilon_small_factor: float = 1.0, **kwargs) -> np.ndarray:
    """EMDs between all pairs of ``events0`` and ``events1`` (each ``[num_events, num_particles, 3]``
    or a list of ``[num_particles_i, 3]`` events, padded here with zero-pt particles); ``events1``
    None means ``events0`` against itself. Returns ``[len(events0), len(events1)]``."""
    _check_supported(gdim, None, mask, events0_weights if events0_weights is not None else events1_weights)
    if external_emd_handler is not None:
        raise _capi.JetNetInputError("external_emd_handler is not supported")
    first = _stack(events0, "events0")
    second = first if events1 is None else _stack(events1, "events1")
    return _capi.call(
        "emd", _capi.Arg(first, "events0"), _capi.Arg(second, "events1"), 1, float(R), float(beta), int(bool(norm)),
        int(bool(periodic_phi)), 0)[0]


def _stack(events, name):
    """A list of events of different lengths as one zero-padded array."""
    if isinstance(events, np.ndarray) or hasattr(events, "detach"):
        return _capi.as_ndarray(events, name)
    arrays = [np.asarray(e, dtype=np.float64) for e in events]
    if not arrays:
        raise _capi.JetNetInputError(f"{name} is empty; pass at least one event")
    width = arrays[0].shape[-1]
    out = np.zeros((len(arrays), max(a.shape[0] for a in arrays), width))
    for i, a in enumerate(arrays):
        out[i, : a.shape[0]] = a
    return out
