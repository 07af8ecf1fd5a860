"""PEP 517 build backend of jetnet_swift: builds the Swift C ABI library and packs the wheel.

The repository root is the parent of python/ (pip builds local directories in place); set
JETNET_SWIFT_REPO to build from elsewhere. The library is built with
`swift build -c release --product JetNetCAPI -Xswiftc -static-stdlib` in the scratch folder
`.build-python` of the repository, so the Swift runtime and Foundation are linked into it and
the installed package runs without a Swift toolchain.
"""
from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile
from pathlib import Path

NAME = "jetnet_swift"
VERSION = "0.1.0"
PYTHON_DIR = Path(__file__).resolve().parent.parent
# The resource bundles the library reads at run time (EFP graph table, FPND network).
RESOURCE_BUNDLES = ["JetNet_JetNetPhysics.resources", "JetNet_JetNetMetrics.resources"]


def _repository() -> Path:
    root = Path(os.environ.get("JETNET_SWIFT_REPO", PYTHON_DIR.parent)).resolve()
    if not (root / "Package.swift").is_file():
        raise RuntimeError(
            f"{root} has no Package.swift; build from the repository (pip install ./python) "
            "or set JETNET_SWIFT_REPO to the repository root")
    return root


def _build_library() -> Path:
    """Runs swift build and returns the folder holding the library and its resource bundles."""
    root = _repository()
    swift = shutil.which("swift")
    if swift is None:
        raise RuntimeError("swift is not on PATH; run scripts/install-deps and put the Swift toolchain on PATH")
    scratch = root / ".build-python"
    command = [swift, "build", "-c", "release", "--product", "JetNetCAPI", "--scratch-path", str(scratch),
               "-Xswiftc", "-static-stdlib"]
    print("jetnet_swift: " + " ".join(command), file=sys.stderr, flush=True)
    subprocess.run(command, cwd=root, check=True, stdout=sys.stderr)
    products = scratch / "release"
    if not (products / "libJetNetCAPI.so").is_file():
        raise RuntimeError(f"swift build did not produce {products / 'libJetNetCAPI.so'}")
    return products


def _metadata() -> str:
    readme = (PYTHON_DIR / "README.md").read_text(encoding="utf-8")
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {NAME}\nVersion: {VERSION}\n"
        "Summary: jetnet 0.2.5's Python API computed by JetNet for Swift\n"
        "License: MIT\nRequires-Python: >=3.9\nRequires-Dist: numpy\n"
        "Description-Content-Type: text/markdown\n\n" + readme)


def _platform_tag() -> str:
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def _wheel_files(products: Path):
    """(archive name, bytes) of every file in the wheel but the dist-info."""
    package = PYTHON_DIR / NAME
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc" and "_lib" not in path.parts:
            yield f"{NAME}/{path.relative_to(package).as_posix()}", path.read_bytes()
    yield f"{NAME}/_lib/libJetNetCAPI.so", _stripped(products / "libJetNetCAPI.so")
    yield f"{NAME}/_lib/jetnet_capi.h", (_repository() / "Sources/CJetNetCAPI/jetnet_capi.h").read_bytes()
    for bundle in RESOURCE_BUNDLES:
        for path in sorted((products / bundle).rglob("*")):
            if path.is_file():
                yield f"{NAME}/_lib/{bundle}/{path.relative_to(products / bundle).as_posix()}", path.read_bytes()


def _stripped(library: Path) -> bytes:
    """The library without its symbol table (a quarter of its size); as built if strip is missing."""
    strip = shutil.which("strip")
    if strip is None:
        return library.read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / library.name
        shutil.copyfile(library, copy)
        subprocess.run([strip, "--strip-unneeded", str(copy)], check=True)
        return copy.read_bytes()


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _dist_info_files(tag: str):
    dist_info = f"{NAME}-{VERSION}.dist-info"
    wheel = f"Wheel-Version: 1.0\nGenerator: jetnet_swift_build\nRoot-Is-Purelib: false\nTag: {tag}\n"
    return dist_info, [(f"{dist_info}/METADATA", _metadata().encode()), (f"{dist_info}/WHEEL", wheel.encode())]


# ---- PEP 517 hooks ----

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    dist_info, files = _dist_info_files(f"py3-none-{_platform_tag()}")
    for name, data in files:
        target = Path(metadata_directory) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return dist_info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    tag = f"py3-none-{_platform_tag()}"
    products = _build_library()
    dist_info, dist_files = _dist_info_files(tag)
    name = f"{NAME}-{VERSION}-{tag}.whl"
    target = Path(wheel_directory) / name
    temporary = target.with_suffix(".whl.partial")
    records = []
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
        for archive_name, data in list(_wheel_files(products)) + dist_files:
            info = zipfile.ZipInfo(archive_name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if archive_name.endswith(".so") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)
            records.append(_record_line(archive_name, data))
        records.append(f"{dist_info}/RECORD,,")
        wheel.writestr(f"{dist_info}/RECORD", "\n".join(records) + "\n")
    temporary.replace(target)
    return name


def build_sdist(sdist_directory, config_settings=None):
    """The python/ folder only: building a wheel from it needs the repository (JETNET_SWIFT_REPO)."""
    base = f"{NAME}-{VERSION}"
    name = f"{base}.tar.gz"
    target = Path(sdist_directory) / name
    temporary = target.with_suffix(".partial")
    with tarfile.open(temporary, "w:gz") as archive:
        for path in sorted(PYTHON_DIR.rglob("*")):
            relative = path.relative_to(PYTHON_DIR)
            if path.is_file() and "__pycache__" not in relative.parts and "_lib" not in relative.parts:
                archive.add(path, arcname=f"{base}/{relative.as_posix()}")
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = _metadata().encode()
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    temporary.replace(target)
    return name
