"""jetnet.datasets.TopTagging: the top-quark tagging reference dataset (QCD and top jets)."""
from __future__ import annotations

from .. import _capi
from .dataset import JetDataset, base_arguments, data_outputs, names


class TopTagging(JetDataset):
    """The Top Quark Tagging dataset (jetnet 0.2.5's class)."""

    JET_TYPES = ["qcd", "top"]
    ALL_PARTICLE_FEATURES = ["E", "px", "py", "pz"]
    ALL_JET_FEATURES = ["type", "E", "px", "py", "pz"]
    SPLITS = ["train", "valid", "test"]
    MAX_NUM_PARTICLES = 200

    def __init__(self, jet_type="all", data_dir: str = "./", particle_features="all", jet_features="all",
                 particle_normalisation=None, jet_normalisation=None, particle_transform=None, jet_transform=None,
                 num_particles: int = MAX_NUM_PARTICLES, split: str = "train", download: bool = False):
        particle_features = names(particle_features, self.ALL_PARTICLE_FEATURES, "particle feature")
        jet_features = names(jet_features, self.ALL_JET_FEATURES, "jet feature")
        self.particle_data, self.jet_data = self.getData(
            jet_type, data_dir, particle_features, jet_features, num_particles, split, download)
        super().__init__(**base_arguments(locals()))
        self.jet_type = jet_type
        self.split = split

    @classmethod
    def getData(cls, jet_type="all", data_dir: str = "./", particle_features="all", jet_features="all",
                num_particles: int = MAX_NUM_PARTICLES, split="all", download: bool = False):
        """``(particle_data [num_jets, num_particles, num_particle_features], jet_data
        [num_jets, num_jet_features])`` float32, None for no features; ``split`` one of train,
        valid, test, all (or a list of them)."""
        outputs = _capi.call_json("get_data", "TopTagging", {
            "jet_type": names(jet_type, cls.JET_TYPES, "jet type"), "data_dir": str(data_dir),
            "particle_features": names(particle_features, cls.ALL_PARTICLE_FEATURES, "particle feature"),
            "jet_features": names(jet_features, cls.ALL_JET_FEATURES, "jet feature"),
            "num_particles": int(num_particles), "split": [split] if isinstance(split, str) else list(split),
            "download": bool(download)})
        return data_outputs(outputs)
