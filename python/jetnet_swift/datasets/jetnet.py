"""jetnet.datasets.JetNet: gluon, light-quark, top, W and Z jets with 30 or 150 particles."""
from __future__ import annotations

import numpy as np

from .. import _capi
from .dataset import JetDataset, base_arguments, data_outputs, names
from .normalisations import FeaturewiseLinearBounded


class JetNet(JetDataset):
    """The JetNet dataset (jetnet 0.2.5's class): ``JetNet.getData(...)`` returns the arrays,
    ``JetNet(...)`` a dataset object with normalisations and transforms."""

    JET_TYPES = ["g", "q", "t", "w", "z"]
    ALL_PARTICLE_FEATURES = ["etarel", "phirel", "ptrel", "mask"]
    ALL_JET_FEATURES = ["type", "pt", "eta", "mass", "num_particles"]
    SPLITS = ["train", "valid", "test", "all"]
    MAX_NUM_PARTICLES = 150

    fpnd_norm = FeaturewiseLinearBounded(
        feature_norms=1.0, feature_shifts=[0.0, 0.0, -0.5],
        feature_maxes=[1.6211985349655151, 0.520724892616272, 0.8934717178344727])

    def __init__(self, jet_type="all", data_dir: str = "./", particle_features="all", jet_features="all",
                 particle_normalisation=None, jet_normalisation=None, particle_transform=None, jet_transform=None,
                 num_particles: int = 30, split: str = "train", split_fraction=None, seed: int = 42,
                 download: bool = False):
        particle_features = names(particle_features, self.ALL_PARTICLE_FEATURES, "particle feature")
        jet_features = names(jet_features, self.ALL_JET_FEATURES, "jet feature")
        if split_fraction is None:
            split_fraction = [0.7, 0.15, 0.15]
        self.particle_data, self.jet_data = self.getData(
            jet_type, data_dir, particle_features, jet_features, num_particles, split, split_fraction, seed, download)
        super().__init__(**base_arguments(locals()))
        self.jet_type = jet_type
        self.split = split
        self.split_fraction = split_fraction

    @classmethod
    def getData(cls, jet_type="all", data_dir: str = "./", particle_features="all", jet_features="all",
                num_particles: int = 30, split: str = "all", split_fraction=None, seed: int = 42,
                download: bool = False):
        """``(particle_data [num_jets, num_particles, num_particle_features] float32,
        jet_data [num_jets, num_jet_features] float64)``, None for no features: the same jets in
        the same order as jetnet's for the same arguments. Files are read from ``data_dir``
        (``g.hdf5``, ``t150.hdf5``, ...) and downloaded from Zenodo with ``download``."""
        outputs = _capi.call_json("get_data", "JetNet", {
            "jet_type": names(jet_type, cls.JET_TYPES, "jet type"),
            "data_dir": str(data_dir),
            "particle_features": names(particle_features, cls.ALL_PARTICLE_FEATURES, "particle feature"),
            "jet_features": names(jet_features, cls.ALL_JET_FEATURES, "jet feature"),
            "num_particles": int(num_particles), "split": [split],
            "split_fraction": [0.7, 0.15, 0.15] if split_fraction is None else [float(f) for f in split_fraction],
            "seed": int(seed), "download": bool(download)})
        particle_data, jet_data = data_outputs(outputs)
        # jetnet prepends the integer class index, which makes its jet data float64.
        return particle_data, (None if jet_data is None else jet_data.astype(np.float64))

    def extra_repr(self) -> str:
        text = f"Including {self.jet_type} jets"
        if self.split == "all":
            return text + "\nUsing all data (no split)"
        return text + f"\nSplit into {self.split} data out of {self.SPLITS} possible splits, with splitting fractions {self.split_fraction}"
