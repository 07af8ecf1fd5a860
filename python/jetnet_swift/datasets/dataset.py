"""The dataset base class: numpy arrays in memory, normalised once, indexable by
``torch.utils.data.DataLoader`` (this package does not import torch)."""
from __future__ import annotations

from typing import Any, Callable

from .. import _capi

ALL = "all"


def names(value, all_names: list[str], kind: str) -> list[str]:
    """jetnet's feature/jet-type argument (a name, a list or set of names, "all", None or [])
    as a list of names in the order given ("all" gives ``all_names``)."""
    if value is None:
        return []
    if isinstance(value, str):
        return list(all_names) if value == ALL else [value]
    value = list(value)
    if value == [ALL]:
        return list(all_names)
    for name in value:
        if not isinstance(name, str):
            raise _capi.JetNetInputError(f"{kind} {name!r} is not a name; pass strings out of {all_names}")
    return value


_BASE_ARGUMENTS = ("data_dir", "particle_features", "jet_features", "particle_normalisation", "jet_normalisation",
                   "particle_transform", "jet_transform", "num_particles")


def base_arguments(arguments: dict) -> dict:
    """JetDataset's arguments picked from a subclass's ``__init__`` arguments (its ``locals()``)."""
    return {name: arguments[name] for name in _BASE_ARGUMENTS}


def data_outputs(outputs):
    """The library's getData outputs as (particle_data, jet_data), None for an absent one."""
    particle_data, jet_data = outputs[0], outputs[1]
    return (None if particle_data.ndim == 1 else particle_data), (None if jet_data.ndim == 1 else jet_data)


class JetDataset:
    """Base of the datasets: ``particle_data`` ``[num_jets, num_particles, num_features]`` and
    ``jet_data`` ``[num_jets, num_jet_features]`` (either may be None), normalised on creation;
    ``dataset[i]`` gives ``(particle_data[i], jet_data[i])`` after the optional transforms
    (``[]`` for an unused one), as jetnet's ``JetDataset``."""

    _repr_indent = 4
    particle_data = None
    jet_data = None
    MAX_NUM_PARTICLES = None

    def __init__(self, data_dir: str = "./", particle_features="all", jet_features="all",
                 particle_normalisation=None, jet_normalisation=None,
                 particle_transform: Callable | None = None, jet_transform: Callable | None = None,
                 num_particles: int | None = None):
        self.data_dir = data_dir
        self.particle_features = particle_features
        self.jet_features = jet_features
        self.use_particle_features = bool(particle_features)
        self.use_jet_features = bool(jet_features)
        self.particle_normalisation = particle_normalisation
        self.jet_normalisation = jet_normalisation
        if self.use_particle_features and particle_normalisation is not None:
            if particle_normalisation.features_need_deriving():
                particle_normalisation.derive_dataset_features(self.particle_data)
            self.particle_data = particle_normalisation(self.particle_data)
        if self.use_jet_features and jet_normalisation is not None:
            if jet_normalisation.features_need_deriving():
                jet_normalisation.derive_dataset_features(self.jet_data)
            self.jet_data = jet_normalisation(self.jet_data)
        self.particle_transform = particle_transform
        self.jet_transform = jet_transform
        self.num_particles = num_particles

    @classmethod
    def getData(cls, **options) -> Any:
        raise NotImplementedError

    def __getitem__(self, index):
        particle_data: Any = []
        jet_data: Any = []
        if self.use_particle_features:
            particle_data = self.particle_data[index]
            if self.particle_transform is not None:
                particle_data = self.particle_transform(particle_data)
        if self.use_jet_features:
            jet_data = self.jet_data[index]
            if self.jet_transform is not None:
                jet_data = self.jet_transform(jet_data)
        return particle_data, jet_data

    def __len__(self) -> int:
        return len(self.particle_data if self.particle_data is not None else self.jet_data)

    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        body = [f"Number of datapoints: {len(self)}"]
        if self.data_dir is not None:
            body.append(f"Data location: {self.data_dir}")
        body += self.extra_repr().splitlines()
        if self.particle_normalisation is not None:
            body.append(f"Particle normalisation: {self.particle_normalisation}")
        if self.jet_normalisation is not None:
            body.append(f"Jet normalisation: {self.jet_normalisation}")
        lines = ["Dataset " + self.__class__.__name__] + [" " * self._repr_indent + line for line in body]
        return "\n".join(lines)

