"""Makes the benchmark inputs, once, deterministically from the committed sample jets.

Both sides read these same files (written to bench/.data, which is not committed):
- real.npy / gen.npy: 50,000 jets x 30 particles x 3 features (etarel, phirel, ptrel), float32,
  bootstrap-resampled (seed 2026) from the embedded g sample; gen is the real bootstrap with
  particle pt smeared by 10% and renormalised (like the golden metrics' gen sample).
- real4.npy: the same real jets with the mask feature (JetNet order, 4 features).
- g150.hdf5: 50,000 jets x 150 particles, resampled from g150.hdf5, chunked + gzip like JetNet.
- big.npy: 100 MB of float32 for the .npy reading task.
- uproot-HZZ-objects.root: copied from the ROOT test fixtures (std::vector branches, LZ4).
- jetclass-100k-{zstd,lz4}.root: 100,000 JetClass-format entries written by CERN ROOT itself
  (bench/make_root_input.py; std::vector<float> branches), made with the Python named by
  JETNET_BENCH_ROOT_PYTHON (a venv with `pip install root`; the reference venv has no ROOT).
- real_efps.npy / gen_efps.npy: the 36 d<=4 EFPs of real/gen (jetnet.utils.efps; computed
  once, cached) — the FPD/KPD inputs.
"""
import os
import sys
from pathlib import Path

import h5py
import numpy as np

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
samples = Path(__file__).resolve().parents[1] / "Sources/JetNetSamples/Resources/jetnet"
N = 50_000


def once(name, make):
    path = out / name
    if not path.exists():
        print(f"making bench input {name}", file=sys.stderr, flush=True)
        tmp = path.with_suffix(".tmp" + path.suffix)
        make(tmp)
        tmp.rename(path)
    return path


rng = np.random.default_rng(2026)
with h5py.File(samples / "g.hdf5") as f:
    g = np.array(f["particle_features"])
with h5py.File(samples / "g150.hdf5") as f:
    g150 = np.array(f["particle_features"])
    g150_jets = np.array(f["jet_features"])
idx = rng.integers(0, len(g), N)
real4 = g[idx].astype(np.float32)
smear = rng.normal(1.0, 0.1, real4.shape[:2]).astype(np.float32)
gen4 = real4.copy()
gen4[..., 2] *= smear * real4[..., 3]
gen4[..., 2] /= np.maximum(gen4[..., 2].sum(axis=1, keepdims=True), 1e-12)
idx150 = rng.integers(0, len(g150), N)

once("real4.npy", lambda p: np.save(p, real4))
once("real.npy", lambda p: np.save(p, real4[..., :3]))
once("gen.npy", lambda p: np.save(p, gen4[..., :3]))
once("big.npy", lambda p: np.save(p, rng.random(25_000_000, dtype=np.float32)))


def write150(p):
    with h5py.File(p, "w") as f:
        f.create_dataset("particle_features", data=g150[idx150], chunks=(64, 150, 4), compression="gzip")
        f.create_dataset("jet_features", data=g150_jets[idx150], chunks=(256, 4), compression="gzip")


once("g150.hdf5", write150)
once("uproot-HZZ-objects.root", lambda p: __import__("shutil").copyfile(
    Path(__file__).resolve().parents[1] / "Tests/JetNetIOTests/Fixtures/root/uproot-HZZ-objects.root", p))



def root_input(compression):
    def make(p):
        import os
        import subprocess
        python = os.environ.get("JETNET_BENCH_ROOT_PYTHON")
        if not python:
            sys.exit("the convert-root bench input needs ROOT: set JETNET_BENCH_ROOT_PYTHON to a Python with "
                     "`pip install root` (CERN ROOT wheels, CPython 3.11)")
        subprocess.run([python, str(Path(__file__).resolve().parent / "make_root_input.py"), str(p), "100000",
                        str(compression)], check=True)
    return make


if os.environ.get("JETNET_BENCH_ROOT_PYTHON") or (out / "jetclass-100k-zstd.root").exists():
    once("jetclass-100k-zstd.root", root_input(505))
    once("jetclass-100k-lz4.root", root_input(404))


def efps_of(name):
    def make(p):
        from jetnet.utils import efps
        jets = np.load(out / name)
        np.save(p, efps(jets, efpset_args=[("d<=", 4)], efp_jobs=2))
    return make


once("real_efps.npy", efps_of("real.npy"))
once("gen_efps.npy", efps_of("gen.npy"))



def calo_ds2(p):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from calo_inputs import calo_showers
    calo_showers(p, 100_000, 6480, 0.3, 2)


once("calo_ds2_100k.hdf5", calo_ds2)
