"""JetClass (Qu et al. 2022): ten classes of jets in ROOT files. Not in jetnet 0.2.5; this class
follows the other datasets' shape (getData and a dataset object)."""
from __future__ import annotations

import numpy as np

from .. import _capi
from .dataset import JetDataset, base_arguments, names


class JetClass(JetDataset):
    """The JetClass dataset read from its ROOT files under ``data_dir`` (optionally inside the
    ``split`` folder: train_100M, val_5M, test_20M)."""

    JET_TYPES = ["QCD", "Hbb", "Hcc", "Hgg", "H4q", "Hqql", "Zqq", "Wqq", "Tbqq", "Tbl"]
    DEFAULT_PARTICLE_FEATURES = ["part_px", "part_py", "part_pz", "part_energy"]
    ALL_JET_FEATURES = ["jet_pt", "jet_eta", "jet_phi", "jet_energy", "jet_nparticles", "jet_sdmass",
                        "jet_tau1", "jet_tau2", "jet_tau3", "jet_tau4"]
    MAX_NUM_PARTICLES = 128

    def __init__(self, jet_type="all", data_dir: str = "./", particle_features=None, jet_features="all",
                 particle_normalisation=None, jet_normalisation=None, particle_transform=None, jet_transform=None,
                 num_particles: int = MAX_NUM_PARTICLES, split: str | None = None, file_numbers=None,
                 jets_per_file: int | None = None):
        particle_features = self.DEFAULT_PARTICLE_FEATURES if particle_features is None else particle_features
        self.particle_data, self.jet_data, self.labels = self.getData(
            jet_type, data_dir, particle_features, jet_features, num_particles, split, file_numbers, jets_per_file)
        super().__init__(**base_arguments(locals()))
        self.jet_type = jet_type
        self.split = split

    @classmethod
    def getData(cls, jet_type="all", data_dir: str = "./", particle_features=None, jet_features="all",
                num_particles: int = MAX_NUM_PARTICLES, split: str | None = None, file_numbers=None,
                jets_per_file: int | None = None):
        """``(particle_data [num_jets, num_particles, num_particle_features], jet_data
        [num_jets, num_jet_features], labels [num_jets])``: float32 features (None when none are
        asked for; zero-padded particles) and int64 class indices into ``JET_TYPES``.
        ``particle_features`` defaults to the four-momentum ``part_px, part_py, part_pz,
        part_energy``; ``jets_per_file`` reads only the first jets of each file."""
        particle_features = cls.DEFAULT_PARTICLE_FEATURES if particle_features is None else particle_features
        particle_features = [] if particle_features is None else (
            [particle_features] if isinstance(particle_features, str) and particle_features != "all" else particle_features)
        outputs = _capi.call_json("get_data", "JetClass", {
            "jet_type": names(jet_type, cls.JET_TYPES, "jet type"), "data_dir": str(data_dir),
            "particle_features": ["all"] if particle_features == "all" else list(particle_features),
            "jet_features": names(jet_features, cls.ALL_JET_FEATURES, "jet feature"),
            "num_particles": int(num_particles), "split": None if split is None else [split],
            "file_numbers": None if file_numbers is None else [int(n) for n in file_numbers],
            "jets_per_file": None if jets_per_file is None else int(jets_per_file)})
        particle_data = None if outputs[0].ndim == 1 else outputs[0]
        jet_data = None if outputs[1].ndim == 1 else outputs[1]
        return particle_data, jet_data, outputs[2].astype(np.int64)

    def __getitem__(self, index):
        particle_data, jet_data = super().__getitem__(index)
        return particle_data, jet_data, self.labels[index]
