"""The installed package runs without a Swift toolchain: no Swift library on the search path."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jetnet_swift


def _clean_environment():
    keep = {"HOME", "LANG", "LC_ALL", "TMPDIR"}
    environment = {key: value for key, value in os.environ.items() if key in keep}
    environment["PATH"] = "/usr/local/bin:/usr/bin:/bin"
    return environment


def test_package_imports_and_computes_without_the_swift_toolchain(tmp_path):
    script = (
        "import numpy as np\n"
        "from jetnet_swift.evaluation import fpd, kpd, w1m\n"
        "x = np.random.default_rng(0).random((3000, 4))\n"
        "print(fpd(x, x + 1, min_samples=500, max_samples=2000)[0] > 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=_clean_environment(),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_library_links_no_swift_runtime_library():
    library = Path(jetnet_swift.__file__).parent / "_lib" / "libJetNetCAPI.so"
    assert library.is_file()
    linked = subprocess.run(["ldd", str(library)], capture_output=True, text=True, env=_clean_environment()).stdout
    assert "not found" not in linked, linked
    for name in ["libswiftCore", "libFoundation", "libdispatch", "libswift_"]:
        assert name not in linked, linked
