"""Shared helper of the python_api_* tasks (not a task: no NAME): the Python package
jetnet_swift, installed from python/ into bench/.data/python-api for the bench's Python."""
import subprocess
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
_TARGET = _ROOT / "bench" / ".data" / "python-api"
_installed = False


def jetnet_swift():
    """Installs python/ once per bench run (its build runs swift build) and imports it."""
    global _installed
    if not _installed:
        print("[python-api] installing jetnet_swift from python/ …", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps",
                        "--upgrade", "--target", str(_TARGET), str(_ROOT / "python")],
                       check=True, stdout=sys.stderr)
        sys.path.insert(0, str(_TARGET))
        _installed = True
    import jetnet_swift
    import jetnet_swift.evaluation
    import jetnet_swift.utils

    return jetnet_swift
