"""jetnet.evaluation: generative-model metrics computed by JetNet for Swift."""
from __future__ import annotations

from .gen_metrics import *  # noqa: F403
from .gen_metrics import __all__  # noqa: F401
