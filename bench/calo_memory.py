"""Peak memory of `jetnet calo evaluate` on dataset 3: 50k generated showers against a 50k
reference in two files (official layout, float32, gzip), i.e. 16 GB of float64 voxels if
loaded whole. Prints one line for bench/RESULTS.md.

Usage: bench/calo_memory.py [--jetnet .build/release/jetnet] [--data bench/.data]
(inputs are made once into the data folder by bench/calo_inputs.py; a few GB of disk).
"""
import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

here = Path(__file__).resolve().parent
parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--jetnet", default=str(here.parent / ".build/release/jetnet"))
parser.add_argument("--data", default=str(here / ".data"))
parser.add_argument("--reuse-generated", action="store_true",
                    help="use the generated file as the 50k reference too (saves making two more files)")
args = parser.parse_args()
data = Path(args.data)
data.mkdir(parents=True, exist_ok=True)

sys.path.insert(0, str(here))
from calo_inputs import calo_showers


def once(name, make):
    path = data / name
    if not path.exists():
        print(f"making {name}", file=sys.stderr, flush=True)
        tmp = path.with_suffix(".tmp" + path.suffix)
        make(str(tmp))
        tmp.rename(path)
    return path


generated = once("calo_ds3_gen_50k.hdf5", lambda p: calo_showers(p, 50_000, 40500, 0.05, 31, "gzip"))
if args.reuse_generated:
    reference = [generated]
else:
    reference = [once(f"calo_ds3_ref_{i}_25k.hdf5", lambda p, i=i: calo_showers(p, 25_000, 40500, 0.05, 32 + i, "gzip"))
                 for i in (1, 2)]

command = [args.jetnet, "calo", "evaluate", "--dataset", "3", "--gen", str(generated), "--json", "--quiet"]
for path in reference:
    command += ["--reference", str(path)]
start = time.perf_counter()
output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 ** 2  # KiB -> GiB
result = json.loads(output)
files = "1 file, the generated one" if args.reuse_generated else "2 files"
print(f"| calo evaluate, dataset 3, 50k gen vs 50k reference ({files}), FPD+KPD | {seconds:.1f} s | peak RSS {peak:.2f} GiB | "
      f"FPD x1e3 {result['fpd']['value'] * 1e3:.3f}, KPD x1e3 {result['kpd']['value'] * 1e3:.4f} |")
