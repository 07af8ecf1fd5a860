"""jetnet.datasets.QuarkGluon: Pythia quark and gluon jets (Komiske et al.)."""
from __future__ import annotations

from .. import _capi
from .dataset import JetDataset, base_arguments, data_outputs, names


class QuarkGluon(JetDataset):
    """The Quark Gluon dataset (jetnet 0.2.5's class)."""

    JET_TYPES = ["g", "q"]
    ALL_PARTICLE_FEATURES = ["pt", "eta", "phi", "pdgid"]
    ALL_JET_FEATURES = ["type"]
    SPLITS = ["train", "valid", "test", "all"]
    MAX_NUM_PARTICLES = 153

    def __init__(self, jet_type="all", data_dir: str = "./", with_bc: bool = True, particle_features="all",
                 jet_features="all", particle_normalisation=None, jet_normalisation=None, particle_transform=None,
                 jet_transform=None, num_particles: int = MAX_NUM_PARTICLES, split: str = "train", split_fraction=None,
                 seed: int = 42, file_list=None, download: bool = False):
        particle_features = names(particle_features, self.ALL_PARTICLE_FEATURES, "particle feature")
        jet_features = names(jet_features, self.ALL_JET_FEATURES, "jet feature")
        if split_fraction is None:
            split_fraction = [0.7, 0.15, 0.15]
        self.particle_data, self.jet_data = self.getData(
            jet_type, data_dir, with_bc, particle_features, jet_features, num_particles, split, split_fraction, seed,
            file_list, download)
        super().__init__(**base_arguments(locals()))
        self.jet_type = jet_type
        self.split = split
        self.split_fraction = split_fraction

    @classmethod
    def getData(cls, jet_type="all", data_dir: str = "./", with_bc: bool = True, particle_features="all",
                jet_features="all", num_particles: int = MAX_NUM_PARTICLES, split: str = "all", split_fraction=None,
                seed: int = 42, file_list=None, download: bool = False):
        """``(particle_data [num_jets, num_particles, num_particle_features], jet_data
        [num_jets, 1])`` float32, None for no features, from the ``.npz`` files in ``data_dir``."""
        outputs = _capi.call_json("get_data", "QuarkGluon", {
            "jet_type": names(jet_type, cls.JET_TYPES, "jet type"), "data_dir": str(data_dir),
            "with_bc": bool(with_bc),
            "particle_features": names(particle_features, cls.ALL_PARTICLE_FEATURES, "particle feature"),
            "jet_features": names(jet_features, cls.ALL_JET_FEATURES, "jet feature"),
            "num_particles": int(num_particles), "split": [split],
            "split_fraction": [0.7, 0.15, 0.15] if split_fraction is None else [float(f) for f in split_fraction],
            "seed": int(seed), "file_list": None if file_list is None else list(file_list),
            "download": bool(download)})
        return data_outputs(outputs)
