"""jetnet.datasets: JetNet, TopTagging, QuarkGluon (and JetClass), read by the Swift library."""
from __future__ import annotations

from . import normalisations  # noqa: F401
from .jetclass import JetClass  # noqa: F401
from .jetnet import JetNet  # noqa: F401
from .qgjets import QuarkGluon  # noqa: F401
from .toptagging import TopTagging  # noqa: F401
