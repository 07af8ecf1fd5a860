"""jetnet.utils: jet features, EFPs, images, generated-jet corrections, coordinate transforms."""
from __future__ import annotations

from .coord_transform import *  # noqa: F403
from .utils import *  # noqa: F403
