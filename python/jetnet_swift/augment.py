"""Seeded physics-inspired augmentations of jets (JetCLR, RODEM, weaver), as ``jetnet augment``.

    from jetnet_swift.augment import augment
    views = augment(jets, "rotate, collinear-split, smear", seed=1)   # jets [jets, particles, 4]

Each jet draws from its own random stream of ``seed``, so the result depends only on the jets,
the pipeline and the seed, never on the number of threads.
"""
from __future__ import annotations

import numpy as np

from . import _capi

__all__ = ["augment", "FRAMES"]

FRAMES = ("relative", "absolute", "cartesian")
_DEFAULT_MASK = object()


def augment(jets, pipeline: str = "rotate,translate,smear,collinear-split", seed: int = 0, *,
            frame: str = "relative", eta: int = 0, phi: int = 1, pt: int = 2, momentum=(0, 1, 2, 3),
            mask=_DEFAULT_MASK, jet_pt: float = 1000.0) -> np.ndarray:
    """Augments a copy of ``jets``.

    Args:
        jets: ``[num_jets, num_particles, num_features]``, or one jet ``[num_particles,
            num_features]`` (numpy array, torch tensor or nested list; float64 is converted to
            float32, the precision the library augments in).
        pipeline: stages in order, comma-separated, each optionally with parameters, as
            ``jetnet augment --with``: ``rotate``, ``translate(width=1)``,
            ``smear(strength=0.1, pt-min=0.1)``, ``collinear-fill``,
            ``collinear-split(max-splits=20, min-pt=0)``, ``merge(...)``, ``crop(...)``,
            ``boost(...)``, ``pt-dropout(sigma=S)``, ``input-dropout(probability=P)``,
            ``four-vector-scale/smear/shift(sigma=S)``.
        seed: seed of the per-jet random streams (0 to 2**64 - 1).
        frame: ``"relative"`` (etarel, phirel, ptrel), ``"absolute"`` (eta, phi, pt in GeV) or
            ``"cartesian"`` (E, px, py, pz in GeV).
        eta, phi, pt: feature indices of the angles and pt (relative and absolute frames).
        momentum: feature indices of ``(E, px, py, pz)`` (cartesian frame).
        mask: feature index of the mask (non-zero for a real particle), or ``None`` when a
            particle is real exactly when its pt is positive. Default, as the CLI: feature 3
            when there are at least 4 features (relative/absolute), else ``None``.
        jet_pt: GeV per unit ptrel, for the parameters measured in GeV (relative frame).

    Returns:
        float32 ``ndarray`` of the same shape as ``jets``.

    Raises:
        ValueError: a bad pipeline text, layout, shape or parameter, with the library's message.
    """
    if frame not in FRAMES:
        raise _capi.JetNetInputError(f"frame = {frame!r} is not allowed; it must be one of {', '.join(FRAMES)}.")
    momentum = tuple(int(i) for i in momentum)
    if len(momentum) != 4:
        raise _capi.JetNetInputError(f"momentum = {momentum} must be four feature indices (E, px, py, pz).")
    array = _capi.Arg(jets, "jets", np.float32)
    if mask is _DEFAULT_MASK:
        mask = 3 if frame != "cartesian" and array.array.ndim >= 1 and array.array.shape[-1] >= 4 else None
    if not 0 <= int(seed) < 2**64:
        raise _capi.JetNetInputError(f"seed = {seed} is not allowed; it must be in 0 ..< 2**64.")
    return _capi.call(
        "augment", array, str(pipeline), int(seed), frame, int(eta), int(phi), int(pt), *momentum,
        -1 if mask is None else int(mask), float(jet_pt))[0]
