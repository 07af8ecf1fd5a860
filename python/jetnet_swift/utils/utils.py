"""jetnet.utils.utils with jetnet 0.2.5's names and arguments; float32 and float64 inputs are
computed in their own precision."""
from __future__ import annotations

import numpy as np

from .. import _capi

__all__ = ["jet_features", "efps", "to_image", "gen_jet_corrections"]

_DEFAULT_EFPSET_ARGS = [("n==", 4), ("d==", 4), ("p==", 1)]


def jet_features(jets) -> dict:
    """Jet mass, pt and eta from the particles' 4-vectors. ``jets``: ``[num_particles,
    num_features]`` or ``[num_jets, num_particles, num_features]``, features ``[eta, phi, pt,
    (mass)]``. Returns a dict of 0-d arrays (one jet) or arrays ``[num_jets]``."""
    mass, pt, eta, _ = _capi.call("jet_features", _capi.Arg(jets, "jets"))
    return {"mass": mass.squeeze(), "pt": pt.squeeze(), "eta": eta.squeeze()}


def efps(jets, use_particle_masses: bool = False, efpset_args: list | None = None, efp_jobs: int | None = None) -> np.ndarray:
    """Energy Flow Polynomials (energyflow's ``EFPSet(*efpset_args, measure="hadr", beta=1,
    normed=None, coords="ptyphim")``) of ``jets`` ``[num_particles, num_features]`` or
    ``[num_jets, num_particles, num_features]``, features ``[eta, phi, pt, (mass)]``.
    Returns ``[num_efps]`` or ``[num_jets, num_efps]``. ``efp_jobs`` is accepted and unused."""
    selection = _capi.selection_text(_DEFAULT_EFPSET_ARGS if efpset_args is None else efpset_args)
    return _capi.call("efps", _capi.Arg(jets, "jets"), int(bool(use_particle_masses)), selection)[0]


def to_image(jets, im_size: int, mask=None, maxR: float = 1.0) -> np.ndarray:
    """Images ``[im_size, im_size]`` (one jet ``[num_particles, num_features]``) or
    ``[num_jets, im_size, im_size]`` of jets with features ``[eta, phi, pt]``; ``mask``
    ``[num_particles]`` or ``[num_jets, num_particles]``. Unlike jetnet, the input's pt is left
    unchanged when a mask is given."""
    jets = _capi.as_ndarray(jets, "jets")
    single = jets.ndim == 2
    if jets.ndim not in (2, 3):
        raise _capi.JetNetInputError(f"jets has shape {jets.shape}; pass [num_particles, features] or [num_jets, num_particles, features]")
    if mask is not None:
        mask = _capi.as_ndarray(mask, "mask")
        if mask.shape != jets.shape[:-1]:
            raise _capi.JetNetInputError(f"mask has shape {mask.shape} but jets has {jets.shape}; mask must be jets.shape[:-1]")
        mask = mask.astype(jets.dtype if jets.dtype in (np.float32, np.float64) else np.float64)
    if single:
        jets = jets[None]
        mask = None if mask is None else mask[None]
    images = _capi.call("to_image", _capi.Arg(jets, "jets"), int(im_size), _capi.arg(mask, "mask", jets.dtype if jets.dtype in (np.float32, np.float64) else np.float64), float(maxR))[0]
    return images[0] if single else images


def gen_jet_corrections(jets, ret_mask_separate: bool = True, zero_mask_particles: bool = True,
                        zero_neg_pt: bool = True, pt_index: int = 2):
    """Zeroes masked particles and negative pt of ``jets`` ``[num_jets, num_particles,
    num_features]`` whose last feature is the mask. Returns the corrected jets, or with
    ``ret_mask_separate`` a tuple of the jets without the mask column and the boolean mask
    ``[num_jets, num_particles]``. Unlike jetnet, the input array is not modified."""
    outputs = _capi.call(
        "gen_jet_corrections", _capi.Arg(jets, "jets"), int(bool(ret_mask_separate)), int(bool(zero_mask_particles)),
        int(bool(zero_neg_pt)), int(pt_index))
    return (outputs[0], outputs[1]) if ret_mask_separate else outputs[0]
