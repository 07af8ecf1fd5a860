"""jetnet_swift: jetnet 0.2.5's API computed by JetNet for Swift.

Change ``import jetnet`` to ``import jetnet_swift as jetnet`` (or ``from jetnet_swift.evaluation
import fpd, kpd, w1m``); the functions take and return numpy arrays and floats as jetnet's do.
"""
from __future__ import annotations

from . import augment, datasets, emd, evaluation, utils  # noqa: F401
from ._capi import JetNetInputError, version as library_version  # noqa: F401

__version__ = "0.1.0"
