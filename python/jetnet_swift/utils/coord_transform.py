"""jetnet.utils.coord_transform: 4-vector coordinate transforms, shapes ``[..., 4]`` (or
``[..., 3]`` for relative polar coordinates), in the input's precision."""
from __future__ import annotations

from .. import _capi

__all__ = [
    "cartesian_to_EtaPhiPtE", "EtaPhiPtE_to_cartesian", "cartesian_to_YPhiPtE", "YPhiPtE_to_cartesian",
    "cartesian_to_relEtaPhiPt", "EtaPhiPtE_to_relEtaPhiPt", "relEtaPhiPt_to_EtaPhiPt", "relEtaPhiPt_to_cartesian",
]

_CARTESIAN = ("cartesian", "epxpypz", "e_px_py_pz")
_POLAR = ("polar", "etaphipte", "eta_phi_pt_e")


def _transform(name, p4, jet_features=None, jet_coord="cartesian"):
    coordinates = str(jet_coord).lower()
    if coordinates in _CARTESIAN:
        coordinates = "cartesian"
    elif coordinates in _POLAR:
        coordinates = "polar"
    else:
        raise _capi.JetNetInputError(f"jet_coord = {jet_coord!r} is not allowed; use 'cartesian' or 'polar'")
    return _capi.call("coord_transform", name, _capi.Arg(p4, "p4"), _capi.arg(jet_features, "jet_features"), coordinates)[0]


def cartesian_to_EtaPhiPtE(p4):
    """``(E, px, py, pz)`` to ``(eta, phi, pt, E)``."""
    return _transform("cartesian_to_EtaPhiPtE", p4)


def EtaPhiPtE_to_cartesian(p4):
    """``(eta, phi, pt, E)`` to ``(E, px, py, pz)``."""
    return _transform("EtaPhiPtE_to_cartesian", p4)


def cartesian_to_YPhiPtE(p4):
    """``(E, px, py, pz)`` to ``(y, phi, pt, E)``."""
    return _transform("cartesian_to_YPhiPtE", p4)


def YPhiPtE_to_cartesian(p4):
    """``(y, phi, pt, E)`` to ``(E, px, py, pz)``."""
    return _transform("YPhiPtE_to_cartesian", p4)


def cartesian_to_relEtaPhiPt(p4):
    """Particles ``[..., num_particles, 4]`` ``(E, px, py, pz)`` to ``(eta_rel, phi_rel, pt_rel)``
    relative to their jet."""
    return _transform("cartesian_to_relEtaPhiPt", p4)


def EtaPhiPtE_to_relEtaPhiPt(p4):
    """Particles ``[..., num_particles, 4]`` ``(eta, phi, pt, E)`` to ``(eta_rel, phi_rel,
    pt_rel)`` relative to their jet."""
    return _transform("EtaPhiPtE_to_relEtaPhiPt", p4)


def relEtaPhiPt_to_EtaPhiPt(p_polarrel, jet_features, jet_coord: str = "cartesian"):
    """Relative ``[..., num_particles, 3]`` to absolute ``(eta, phi, pt, E)`` given the jets
    ``[..., 4]`` in ``jet_coord`` ("cartesian" ``(E, px, py, pz)`` or "polar" ``(eta, phi, pt, E)``)."""
    return _transform("relEtaPhiPt_to_EtaPhiPt", p_polarrel, jet_features, jet_coord)


def relEtaPhiPt_to_cartesian(p_polarrel, jet_features, jet_coord: str = "cartesian"):
    """Relative ``[..., num_particles, 3]`` to absolute ``(E, px, py, pz)`` given the jets
    ``[..., 4]`` in ``jet_coord``."""
    return _transform("relEtaPhiPt_to_cartesian", p_polarrel, jet_features, jet_coord)
