"""jetnet.datasets.normalisations: featurewise linear normalisations (pure numpy), with jetnet
0.2.5's arguments and behaviour; mismatched lengths raise an error that is both a ValueError and
an AssertionError (jetnet asserts)."""
from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from .._capi import JetNetInputError

__all__ = ["NormaliseABC", "FeaturewiseLinear", "FeaturewiseLinearBounded"]


def _per_feature(value, count: int, name: str) -> list:
    """A scalar broadcast to every feature, or a list that must have one entry per feature."""
    if value is None or isinstance(value, (bool, int, float, np.floating, np.integer)):
        return [value] * count
    values = list(np.asarray(value, dtype=object).reshape(-1))
    if len(values) != count:
        raise JetNetInputError(f"{name} has {len(values)} entries but the input has {count} features; pass one per feature")
    return values


def _writable_columns(x, normalise_features, inplace: bool):
    """``x`` to write into (a copy unless ``inplace``) and the indices of the features to change."""
    count = x.shape[-1]
    selected = _per_feature(True if normalise_features is None else normalise_features, count, "normalise_features")
    if not inplace:
        x = x.clone() if hasattr(x, "clone") and hasattr(x, "detach") else np.array(x, copy=True)
    return x, [i for i in range(count) if selected[i]]


class NormaliseABC(ABC):
    """A normalisation: ``norm(x)`` normalises the last axis of ``x``, ``norm(x, inverse=True)``
    undoes it."""

    def features_need_deriving(self) -> bool:
        return False

    def derive_dataset_features(self, x):  # noqa: ARG002
        return None

    @abstractmethod
    def __call__(self, x, inverse: bool = False, inplace: bool = False):
        ...


class FeaturewiseLinear(NormaliseABC):
    """``x -> (x + feature_shifts) * feature_scales`` per feature (only where
    ``normalise_features``); with ``normal``, ``derive_dataset_features`` sets the shifts and
    scales to give every feature zero mean and unit standard deviation.

    With ``normal`` the statistics must be derived before use (a dataset derives them from its
    data), as the Swift library's ``FeaturewiseLinear``: jetnet 0.2.5 derives only when the
    shifts or scales are None, so ``normal=True`` with its default shifts normalises nothing."""

    def __init__(self, feature_shifts=0.0, feature_scales=1.0, normalise_features=None, normal: bool = False):
        self.feature_shifts = feature_shifts
        self.feature_scales = feature_scales
        self.normalise_features = normalise_features
        self.normal = normal
        self._derived = False

    def derive_dataset_features(self, x):
        """With ``normal``: the shifts ``-mean`` and scales ``1 / std`` of each feature of ``x``
        ``[..., num_features]`` (saved and returned); otherwise nothing."""
        if not self.normal:
            return None
        x = np.asarray(x)
        rows = x.reshape(-1, x.shape[-1])
        self.feature_shifts = -np.mean(rows, axis=0)
        self.feature_scales = 1.0 / np.std(rows, axis=0)
        self._derived = True
        return self.feature_shifts, self.feature_scales

    def features_need_deriving(self) -> bool:
        return self.feature_shifts is None or self.feature_scales is None or (self.normal and not self._derived)

    def __call__(self, x, inverse: bool = False, inplace: bool = False):
        if self.features_need_deriving():
            raise JetNetInputError(
                "feature shifts and scales are not derived; call derive_dataset_features(data) first (or pass them)")
        count = x.shape[-1]
        shifts = _per_feature(self.feature_shifts, count, "feature_shifts")
        scales = _per_feature(self.feature_scales, count, "feature_scales")
        x, columns = _writable_columns(x, self.normalise_features, inplace)
        for i in columns:
            if inverse:
                x[..., i] /= scales[i]
                x[..., i] -= shifts[i]
            else:
                x[..., i] += shifts[i]
                x[..., i] *= scales[i]
        return x

    def __repr__(self) -> str:
        text = ("Normalising features to zero mean and unit standard deviation" if self.normal
                else f"Shift features by {self.feature_shifts} and then multiplying by {self.feature_scales}")
        if self.normalise_features is not None and self.normalise_features is not True:
            text += f", normalising features: {self.normalise_features}"
        return text


class FeaturewiseLinearBounded(NormaliseABC):
    """``x -> x / feature_maxes * feature_norms + feature_shifts`` per feature (only where
    ``normalise_features``; a None norm or shift skips that step). ``derive_dataset_features``
    sets ``feature_maxes`` to each feature's largest absolute value."""

    def __init__(self, feature_norms=1.0, feature_shifts=0.0, feature_maxes=None, normalise_features=None):
        self.feature_norms = feature_norms
        self.feature_shifts = feature_shifts
        self.feature_maxes = feature_maxes
        self.normalise_features = normalise_features

    def derive_dataset_features(self, x):
        """The largest absolute value of each feature of ``x`` ``[..., num_features]`` (saved and
        returned)."""
        x = np.asarray(x)
        self.feature_maxes = np.max(np.abs(x.reshape(-1, x.shape[-1])), axis=0)
        return self.feature_maxes

    def features_need_deriving(self) -> bool:
        return self.feature_maxes is None

    def __call__(self, x, inverse: bool = False, inplace: bool = False):
        if self.features_need_deriving():
            raise JetNetInputError("feature maxes are not set; set them or call derive_dataset_features first")
        count = x.shape[-1]
        if len(self.feature_maxes) != count:
            raise JetNetInputError(
                f"feature_maxes has {len(self.feature_maxes)} entries but the input has {count} features")
        maxes = list(self.feature_maxes)
        norms = _per_feature(self.feature_norms, count, "feature_norms")
        shifts = _per_feature(self.feature_shifts, count, "feature_shifts")
        x, columns = _writable_columns(x, self.normalise_features, inplace)
        for i in columns:
            if inverse:
                if shifts[i] is not None:
                    x[..., i] -= shifts[i]
                if norms[i] is not None:
                    x[..., i] /= norms[i]
                    x[..., i] *= maxes[i]
            else:
                if norms[i] is not None:
                    x[..., i] /= maxes[i]
                    x[..., i] *= norms[i]
                if shifts[i] is not None:
                    x[..., i] += shifts[i]
        return x

    def __repr__(self) -> str:
        text = (f"Linear scaling features to feature norms {self.feature_norms} "
                f" and (post-scaling) feature shifts {self.feature_shifts}")
        if self.feature_maxes is not None:
            text += f", with pre-scaling feature maxes {self.feature_maxes}"
        if self.normalise_features is not None and self.normalise_features is not True:
            text += f", normalising features: {self.normalise_features}"
        return text
